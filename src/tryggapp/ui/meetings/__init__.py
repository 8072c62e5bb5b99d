"""The Möten editor's parts: booking, attendance, minutes (see ui.sections.meetings)."""
