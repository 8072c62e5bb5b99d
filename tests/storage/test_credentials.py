"""The team database's password and TLS settings (issue 18, item 5): the password comes from
libpq's own ways or the system keyring (here an in-memory keyring backend, set for the
test), never from a file of the program's; TLS settings in the address reach libpq."""

from __future__ import annotations

import psycopg
import pytest
from keyring.backends import fail

from tests.memory_keyring import SECRET, installed
from tryggapp.storage import credentials, open_database
from tryggapp.storage.server import ServerLocation, ServerUnavailable


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with installed() as backend:
        yield backend


@pytest.fixture
def connects(monkeypatch):
    """The keyword arguments of every psycopg.connect the program makes (SQLAlchemy's, which
    name the database; the test server's own admin connections do not): what reaches libpq."""
    seen: list[dict] = []
    real = psycopg.connect

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if "dbname" in kwargs:
            seen.append(dict(kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(psycopg, "connect", spy)
    return seen


@pytest.fixture
def team_url(request):
    from tests.conftest import _pg_copy

    return _pg_copy(request, "pg_template")


def test_the_keyring_supplies_the_password_to_the_driver(memory_keyring, connects, team_url):
    location = ServerLocation(team_url)
    memory_keyring.set_password("Tryggapp", location.key(), SECRET)
    assert location.key() == f"postgres@{location.server}/{location.name}"
    db = open_database(team_url)
    try:
        with db.engine.connect():
            pass
    finally:
        db.close()
    ours = [kw for kw in connects if kw["dbname"] == location.name]
    assert ours and all(kw.get("password") == SECRET for kw in ours)


def test_libpqs_own_password_comes_first(memory_keyring, team_url, monkeypatch):
    location = ServerLocation(team_url)
    memory_keyring.set_password("Tryggapp", location.key(), SECRET)
    assert credentials.password_for(location) == SECRET
    with_password = ServerLocation(team_url.replace("postgres@", "postgres:i-adressen@"))
    assert credentials.password_for(with_password) is None  # libpq takes the URL's
    monkeypatch.setenv("PGPASSWORD", "fran-miljon")
    assert credentials.password_for(location) is None  # and PGPASSWORD
    monkeypatch.delenv("PGPASSWORD")
    credentials.use_for_session(location, "skrivet-nu")
    assert credentials.password_for(location) == "skrivet-nu"  # typed for this run wins
    credentials.forget_for_session(location)
    assert credentials.password_for(location) == SECRET


def test_save_and_forget_use_the_keyring_and_no_file(memory_keyring, team_url, tmp_path):
    location = ServerLocation(team_url)
    credentials.save(location, SECRET)
    assert memory_keyring.saved == {("Tryggapp", location.key()): SECRET}
    credentials.forget(location)
    assert memory_keyring.saved == {} and credentials.password_for(location) is None
    credentials.forget(location)  # nothing saved: nothing to do, no error


def test_without_a_keyring_saving_is_refused_in_swedish_and_the_password_kept_for_the_run(team_url):
    with installed(fail.Keyring()):
        location = ServerLocation(team_url)
        assert not credentials.keyring_available()
        with pytest.raises(credentials.PasswordNotSaved) as refused:
            credentials.save(location, SECRET)
        assert "lösenordsförvaring" in refused.value.message and SECRET not in refused.value.message
        assert credentials.password_for(location) == SECRET  # used until the program ends


def test_the_address_shown_and_remembered_never_holds_the_password(team_url):
    location = ServerLocation(team_url.replace("postgres@", f"postgres:{SECRET}@") + "?sslmode=require")
    assert location.url.password == SECRET  # libpq still gets it
    for shown in (str(location), repr(location), location.key()):
        assert SECRET not in shown and "***" not in shown
    assert str(location).startswith("postgresql://postgres@") and str(location).endswith("?sslmode=require")


def test_tls_settings_in_the_address_reach_the_driver(memory_keyring, connects, team_url):
    """The test server has no TLS: with sslmode=require libpq itself refuses to connect,
    which shows the setting arrived; the refusal is a Swedish message, not a traceback."""
    with pytest.raises(ServerUnavailable) as refused:
        open_database(team_url + "?sslmode=require&sslrootcert=/etc/ssl/kommun-ca.crt")
    assert connects and connects[-1]["sslmode"] == "require"
    assert connects[-1]["sslrootcert"] == "/etc/ssl/kommun-ca.crt"
    assert "Det gick inte att ansluta till teamdatabasen" in refused.value.message
    assert "SSL" in refused.value.message
