"""The navigation sections of the main window."""
