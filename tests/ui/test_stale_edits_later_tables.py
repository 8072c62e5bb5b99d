"""The window's edits of the tables revision 0011 versions ask whose change stays when
someone else saved the row since it was shown (ui.conflict), as every other edit does:
an undertaking (the agreements page's dialog), an EST report's deletion, a lägesbild
source and an indicator category. "Someone else" is a save without an expected version,
as another window's or the command line's is."""

from __future__ import annotations

import pytest
from tests.conftest import DEMO_TODAY

from tryggapp import domain as d
from tryggapp.services import agreements, crud, indicators, situation
from tryggapp.ui import conflict
from tryggapp.ui.agreements import ops as agreement_ops
from tryggapp.ui.app import build_context
from tryggapp.ui.programme import indicator_ops
from tryggapp.ui.situation import ops as situation_ops


@pytest.fixture
def ctx(qtbot, demo_db):
    context = build_context(demo_db, today=lambda: DEMO_TODAY)
    context.reported = []  # type: ignore[attr-defined]
    context.report_error = context.reported.append  # type: ignore[attr-defined]
    return context


@pytest.fixture
def asked(monkeypatch):
    """The conflict dialog, built for real and answered with the choice the test sets."""
    shown: list[conflict.ConflictDialog] = []
    answer = {"choice": conflict.THEIRS}

    def ask(parent, described):  # noqa: ANN001, ANN202
        dialog = conflict.ConflictDialog(parent, described)
        shown.append(dialog)
        (dialog.keep_mine if answer["choice"] == conflict.MINE else dialog.take_theirs).click()
        return dialog.choice

    monkeypatch.setattr(conflict, "ask", ask)
    return shown, answer


def _undertaking(db) -> agreements.UndertakingRow:
    return next(u for row in agreements.agreements(db, DEMO_TODAY) for u in row.undertakings)


def test_a_stale_undertaking_edit_asks_and_keep_mine_saves_it_with_undo(ctx, asked):
    shown, answer = asked
    seen = _undertaking(ctx.db)  # what the page showed when the dialog opened
    agreements.update_undertaking(ctx.db, seen.id, {"text": "Bos text."})  # someone else saves meanwhile
    answer["choice"] = conflict.MINE
    values = {"text": "Annas text.", "organisation_id": seen.organisation_id, "measures": list(seen.linked_ids)}
    assert agreement_ops.update_undertaking(ctx, seen.id, seen.number, values, version=seen.version)
    assert len(shown) == 1 and shown[0].conflict.kind == "Åtagande"
    texts = {f.name: (f.theirs, f.mine) for f in shown[0].conflict.fields}
    assert texts["text"] == ("Bos text.", "Annas text.")
    assert crud.get(ctx.db, d.Undertaking, seen.id).text == "Annas text."
    ctx.undo_stack.undo()  # undo expects what this window wrote: Bo's text comes back
    assert crud.get(ctx.db, d.Undertaking, seen.id).text == "Bos text."
    assert ctx.reported == []


def test_a_stale_undertaking_edit_take_theirs_keeps_theirs(ctx, asked):
    shown, _answer = asked
    seen = _undertaking(ctx.db)
    agreements.update_undertaking(ctx.db, seen.id, {"text": "Bos text."})
    assert not agreement_ops.update_undertaking(ctx, seen.id, seen.number, {"text": "Annas text."},
                                                version=seen.version)
    assert len(shown) == 1 and crud.get(ctx.db, d.Undertaking, seen.id).text == "Bos text."
    assert not agreement_ops.delete_undertaking(ctx, seen.id, seen.number, version=seen.version)
    assert len(shown) == 2 and crud.get(ctx.db, d.Undertaking, seen.id) is not None
    assert ctx.undo_stack.count() == 0  # nothing refused entered the undo stack


def test_deleting_an_est_report_someone_changed_since_asks(ctx, asked):
    shown, _answer = asked
    seen = situation.est_rows(ctx.db)[0]
    situation.update_est(ctx.db, seen.id, {"place": "Torget, norra delen"})
    assert not situation_ops.delete_est(ctx, seen.id, seen.place, version=seen.version)
    assert len(shown) == 1 and shown[0].conflict.kind == "EST-rapport"
    assert situation.est_row(ctx.db, seen.id).place == "Torget, norra delen"
    # Shown afresh (the version now there), the deletion goes through and undo brings it back.
    assert situation_ops.delete_est(ctx, seen.id, seen.place, version=situation.est_row(ctx.db, seen.id).version)
    ctx.undo_stack.undo()
    assert situation.est_row(ctx.db, seen.id).place == "Torget, norra delen"


def test_a_source_and_a_category_ask_too(ctx, asked):
    shown, _answer = asked
    picture = situation.picture_rows(ctx.db)[0]
    source = situation.picture_detail(ctx.db, picture.id, DEMO_TODAY).sources[0]
    situation.update_source(ctx.db, source.id, {"owner": "Polisen LPO Väst"})
    assert not situation_ops.update_source(ctx, source.id, {"owner": "Kommunen"}, version=source.version)
    assert len(shown) == 1

    goal = crud.list_all(ctx.db, d.Goal)[0]
    category = indicators.add_category(ctx.db, goal.id, "Skadegörelse")
    indicators.rename_category(ctx.db, category.id, "Skadegörelse och klotter")
    assert not indicator_ops.rename_category(ctx, category.id, "Klotter", version=category.version)
    assert len(shown) == 2
    assert [c.name for c in indicators.list_categories(ctx.db, goal.id)] == ["Skadegörelse och klotter"]


def test_a_finding_edited_by_someone_else_since_asks_too(ctx, asked):
    """situation_finding has had a version since 0010; its edit dialog now names it."""
    shown, _answer = asked
    picture = next(p for p in situation.picture_rows(ctx.db) if p.findings)
    seen = situation.picture_detail(ctx.db, picture.id, DEMO_TODAY).findings[0]
    situation.update_finding(ctx.db, seen.id, {"title": "Bos rubrik"})
    assert not situation_ops.update_finding(ctx, seen.id, seen.number, {"title": "Annas rubrik"},
                                            version=seen.version)
    assert len(shown) == 1 and situation.finding_row(ctx.db, seen.id, DEMO_TODAY).title == "Bos rubrik"
    assert ctx.reported == [], ctx.reported


def test_take_theirs_in_the_undertaking_dialog_closes_it_with_theirs_kept(ctx, asked, qtbot):
    """Taking theirs drops what the dialog holds: it closes (kept open, its OK asked again
    about the same old version, and again)."""
    from tryggapp.ui.agreements import dialogs

    shown, _answer = asked
    seen = _undertaking(ctx.db)
    agreements.update_undertaking(ctx.db, seen.id, {"text": "Bos text."})
    dialog = dialogs.undertaking_dialog(
        lambda values, form: seen if agreement_ops.update_undertaking(ctx, seen.id, seen.number, values, form,
                                                                      version=seen.version) else None,
        [], [], [], seen)
    qtbot.addWidget(dialog)
    dialog.form.fields["text"].set_value("Annas text.")  # type: ignore[attr-defined]
    dialog.submit()  # OK
    assert len(shown) == 1 and dialog.result() == dialog.DialogCode.Accepted
    assert crud.get(ctx.db, d.Undertaking, seen.id).text == "Bos text."
    assert ctx.undo_stack.count() == 0
