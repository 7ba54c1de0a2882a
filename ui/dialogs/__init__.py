"""Modal dialogs, their table models, and the one way they are run."""
