"""Messages between a patient (and their family) and the care team."""
