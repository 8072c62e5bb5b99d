"""pyphen's Swedish dictionary, parsed once per installation instead of once per report.

pyphen parses its `hyph_sv.dic` (15 000 patterns, one regular expression each) the first
time a `Pyphen(lang="sv")` is made in a process: 0.14 s of CPU, about 3 % of a whole
`tryggapp report`. The parsed patterns are plain data (a dict of str -> (int, tuple of
int)), so a `marshal` copy in Tryggapp's data folder loads in about 0.01 s. `prime()`
puts the dictionary in pyphen's own per-file cache (`pyphen.hdcache`), where both
reportlab's paragraphs (`hyphenationLang="sv"`) and `textcell` find it.

The copy's name carries everything it was made from (pyphen's version, the dictionary
file's size and modification time, marshal's format), so a new pyphen or dictionary
makes a new copy. The cache is only ever a shortcut: any trouble reading or writing it
and the dictionary is parsed as pyphen always does."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from tryggapp import paths

LANG = "sv"


def cache_file(dic: Path) -> Path:
    import pyphen

    st = dic.stat()
    name = f"{dic.stem}-pyphen{pyphen.__version__}-{st.st_size}-{st.st_mtime_ns}-m{marshal.version}.marshal"
    return paths.data_dir() / "cache" / name


def _load(cached: Path) -> Any | None:  # noqa: ANN401 - a pyphen.HyphDict
    import pyphen

    try:
        patterns = marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(patterns, dict) or not patterns:
        return None
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)  # what HyphDict.__init__ leaves, from the copy
    hd.patterns = patterns
    hd.cache = {}
    hd.maxlen = max(len(key) for key in patterns)
    return hd


def _store(cached: Path, patterns: dict) -> None:
    try:
        data = marshal.dumps(patterns)
    except ValueError:  # a dictionary with nonstandard hyphens (DataInt values): no copy
        return
    try:
        paths.private_dir(cached.parent)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        paths.create_private_file(tmp, data, exclusive=False)
        os.replace(tmp, cached)  # whole or not at all, also with two reports at once
    except OSError:
        pass  # a read-only or full data folder: the next report parses again


def prime(lang: str = LANG) -> None:
    """Make pyphen's dictionary for `lang` ready in pyphen's cache (from the copy if one
    is there, else parsed and copied). Nothing happens without pyphen."""
    try:
        import pyphen
    except ImportError:
        return
    dic = pyphen.LANGUAGES.get(pyphen.language_fallback(lang) or "")
    if dic is None or dic in pyphen.hdcache:
        return
    try:
        cached = cache_file(Path(dic))
    except OSError:
        return
    hd = _load(cached)
    if hd is None:
        hd = pyphen.HyphDict(dic)
        _store(cached, hd.patterns)
    pyphen.hdcache[dic] = hd
