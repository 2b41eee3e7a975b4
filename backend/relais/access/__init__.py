"""Who may see or do what on a patient: the one place where it is decided."""
