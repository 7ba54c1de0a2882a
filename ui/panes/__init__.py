"""Views that sit in the main window: an item's details, the indicators."""
