"""Wording (issue 11): the undo action reads as one sentence, the bulk dialog does not say
"alla 1", and the report says Deadline as the screen and Excel do."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tryggapp.i18n import _
from tryggapp.services import measures
from tryggapp.ui.commands import action_text
from tryggapp.ui.plan.dialogs import BulkEditDialog


def test_undo_action_in_sentence_case(window):
    from tryggapp import domain as d
    from tryggapp.ui import commands

    commands.create(window.ctx, d.Organisation(name="Räddningstjänsten Syd"),
                    _("Add organisation “{name}”").format(name="Räddningstjänsten Syd"))
    assert window.undo_action.text() == "&Ångra lägg till organisationen ”Räddningstjänsten Syd”"
    window.ctx.undo_stack.undo()
    assert window.redo_action.text() == "&Gör om lägg till organisationen ”Räddningstjänsten Syd”"
    assert action_text("&Ångra", "BRÅ-möte flyttat") == "&Ångra BRÅ-möte flyttat"
    assert action_text("&Ångra", "") == "&Ångra"


def test_bulk_dialog_for_one_measure_does_not_say_all_one(window):
    choices = measures.choices(window.ctx.db)
    one = BulkEditDialog(choices, 1, window)
    texts = [label.text() for label in one.findChildren(QLabel)]
    assert not any("alla 1 " in t for t in texts)
    assert any("den markerade åtgärden" in t for t in texts)
    many = BulkEditDialog(choices, 3, window)
    assert any("alla 3 på en gång" in label.text() for label in many.findChildren(QLabel))


def test_report_and_screen_say_deadline():
    assert _("Due date") == "Deadline" == _("Deadline")
