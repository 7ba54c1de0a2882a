"""Whole programmes in and out of other formats (today: programme JSON)."""
