"""Children's follow-up: development checks, growth on WHO standards, school return, wellbeing."""
