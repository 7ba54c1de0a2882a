"""Pure rules: imports nothing else from app, opens no file."""
