"""Swedish alphabetical order for names, the same on both engines (issue 18).

An ORDER BY on a text column sorts by the database's collation: SQLite's is binary
(capitals before small letters, Ä before Å, É after Ö), a PostgreSQL server's is whatever
its IT department chose when the database was created (en_US puts Å among the A's,
sv_SE puts it after Z). So lists of names are sorted here, in Python, by `sv_key`: case
ignored, å ä ö after z in that order (æ as ä, ø as ö, ü as y, as Swedish dictionaries
sort them), other accents ignored (é as e); ties broken by the text itself, so the order
is total and the same everywhere."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# After "z" (U+007A) come "{" "|" "}" in code point order: å, ä, ö.
_SWEDISH = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}


def sv_key(text: str | None) -> tuple[str, str]:
    """The sort key of `text` in Swedish alphabetical order."""
    text = unicodedata.normalize("NFC", text or "")
    primary = []
    for ch in text.casefold():
        mapped = _SWEDISH.get(ch)
        if mapped is None:
            mapped = unicodedata.normalize("NFD", ch)[0]  # é → e: accents other than å ä ö ignored
        primary.append(mapped)
    return "".join(primary), text


def sv_sorted(items: Iterable[T], name: Callable[[T], str | None]) -> list[T]:
    """`items` in Swedish alphabetical order of `name(item)`."""
    return sorted(items, key=lambda item: sv_key(name(item)))
