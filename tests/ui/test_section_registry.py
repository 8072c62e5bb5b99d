"""The main window lists its sections without importing them (start-up builds only the
one shown): the registry's key, icon and title must be the section class's own."""

from __future__ import annotations

import pytest

from tryggapp.ui.main_window import SECTIONS


@pytest.mark.parametrize("entry", SECTIONS, ids=[e.key for e in SECTIONS])
def test_registry_entry_matches_its_section_class(entry):
    cls = entry.load()
    assert (entry.key, entry.icon, entry.title()) == (cls.key, cls.icon, cls.title())


def test_registry_keys_are_unique():
    keys = [e.key for e in SECTIONS]
    assert len(keys) == len(set(keys))
