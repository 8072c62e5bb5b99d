"""`tryggapp report` reads the database read-only: it works while the app holds the file
and on a write-protected file, and leaves the file's bytes and mtime as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.reports.factory import TODAY
from tryggapp.main import main

HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tryggapp.storage import open_database
    db = open_database(Path(sys.argv[1]))   # the running app: holds the lock
    print("OPEN", flush=True)
    sys.stdin.readline()
    db.close()
""")


def state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def test_report_while_the_app_holds_the_file(demo_path, tmp_path, capsys):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env())
    try:
        assert holder.stdout.readline().strip() == "OPEN"
        before = state(demo_path)
        target = tmp_path / "rapport.pdf"
        code = main(["report", "--db", str(demo_path), "--period", "2026-T2", "-o", str(target),
                     "--today", TODAY.isoformat()])
        err = capsys.readouterr().err
        assert code == 0, err
        assert target.stat().st_size > 0
        # Not recorded (the app holds the file): said in one line, and nothing written.
        assert len(err.strip().splitlines()) == 1 and "registrerades inte" in err
        assert state(demo_path) == before
    finally:
        holder.communicate("\n", timeout=60)


REPORT = textwrap.dedent("""
    import sys
    from tryggapp import i18n
    i18n.install("sv")
    from tryggapp.main import main
    sys.exit(main(["report", "--db", sys.argv[1], "--period", "2026-T2", "-o", sys.argv[2],
                   "--today", sys.argv[3]]))
""")


def test_report_on_a_write_protected_file_leaves_it_untouched(demo_template, tmp_path):
    folder = tmp_path / "skyddad"
    folder.mkdir()
    db_path = folder / "kommun.db"
    shutil.copy(demo_template, db_path)
    target = tmp_path / "rapport.pdf"
    before = state(db_path)
    cmd = [sys.executable, "-c", REPORT, str(db_path), str(target), TODAY.isoformat()]
    if os.geteuid() != 0:
        db_path.chmod(0o444)
        folder.chmod(0o555)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env())
        finally:
            folder.chmod(0o755)
    else:
        # root ignores chmod: a read-only bind mount in a private mount namespace is real.
        unshare = shutil.which("unshare")
        if unshare is None:
            pytest.skip("root without unshare: cannot make the file write-protected")
        script = 'mount --bind -o ro "$1" "$1" || exit 97; shift; exec "$@"'
        proc = subprocess.run([unshare, "-m", "sh", "-c", script, "sh", str(folder), *cmd],
                              capture_output=True, text=True, env=env())
        if proc.returncode == 97:
            pytest.skip(f"no right to make a read-only mount: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    assert target.stat().st_size > 0
    assert state(db_path) == before
    assert not Path(f"{db_path}-wal").exists() and not Path(f"{db_path}-shm").exists()
