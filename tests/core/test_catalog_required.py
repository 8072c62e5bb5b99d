"""A missing compiled catalog is an error at start, never a silent switch to English
(issue 15): English period labels would otherwise be stored for good in the report
history and the change log."""

from __future__ import annotations

from tryggapp import cli, i18n


def test_missing_catalog_is_reported_by_install(monkeypatch):
    monkeypatch.setattr(i18n, "catalog_dirs", lambda: [])
    try:
        assert i18n.install("sv") == "en"
        assert "svenska översättningen" in (i18n.missing_catalog() or "")
    finally:
        monkeypatch.undo()
        i18n.install("sv")
    assert i18n.missing_catalog() is None
    assert i18n.current_language() == "sv"


def test_cli_refuses_to_run_without_the_catalog(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(i18n, "_missing", "sv")
    code = cli.run(["init", "--db", str(tmp_path / "ny.db"), "--kommun", "Testby"])
    out, err = capsys.readouterr()
    assert code == cli.CATALOG_MISSING_EXIT != 0
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("tryggapp: Tryggapp kan inte starta")
    assert not (tmp_path / "ny.db").exists()


def test_english_on_purpose_is_not_an_error():
    try:
        assert i18n.install("en") == "en"
        assert i18n.missing_catalog() is None
    finally:
        i18n.install("sv")
