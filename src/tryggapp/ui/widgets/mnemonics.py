"""Alt+letter mnemonics chosen in code, so the translated text decides the letter.

    assign(["Status", "Statusorsak", "Start"], menu_letters() | {"n"})
    # -> ["Stat&us", "S&tatusorsak", "&Start"]  (menu_letters() is {"a", "r", "v", "h"} in Swedish)

A text gets the first free letter among its words' initials, then among its other letters
(plain a-z before å, ä, ö); one left without may move an earlier one to another letter. Letters the menu bar uses are never taken,
since Alt+letter would then be ambiguous between a menu and a field.
"""

from __future__ import annotations

from collections.abc import Iterable

from tryggapp.i18n import _


def mnemonic(text: str) -> str:
    """The letter after a single '&' ('' if the text has none), lower-case."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower() if text[i + 1].isalnum() else ""
        i += 1
    return ""


def strip_mnemonic(text: str) -> str:
    """The text as shown: '&Arkiv' → 'Arkiv', 'A && B' → 'A & B'."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def menu_letters() -> set[str]:
    """The menu bar's letters (the same msgids as MainWindow._build_menus)."""
    return {mnemonic(t) for t in (_("&File"), _("&Edit"), _("&View"), _("&Help"))} - {""}


def assign(texts: list[str], taken: set[str]) -> list[str]:
    """Each text with a '&' before its first free letter, in order. A text that already has
    a mnemonic keeps it; one with no free letter gets none; a literal '&' is doubled. Texts
    are shown together, so no two share a letter; a text that finds no
    free letter may move an earlier one to its next free letter (so "Nr", "Status",
    "Start" all get one where a first-come choice would leave one without)."""
    taken = set(taken)
    chosen: list[int | None] = []
    for text in texts:
        own = mnemonic(text)
        if own:
            taken.add(own)
    for k, text in enumerate(texts):
        chosen.append(None)
        if mnemonic(text):
            continue
        letters = {i: text[i].lower() for i in _candidates(text)}
        free = next((i for i, ch in letters.items() if ch not in taken), None)
        if free is None:
            free = _make_room(texts, chosen, letters, taken)
        if free is not None:
            chosen[k] = free
            taken.add(letters[free])
    out = []
    for text, i in zip(texts, chosen, strict=True):
        if mnemonic(text):
            out.append(text)
            continue
        escaped = text.replace("&", "&&")
        if i is None:
            out.append(escaped)
        else:
            j = i + text.count("&", 0, i)
            out.append(escaped[:j] + "&" + escaped[j:])
    return out


def _make_room(texts: list[str], chosen: list[int | None], letters: dict[int, str], taken: set[str]) -> int | None:
    for i, letter in letters.items():
        for k, held in enumerate(chosen):
            if held is None or texts[k][held].lower() != letter:
                continue
            other = next((j for j in _candidates(texts[k]) if texts[k][j].lower() not in taken), None)
            if other is not None:
                chosen[k] = other
                taken.add(texts[k][other].lower())
                return i  # `letter` stays taken, now by the new text
    return None


def _candidates(text: str) -> Iterable[int]:
    initials = [i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or not text[i - 1].isalnum())]
    rest = [i for i, ch in enumerate(text) if ch.isalpha() and i not in initials]
    seen: set[int] = set()
    for i in (*initials, *[i for i in rest if text[i].isascii()], *[i for i in rest if not text[i].isascii()]):
        if i not in seen:
            seen.add(i)
            yield i
