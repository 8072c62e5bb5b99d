"""Names are listed in Swedish alphabetical order — case ignored, å ä ö after z — and in
the same order on a file and on a team database, whatever collation the server's
database was created with (issue 18)."""

from __future__ import annotations

import datetime as dt

import pytest

from tryggapp import domain as d
from tryggapp.services import agreements, crud, lists, measures, meetings
from tryggapp.services.collation import sv_key

NAMES = ["Örjan Ek", "anna Berg", "Åsa Lind", "Émile Roux", "Zlatan Qvist", "Ärla Holm", "Bertil Ahl", "Øystein Dahl"]
SWEDISH = ["anna Berg", "Bertil Ahl", "Émile Roux", "Zlatan Qvist", "Åsa Lind", "Ärla Holm", "Örjan Ek",
           "Øystein Dahl"]
ORGS = ["Ödeshögs kommun", "Polisen", "Åtvidabergs kommun", "ekdalabostäder AB", "Ängelholms kommun"]
ORGS_SWEDISH = ["ekdalabostäder AB", "Polisen", "Åtvidabergs kommun", "Ängelholms kommun", "Ödeshögs kommun"]


def test_the_key():
    assert sorted(["ö", "z", "ä", "å", "Z", "a", "é", "f"], key=sv_key) == ["a", "é", "f", "Z", "z", "å", "ä", "ö"]


def _fill(db) -> int:
    orgs = [crud.create(db, d.Organisation(name=n)) for n in ORGS]
    group = crud.create(db, d.Group(name="Ängsgruppen", level=d.GroupLevel.WORKING))
    for name in ["Östra gruppen", "Arbetsgruppen", "Ågruppen", "Zongruppen"]:
        crud.create(db, d.Group(name=name, level=d.GroupLevel.WORKING))
    for i, name in enumerate(NAMES):
        p = crud.create(db, d.Person(name=name, organisation_id=orgs[i % len(orgs)].id))
        crud.create(db, d.Membership(group_id=group.id, person_id=p.id, from_date=dt.date(2026, 1, 1)))
    return group.id


def _check(db) -> None:
    group = _fill(db)
    assert [r["name"] for r in lists.people(db)] == SWEDISH
    assert [r["name"] for r in lists.members(db, group, dt.date(2026, 6, 1))] == SWEDISH
    assert [r["name"] for r in lists.organisations(db)] == ORGS_SWEDISH
    assert [r["name"] for r in lists.groups(db, dt.date(2026, 6, 1))] == [
        "Arbetsgruppen", "Zongruppen", "Ågruppen", "Ängsgruppen", "Östra gruppen"]
    choices = measures.choices(db)
    assert [p[1] for p in choices.persons] == SWEDISH
    assert [o[1] for o in choices.organisations] == ORGS_SWEDISH
    assert [o[1] for o in agreements.organisation_choices(db)] == ORGS_SWEDISH
    assert [label.split(" (")[0] for _i, label in meetings.people_choices(db)] == SWEDISH
    assert [name for _i, name in meetings.groups(db)][:3] == ["Arbetsgruppen", "Zongruppen", "Ågruppen"]


def test_lists_of_names_are_in_swedish_order(db):
    _check(db)


@pytest.mark.parametrize("icu_locale", ["en-US", "sv-SE"])
def test_a_server_database_with_another_collation_lists_in_the_same_order(pg_server, icu_locale):
    """Municipal servers are set up in English or Swedish: the lists do not follow them."""
    from tryggapp.storage import open_database

    server = pg_server
    if server.url is None:
        pytest.skip(f"PostgreSQL: {server.reason}")
    name = f"coll_{icu_locale.replace('-', '_').lower()}"
    server._admin(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}' "
                  "LOCALE 'C.UTF-8'")
    url = f"{server.url}/{name}"
    try:
        db = open_database(url, create=True)
        try:
            _check(db)
        finally:
            db.close()
    finally:
        server.drop_database(url)
