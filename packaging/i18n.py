"""Translation catalogs: extract, update, fill and compile, under a file lock.

    python packaging/i18n.py update              # pybabel extract + update
    python packaging/i18n.py compile             # pybabel compile (the build does this)
    python packaging/i18n.py apply FILE.tsv      # update, set msgstrs from TSV, compile
    python packaging/i18n.py missing             # list msgids without a Swedish msgstr

FILE.tsv: one "English msgid<TAB>Swedish msgstr" per line (\\n and \\t escaped); a plural
is "singular||plural<TAB>form 1||form 2". The lock
lets several people (or agents) add translations at once without losing each other's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "tryggapp.pot"
PO = TRANSLATIONS / "sv" / "LC_MESSAGES" / "tryggapp.po"
LOCK = TRANSLATIONS / ".lock"
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]


@contextmanager
def locked():
    """An exclusive lock on translations/.lock, on POSIX (fcntl) and Windows (msvcrt):
    the script runs on both (the tests run it at start-up, the README's Windows steps too)."""
    LOCK.touch(exist_ok=True)
    with LOCK.open("r+b") as fh:
        if os.name == "nt":
            import msvcrt

            # LK_LOCK gives up after 10 tries of a second each: wait as flock does.
            while True:
                try:
                    msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.5)
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _run(*args: str) -> None:
    proc = subprocess.run([*PYBABEL, *args], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(proc.returncode)


def extract() -> None:
    _run("extract", "-F", "translations/babel.cfg", "-k", "_", "-k", "N_", "-k", "ngettext:1,2",
         "-k", "pgettext:1c,2", "--no-location", "--sort-output", "--project", "Tryggapp",
         "-o", str(POT), "src/tryggapp")


def update() -> None:
    extract()
    if PO.exists():
        _run("update", "-i", str(POT), "-d", str(TRANSLATIONS), "-D", "tryggapp", "-l", "sv",
             "--no-fuzzy-matching", "--ignore-obsolete")
    else:
        _run("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-D", "tryggapp", "-l", "sv")


def compile_catalogs() -> None:
    _run("compile", "-d", str(TRANSLATIONS), "-D", "tryggapp", "--statistics")


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def apply(tsv: Path) -> None:
    from babel.messages.pofile import read_po, write_po

    pairs = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        msgid, _, msgstr = line.partition("\t")
        if "||" in msgid:
            # Plural: the catalog is keyed by the singular; forms in order.
            pairs[_unescape(msgid.split("||")[0])] = tuple(_unescape(f) for f in msgstr.split("||"))
        else:
            pairs[_unescape(msgid)] = _unescape(msgstr)
    update()
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="sv")
    unknown = []
    for msgid, msgstr in pairs.items():
        msg = catalog.get(msgid)
        if msg is None:
            unknown.append(msgid)
            continue
        if isinstance(msg.id, tuple) != isinstance(msgstr, tuple):
            print(f"singular/plural mismatch (ignored): {msgid!r}")
            continue
        msg.string = msgstr
        msg.flags.discard("fuzzy")
    with PO.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
    update()  # back to the layout `update` writes, so a translation added is a small diff
    compile_catalogs()
    for msgid in unknown:
        print(f"not in the sources (ignored): {msgid!r}")


def missing() -> list[str]:
    from babel.messages.pofile import read_po

    update()
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="sv")
    out = []
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if not all(strings) or "fuzzy" in msg.flags:
            out.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    return out


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "compile"
    with locked():
        if cmd == "update":
            update()
        elif cmd == "compile":
            compile_catalogs()
        elif cmd == "apply":
            apply(Path(argv[1]))
        elif cmd == "missing":
            rows = missing()
            for m in rows:
                print(m.replace("\n", "\\n"))
            return 1 if rows else 0
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
