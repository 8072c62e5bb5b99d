"""Row versions of the tables revisions 0007–0009 added (revision 0011): an edit based on
a version someone else's save has overtaken is refused (StaleEdit) and writes nothing,
whatever the engine; based on the version there now, it goes through. The window names
the version it showed (ui.situation.ops, ui.agreements.ops, ui.programme.indicator_ops)."""

from __future__ import annotations

import pytest

from tests.conftest import DEMO_TODAY
from tryggapp import domain as d
from tryggapp.services import agreements, crud, indicators, situation
from tryggapp.storage import versions
from tryggapp.storage.versions import StaleEdit, expecting


def _undertaking(db) -> agreements.UndertakingRow:
    return next(u for row in agreements.agreements(db, DEMO_TODAY) for u in row.undertakings)


def test_a_stale_edit_of_an_undertaking_is_refused(demo_db):
    seen = _undertaking(demo_db)  # what Anna's window shows
    key = versions.key("undertaking", seen.id)
    agreements.update_undertaking(demo_db, seen.id, {"text": "Bos text."})  # Bo saves meanwhile
    assert _undertaking(demo_db).version == seen.version + 1

    with pytest.raises(StaleEdit) as caught, expecting({key: seen.version}):
        agreements.update_undertaking(demo_db, seen.id, {"text": "Annas text."}, [])
    assert caught.value.table == "undertaking" and caught.value.current["text"] == "Bos text."
    assert crud.get(demo_db, d.Undertaking, seen.id).text == "Bos text."
    with pytest.raises(StaleEdit), expecting({key: seen.version}):
        agreements.delete_undertaking(demo_db, seen.id)
    assert crud.get(demo_db, d.Undertaking, seen.id) is not None

    # Based on the version saved now (the conflict dialog's "Behåll min"), it is saved.
    with expecting({key: caught.value.version}) as done:
        agreements.update_undertaking(demo_db, seen.id, {"text": "Annas text."})
    assert done.written[key] == seen.version + 2
    assert crud.get(demo_db, d.Undertaking, seen.id).text == "Annas text."


def test_a_stale_edit_or_delete_of_an_est_report_is_refused(demo_db):
    seen = situation.est_rows(demo_db)[0]
    key = versions.key("est_report", seen.id)
    situation.update_est(demo_db, seen.id, {"place": "Torget, norra delen"})

    with pytest.raises(StaleEdit) as caught, expecting({key: seen.version}):
        situation.update_est(demo_db, seen.id, {"place": "Stationen"})
    assert caught.value.current["place"] == "Torget, norra delen"
    with pytest.raises(StaleEdit), expecting({key: seen.version}):
        situation.delete_est(demo_db, seen.id)
    assert situation.est_row(demo_db, seen.id).place == "Torget, norra delen"


def test_sources_notes_and_categories_are_versioned_too(demo_db):
    picture = situation.picture_rows(demo_db)[0]
    source = situation.picture_detail(demo_db, picture.id, DEMO_TODAY).sources[0]
    situation.update_source(demo_db, source.id, {"owner": "Polisen LPO Väst"})
    with pytest.raises(StaleEdit), expecting({versions.key("situation_source", source.id): source.version}):
        situation.update_source(demo_db, source.id, {"owner": "Kommunen"})

    note = next(n for row in agreements.agreements(demo_db, DEMO_TODAY) for u in row.undertakings for n in u.notes)
    crud.update(demo_db, d.UndertakingNote, note.id, {"text": "Bos uppföljning."})
    with pytest.raises(StaleEdit), expecting({versions.key("undertaking_note", note.id): note.version}):
        agreements.delete_note(demo_db, note.id)

    goal = crud.list_all(demo_db, d.Goal)[0]
    category = indicators.add_category(demo_db, goal.id, "Skadegörelse")
    indicators.rename_category(demo_db, category.id, "Skadegörelse och klotter")
    with pytest.raises(StaleEdit), expecting({versions.key("indicator_category", category.id): category.version}):
        indicators.rename_category(demo_db, category.id, "Klotter")
    assert [c.name for c in indicators.list_categories(demo_db, goal.id)] == ["Skadegörelse och klotter"]
