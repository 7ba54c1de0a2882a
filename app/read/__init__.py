"""Plain-row reads: each takes the Database and opens its own short session."""
