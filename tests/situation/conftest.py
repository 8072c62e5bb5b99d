"""The main window on the demo database (tests/ui's fixture)."""

from tests.ui.conftest import window  # noqa: F401
