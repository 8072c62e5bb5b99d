"""Walks, observations, photos, observation → measure and safety visits, through the
services on real SQLite files (no Qt)."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib

import pytest
from PIL import Image

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, ObservationCategory
from tryggapp.services import backups, crud, measures, photos
from tryggapp.services import walks as w
from tryggapp.services.validation import ValidationError
from tryggapp.storage import open_database

TODAY = dt.date(2026, 11, 25)


def jpeg(width: int, height: int, *, exif: Image.Exif | None = None, color=(40, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG", quality=80, exif=exif or Image.Exif())
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 30, 30, 128)).save(out, "PNG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size (a decompression bomb's first bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk + b"\x00\x00\x00\x00IEND\xaeB`\x82"


@pytest.fixture
def walk(db):
    return w.create_walk(db, {"date": dt.date(2026, 3, 17), "area": "Norrby centrum", "route": "Torget – skolan"})


def test_walk_needs_area_and_keeps_the_three_steps(db):
    with pytest.raises(ValidationError) as info:
        w.create_walk(db, {"date": dt.date(2026, 3, 17), "area": "  "})
    assert info.value.for_field("area") and "Område" in info.value.message
    walk = w.create_walk(db, {"date": dt.date(2026, 3, 17), "area": "Norrby", "premeeting_date": dt.date(2026, 2, 20),
                              "premeeting_route": "Rundan valdes efter trygghetsundersökningen",
                              "invitation": "Inbjudan till boende via Tryggviksbostäder", "resident_count": 7})
    old = w.update_walk(db, walk.id, {"follow_up_date": dt.date(2026, 4, 14), "follow_up_summary": "Klart"})
    assert old == {"follow_up_date": None, "follow_up_summary": ""}
    with pytest.raises(ValidationError) as info:
        w.update_walk(db, walk.id, {"resident_count": -1})
    assert info.value.for_field("resident_count")
    with pytest.raises(ValidationError) as info:
        w.update_walk(db, walk.id, {"follow_up_date": dt.date(2026, 3, 1)})
    assert info.value.for_field("follow_up_date")


def test_coordinates_out_of_range_give_a_swedish_message(db, walk):
    with pytest.raises(ValidationError) as info:
        w.add_observation(db, walk.id, {"place": "Gångtunneln", "latitude": 95.0, "longitude": 18.0})
    assert "Latitud" in info.value.message and "-90 och 90" in info.value.message
    with pytest.raises(ValidationError) as info:
        w.add_observation(db, walk.id, {"place": "Gångtunneln", "latitude": 59.3, "longitude": 200.0})
    assert "Longitud" in info.value.message and "-180 och 180" in info.value.message
    with pytest.raises(ValidationError) as info:  # valid WGS84, but swapped for Sweden
        w.add_observation(db, walk.id, {"place": "Gångtunneln", "latitude": 18.07, "longitude": 59.33})
    assert "bytt plats" in info.value.message
    with pytest.raises(ValidationError) as info:
        w.add_observation(db, walk.id, {"place": "Gångtunneln", "latitude": 59.33})
    assert info.value.for_field("longitude")
    with pytest.raises(ValidationError) as info:
        w.add_observation(db, walk.id, {"place": " "})
    assert info.value.for_field("place")
    ok = w.add_observation(db, walk.id, {"place": "Gångtunneln", "latitude": 59.3293, "longitude": 18.0686})
    assert ok.number == 1 and ok.latitude == pytest.approx(59.3293)
    assert crud.list_all(db, d.Observation) != []


def test_observation_follows_its_measure_and_walk_counts_handled(db, walk):
    a = w.add_observation(db, walk.id, {"place": "Stigen", "category": ObservationCategory.LIGHTING})
    b = w.add_observation(db, walk.id, {"place": "Lekplatsen", "category": ObservationCategory.POSITIVE})
    c = w.add_observation(db, walk.id, {"place": "Busken", "category": ObservationCategory.VEGETATION,
                                        "no_action_reason": "Privat fastighetsägare beslutar själv"})
    e = w.add_observation(db, walk.id, {"place": "Gångtunneln", "category": ObservationCategory.UNDERPASS})
    detail = w.walk_detail(db, walk.id, TODAY)
    outcome = {o.id: o.outcome for o in detail.observations}
    assert outcome == {a.id: rules.OBSERVATION_OPEN, b.id: rules.OBSERVATION_POSITIVE,
                       c.id: rules.OBSERVATION_NO_ACTION, e.id: rules.OBSERVATION_OPEN}
    assert detail.handled == 2
    proposal = w.proposal_for_observation(db, a.id, TODAY)
    assert proposal.deadline == TODAY  # six months after March have passed: not in the past
    org = crud.create(db, d.Organisation(name="Samhällsbyggnad", kind=d.OrganisationKind.MUNICIPAL))
    m = w.measure_from_observation(db, a.id, {"title": proposal.title, "deadline": dt.date(2026, 12, 31),
                                              "responsible_organisation_id": org.id}, year=2026, today=TODAY)
    assert m.origin_observation_id == a.id
    row = w.observation(db, a.id, TODAY)
    assert row.outcome == rules.OBSERVATION_MEASURE and row.measures[0].id == m.id
    assert row.responsible == "Samhällsbyggnad" and row.what_is_done.startswith("2026:")
    assert w.walk_detail(db, walk.id, TODAY).handled == 3
    # Both ways: the plan row names the observation as its origin.
    assert measures.row(db, m.id, TODAY).origin.kind.value == "observation"
    measures.set_status(db, m.id, MeasureStatus.DONE, on=TODAY)
    assert w.observation(db, a.id, TODAY).outcome == rules.OBSERVATION_DONE
    measures.set_status(db, m.id, MeasureStatus.CANCELLED, on=TODAY, reason="Ingen budget")
    assert w.observation(db, a.id, TODAY).outcome == rules.OBSERVATION_OPEN
    # The follow-up report asks the same rule.
    from tryggapp.services import followup

    assert followup.OUTCOME_OPEN == rules.OBSERVATION_OPEN
    with pytest.raises(ValidationError):
        w.delete_walk(db, walk.id)


def test_observations_still_open_six_months_after_the_walk_are_flagged(db, walk):
    o = w.add_observation(db, walk.id, {"place": "Stigen"})
    assert not w.observation(db, o.id, dt.date(2026, 9, 16)).overdue
    assert w.observation(db, o.id, dt.date(2026, 9, 17)).overdue
    rows = w.walk_rows(db, dt.date(2026, 9, 17))
    assert rows[0].overdue == 1 and rows[0].handled == 0 and rows[0].observations == 1
    assert rules.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


def test_participants_people_organisations_and_names(db, walk):
    org = crud.create(db, d.Organisation(name="Polisen", kind=d.OrganisationKind.POLICE))
    person = crud.create(db, d.Person(name="Anna Berg", organisation_id=org.id))
    w.add_participant(db, walk.id, person_id=person.id)
    w.add_participant(db, walk.id, organisation_id=org.id)
    w.add_participant(db, walk.id, name="Fritidsgården")
    with pytest.raises(ValidationError):
        w.add_participant(db, walk.id, person_id=person.id)
    with pytest.raises(ValidationError):
        w.add_participant(db, walk.id)
    labels = [p.label for p in w.walk_detail(db, walk.id, TODAY).participants]
    assert labels == ["Anna Berg (Polisen)", "Polisen", "Fritidsgården"]


def test_a_jpg_that_is_not_an_image_is_refused_by_content(db, walk, tmp_path):
    o = w.add_observation(db, walk.id, {"place": "Stigen"})
    with pytest.raises(photos.PhotoRefused) as info:
        w.add_photo(db, o.id, b"%PDF-1.7 this is a document", "gangtunnel.jpg")
    assert "gangtunnel.jpg" in info.value.message and "JPEG- eller PNG-bild" in info.value.message
    broken = jpeg(400, 300)[:200]  # right magic bytes, truncated
    with pytest.raises(photos.PhotoRefused) as info:
        w.add_photo(db, o.id, broken, "trasig.jpg")
    assert "skadad" in info.value.message
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    with pytest.raises(photos.PhotoRefused):
        w.add_photo(db, o.id, gif.getvalue(), "bild.png")
    assert w.photos_of(db, o.id) == []


def test_a_40_megapixel_photo_is_downscaled(db, walk):
    o = w.add_observation(db, walk.id, {"place": "Stigen"})
    big = jpeg(8000, 5000)
    photo = w.add_photo(db, o.id, big, "IMG_0001.JPG")
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.format == "JPEG" and max(stored.size) == photos.MAX_SIDE
    assert stored.size == (2048, 1280)
    assert len(photo.data) < len(big)


def test_a_photo_over_the_hard_limit_is_refused_before_decoding(db, walk):
    o = w.add_observation(db, walk.id, {"place": "Stigen"})
    with pytest.raises(photos.PhotoRefused) as info:
        w.add_photo(db, o.id, png_header_only(12_500, 12_000), "panorama.png")
    assert "150 megapixel" in info.value.message and "högst 120" in info.value.message
    # Over Pillow's own bomb limit too: still our Swedish message, never its error.
    with pytest.raises(photos.PhotoRefused) as info:
        w.add_photo(db, o.id, png_header_only(60_000, 60_000), "bomb.png")
    assert "större än 120 megapixel" in info.value.message and "bomb" not in info.value.message.split("”")[2]
    assert w.photos_of(db, o.id) == []


def test_exif_orientation_applied_and_gps_stripped(db, walk):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    exif[0x8825] = {1: "N", 2: (59.0, 19.0, 44.0), 3: "E", 4: (18.0, 4.0, 7.0)}
    exif[0x0132] = "2026:03:17 19:45:00"
    o = w.add_observation(db, walk.id, {"place": "Stigen"})
    photo = w.add_photo(db, o.id, jpeg(400, 200, exif=exif), "mobil.jpg")
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.size == (200, 400)  # upright
    assert 0x8825 not in stored.getexif() and len(stored.getexif()) == 0
    assert b"GPS" not in photo.data
    assert photo.taken_at == dt.datetime(2026, 3, 17, 19, 45)


def test_png_stays_png(db, walk):
    o = w.add_observation(db, walk.id, {"place": "Stigen"})
    photo = w.add_photo(db, o.id, png(300, 200), "karta.PNG")
    assert photo.mime_type == "image/png" and Image.open(io.BytesIO(photo.data)).mode == "RGBA"


def test_photos_survive_a_backup_and_restore(db):
    """A file's backup (the SQLite backup API) or a team database's pg_dump: the photo
    bytes come back as they were."""
    walk = w.create_walk(db, {"date": dt.date(2026, 3, 17), "area": "Norrby"})
    o = w.add_observation(db, walk.id, {"place": "Stigen"})
    first = w.add_photo(db, o.id, jpeg(640, 480), "a.jpg")
    second = w.add_photo(db, o.id, png(64, 64), "b.png")
    backup = backups.backup_now(db)
    w.delete_photo(db, first.id)
    w.delete_photo(db, second.id)
    assert w.photos_of(db, o.id) == []
    location = db.path
    db.close()
    backups.restore_backup(location, backup)
    db = open_database(location)
    try:
        restored = {p.filename: p.data for p in w.photos_of(db, o.id)}
        assert restored == {"a.jpg": first.data, "b.png": second.data}
    finally:
        db.close()


def test_safety_visit_with_optional_measure(db):
    with pytest.raises(ValidationError) as info:
        w.create_visit(db, {"date": TODAY, "workplace": ""})
    assert info.value.for_field("workplace")
    visit = w.create_visit(db, {"date": TODAY, "workplace": "Socialkontoret", "incident": "Hot i receptionen",
                                "support_given": "Samtal med företagshälsovården", "follow_up": "Ny rutin"})
    m = w.measure_from_visit(db, visit.id, {"title": "Höj receptionsdisken", "deadline": dt.date(2027, 3, 1)},
                             year=2026, today=TODAY)
    row = next(r for r in w.visit_rows(db, TODAY) if r.id == visit.id)
    assert row.measure_id == m.id and "Höj receptionsdisken" in row.measure and row.reason == "Hot i receptionen"
    with pytest.raises(ValidationError):
        w.measure_from_visit(db, visit.id, {"title": "Igen"}, year=2026, today=TODAY)
    w.undo_visit_measure(db, visit.id, m.id)
    assert crud.get(db, d.SafetyVisit, visit.id).measure_id is None
    # Deleting the measure leaves the visit (ON DELETE SET NULL).
    m2 = w.measure_from_visit(db, visit.id, {"title": "Larm"}, year=2026, today=TODAY)
    measures.delete_measure(db, m2.id)
    assert crud.get(db, d.SafetyVisit, visit.id).measure_id is None


def test_demo_walks_and_visits_read(demo_db):
    rows = w.walk_rows(demo_db, TODAY)
    assert len(rows) == 3 and sum(r.observations for r in rows) == 27
    assert all(0 <= r.handled <= r.observations for r in rows)
    detail = w.walk_detail(demo_db, rows[0].id, TODAY)
    assert detail.participants and any(o.measures for o in detail.observations)
    assert len(w.visit_rows(demo_db, TODAY)) == 2
