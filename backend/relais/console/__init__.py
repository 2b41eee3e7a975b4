"""The care-team console: the risk-sorted patient list of a team."""
