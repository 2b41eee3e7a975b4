"""The live channel: alert changes pushed to the care team\x27s open consoles."""
