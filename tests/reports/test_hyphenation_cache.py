"""The Swedish hyphenation dictionary is parsed once and then loaded from its copy
(reports.hyphenation), with the same patterns; a damaged or unwritable copy only costs
the parse."""

from __future__ import annotations

import pyphen
import pytest

from tryggapp.reports import hyphenation


@pytest.fixture()
def fresh_pyphen(monkeypatch, tmp_path):
    monkeypatch.setenv("TRYGGAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(pyphen, "hdcache", {})
    return pyphen.LANGUAGES[pyphen.language_fallback("sv")]


def _parsed(dic):
    return pyphen.HyphDict(dic)


def test_second_report_loads_the_copy_with_the_same_patterns(fresh_pyphen, monkeypatch):
    dic = fresh_pyphen
    hyphenation.prime()
    copy = hyphenation.cache_file(dic)
    assert copy.is_file()
    reference = pyphen.hdcache[dic]

    pyphen.hdcache.clear()  # a new process: pyphen's own cache is empty again
    parsed = []
    monkeypatch.setattr(pyphen.HyphDict, "__init__", lambda self, path: parsed.append(path))
    hyphenation.prime()
    assert parsed == []  # not parsed: loaded from the copy
    loaded = pyphen.hdcache[dic]
    assert loaded.patterns == reference.patterns
    assert loaded.maxlen == reference.maxlen
    # reportlab's paragraphs and textcell make their own Pyphen: they get the loaded one
    assert pyphen.Pyphen(lang="sv").hd is loaded
    assert pyphen.Pyphen(lang="sv").positions("samordningsgruppen") == [3, 6, 11, 15]


def test_a_damaged_copy_is_parsed_again_and_replaced(fresh_pyphen):
    dic = fresh_pyphen
    copy = hyphenation.cache_file(dic)
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"\x00not marshal")
    hyphenation.prime()
    assert pyphen.hdcache[dic].patterns == _parsed(dic).patterns
    assert pyphen.Pyphen(lang="sv").positions("kommungemensamma") == [3, 6, 8, 11, 14]
    assert copy.read_bytes() != b"\x00not marshal"  # replaced by a good copy


def test_an_unwritable_data_folder_still_hyphenates(fresh_pyphen, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TRYGGAPP_DATA_DIR", str(blocker / "data"))  # under a file: mkdir fails
    hyphenation.prime()
    assert pyphen.Pyphen(lang="sv").positions("samordningsgruppen") == [3, 6, 11, 15]
