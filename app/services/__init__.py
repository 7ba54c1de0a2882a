"""Service functions: the only way anything is written to a programme file."""
