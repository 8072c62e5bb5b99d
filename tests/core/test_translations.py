"""The Swedish catalog is complete: every string the code marks for translation has a
Swedish translation, and no string hides where the extractor cannot see it."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "tryggapp"
PO = ROOT / "translations" / "sv" / "LC_MESSAGES" / "tryggapp.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def _catalog():
    with PO.open("rb") as fh:
        return read_po(fh, locale="sv")


def test_every_marked_string_has_a_swedish_translation():
    catalog = _catalog()
    missing = []
    for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(SRC), method_map=[("**.py", "python")], keywords=KEYWORDS):
        key = message[0] if isinstance(message, tuple) else message
        if not key:
            continue
        entry = catalog.get(key, context=context)
        strings = entry.string if entry is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or not all(strings) or "fuzzy" in entry.flags:
            missing.append(key)
    assert missing == [], f"{len(missing)} strings lack Swedish: run packaging/i18n.py missing"


def test_no_translation_call_inside_an_f_string():
    """Babel's extractor cannot see _() inside f-string braces: such text would stay English."""
    offenders = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                            and inner.func.id in {"_", "ngettext"} and inner.args
                            and isinstance(inner.args[0], ast.Constant)):
                        offenders.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert offenders == []


def test_compiled_catalog_is_in_use():
    from tryggapp import i18n
    from tryggapp.domain import MeasureStatus

    assert i18n.current_language() == "sv"
    assert MeasureStatus.NOT_STARTED.label == "Ej påbörjad"
    assert i18n._("Action plan") == "Handlingsplan"
