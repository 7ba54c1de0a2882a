"""The application and its main window: lays out the views and wires menus to them."""
