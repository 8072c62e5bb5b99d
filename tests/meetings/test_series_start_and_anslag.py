"""Where a group's § series continues (minutes kept on paper until Tryggapp took over in
the middle of a year), and the anslag: services, their refusals, and the protokoll PDF."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from tests.meetings.conftest import make_group
from tests.meetings.test_minutes_service import meeting_with_items, numbers
from tryggapp.i18n import _
from tryggapp.services import meetings as mt
from tryggapp.services import minutes as mn
from tryggapp.services import protocol
from tryggapp.services.validation import ValidationError

TODAY = dt.date(2026, 6, 1)


def justera(db, group, meeting_id, day):
    return mn.justera(db, meeting_id, chair_id=group.chair, adjuster_id=group.members[2], adjusted_on=day,
                      now=dt.datetime.combine(day, dt.time(12)))


def refusal(excinfo) -> tuple[str, str]:
    (error,) = excinfo.value.errors
    return error.field, error.message


def test_the_series_continues_from_the_number_given(db, group):
    # "Nästa paragrafnummer för gruppen 2026: § 37" before any minutes are written here.
    assert mn.set_series_start(db, group.id, 2026, 37) == 1
    a = meeting_with_items(db, group, dt.date(2026, 5, 4), ["A1", "A2", "A3"])
    b = meeting_with_items(db, group, dt.date(2026, 6, 8), ["B1"])
    assert numbers(db, a.id) == [(37, "A1"), (38, "A2"), (39, "A3")]
    assert numbers(db, b.id) == [(40, "B1")]
    # Adding, removing and moving keep the series from 37.
    mn.add_item(db, a.id, {"heading": "A0"}, position=0)
    assert numbers(db, a.id)[0] == (37, "A0") and numbers(db, b.id) == [(41, "B1")]
    mn.delete_item(db, next(r.id for r in mn.items(db, a.id, TODAY) if r.heading == "A0"))
    assert numbers(db, a.id) == [(37, "A1"), (38, "A2"), (39, "A3")]
    # Another year and another group keep their own series from § 1.
    old = meeting_with_items(db, group, dt.date(2025, 11, 3), ["Ö1"])
    other = make_group(db, "Styrgruppen")
    o = meeting_with_items(db, other, dt.date(2026, 5, 4), ["S1"])
    assert numbers(db, old.id) == [(1, "Ö1")] and numbers(db, o.id) == [(1, "S1")]
    # A meeting moved into 2026 joins the series from 37, in date order.
    mt.update_meeting(db, old.id, {"date": dt.date(2026, 4, 1)})
    assert numbers(db, old.id) == [(37, "Ö1")] and numbers(db, a.id)[0] == (38, "A1")
    assert mn.first_number(db, group.id, 2026) == 37 and mn.first_number(db, group.id, 2025) == 1


def test_setting_the_start_later_renumbers_the_drafts_and_undoes(db, group):
    a = meeting_with_items(db, group, dt.date(2026, 5, 4), ["A1", "A2"])
    assert numbers(db, a.id) == [(1, "A1"), (2, "A2")]
    before = mn.set_series_start(db, group.id, 2026, "§ 37")  # as typed, with the sign
    assert numbers(db, a.id) == [(37, "A1"), (38, "A2")]
    assert mn.set_series_start(db, group.id, 2026, before) == 37  # the undo
    assert numbers(db, a.id) == [(1, "A1"), (2, "A2")]


def test_the_protokoll_prints_the_continued_numbers(db, group, tmp_path):
    from tryggapp.reports import minutes as pdf

    mn.set_series_start(db, group.id, 2026, 37)
    a = meeting_with_items(db, group, dt.date(2026, 5, 4), ["Mötet öppnas", "Val av justerare", "Avslutning"])
    data = protocol.collect(db, a.id, TODAY)
    assert data.paragraph_range == "37–39"
    out = tmp_path / "protokoll.pdf"
    pdf.build_protocol(data, out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "37–39" in text and "§ 37" in text and "§ 39" in text and "§ 1 " not in text


@pytest.mark.parametrize("value", [0, -3, None, "", "tre", 2.5, "37,5", 10_000, True])
def test_the_start_must_be_a_whole_number_from_1(db, group, value):
    with pytest.raises(ValidationError) as excinfo:
        mn.set_series_start(db, group.id, 2026, value)
    field, message = refusal(excinfo)
    assert field == "first_number"
    assert message == _("Next paragraph number: give a whole number from 1 to {max}.").format(max="9\u00a0999")
    assert message.startswith("Nästa paragrafnummer: ange ett heltal från 1 till")
    assert mn.first_number(db, group.id, 2026) == 1


def test_numbers_used_in_approved_minutes_cannot_change(db, group):
    mn.set_series_start(db, group.id, 2026, 37)
    a = meeting_with_items(db, group, dt.date(2026, 5, 4), ["A1", "A2", "A3"])
    b = meeting_with_items(db, group, dt.date(2026, 6, 8), ["B1"])
    justera(db, group, a.id, dt.date(2026, 5, 6))
    for lower in (1, 30, 36):
        with pytest.raises(ValidationError) as excinfo:
            mn.set_series_start(db, group.id, 2026, lower)
        field, message = refusal(excinfo)
        assert field == "first_number"
        assert message == (f"Nästa paragrafnummer kan inte vara § {lower}: § 37–39 för Arbetsgrupp Centrum 2026 "
                           "finns redan i justerade protokoll, och de numren ändras aldrig. Ange § 37, eller öppna "
                           "de protokollen igen först.")
    with pytest.raises(ValidationError):  # higher would change them too
        mn.set_series_start(db, group.id, 2026, 40)
    assert mn.first_number(db, group.id, 2026) == 37
    assert numbers(db, a.id) == [(37, "A1"), (38, "A2"), (39, "A3")] and numbers(db, b.id) == [(40, "B1")]
    assert mn.set_series_start(db, group.id, 2026, 37) == 37  # the same number: nothing to do
    # Reopened, the numbers may move again.
    mn.reopen(db, a.id, "Fel startnummer", now=dt.datetime(2026, 5, 7))
    mn.set_series_start(db, group.id, 2026, 41)
    assert numbers(db, a.id)[0] == (41, "A1") and numbers(db, b.id) == [(44, "B1")]


def test_anslag_is_validated_and_kept_after_the_justering(db, group):
    a = meeting_with_items(db, group, dt.date(2026, 2, 3), ["A1"])
    justera(db, group, a.id, dt.date(2026, 2, 6))
    with pytest.raises(ValidationError) as excinfo:  # posted before the justering
        mn.update_minutes(db, a.id, {"posted_from": dt.date(2026, 2, 5)})
    field, message = refusal(excinfo)
    assert field == "posted_from"
    assert message == ("”Anslaget sätts upp” (2026-02-05) kan inte vara före justeringsdatumet (2026-02-06): "
                       "protokollet anslås först när det är justerat.")
    mn.update_minutes(db, a.id, {"posted_from": dt.date(2026, 2, 7)})
    with pytest.raises(ValidationError) as excinfo:  # taken down before it was put up
        mn.update_minutes(db, a.id, {"posted_to": dt.date(2026, 2, 6)})
    field, message = refusal(excinfo)
    assert field == "posted_to"
    assert message == "”Anslaget tas ned” (2026-02-06) kan inte vara före ”Anslaget sätts upp” (2026-02-07)."
    old = mn.update_minutes(db, a.id, {"posted_to": dt.date(2026, 2, 28), "kept_at": " Kommunkansliet "})
    assert old == {"posted_to": None, "kept_at": ""}
    minutes = mn.minutes_of(db, a.id)
    assert (minutes.posted_from, minutes.posted_to, minutes.kept_at) == (
        dt.date(2026, 2, 7), dt.date(2026, 2, 28), "Kommunkansliet")


def test_the_protokoll_prints_the_anslag_block(db, group, tmp_path):
    from tryggapp.reports import minutes as pdf

    a = meeting_with_items(db, group, dt.date(2026, 2, 3), ["A1"])
    justera(db, group, a.id, dt.date(2026, 2, 6))
    mn.update_minutes(db, a.id, {"posted_from": dt.date(2026, 2, 7), "posted_to": dt.date(2026, 2, 28),
                                 "kept_at": "Kommunkansliet, Storgatan 1"})
    out = tmp_path / "protokoll.pdf"
    pdf.build_protocol(protocol.collect(db, a.id, TODAY), out)
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for words in ("Anslag/bevis", "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
                  "Organ Arbetsgrupp Centrum", "Sammanträdesdatum 3 februari 2026",
                  "Datum då anslaget sätts upp 7 februari 2026", "Datum då anslaget tas ned 28 februari 2026",
                  "Förvaringsplats för protokollet Kommunkansliet, Storgatan 1", "Underskrift"):
        assert words in text, words
