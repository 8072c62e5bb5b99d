"""The action plan view: table model and filter, detail panel, dialogs, undoable operations."""
