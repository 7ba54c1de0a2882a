"""The window's seam with app: reads, and every edit as an undoable command."""
