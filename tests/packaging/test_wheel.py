"""The wheel carries itself (issue 15, item 1): built from a clean copy of the sources by
the build backend, installed alone into a fresh venv, it makes a Swedish report with the
fonts embedded; without its compiled catalog it refuses to start instead of speaking
English.

Marked `packaging` (runs in the whole suite and in CI; alone: `pytest -m packaging`).
Offline: the wheel is built with the venv's setuptools (no build isolation) and the fresh
venv borrows the running venv's dependencies through a .pth file (packaging/build.py)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.packaging,
              pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils missing")]


def _build_module():
    spec = importlib.util.spec_from_file_location("tryggapp_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, venv) built once for this module."""
    build = _build_module()
    base = tmp_path_factory.mktemp("wheel")
    wheel = build.build_wheel(base / "dist")
    build.make_venv(base / "venv", wheel)
    return wheel, base / "venv", build


def _run(venv: Path, build, *args: str, data: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TRYGGAPP_LANG")}
    env["TRYGGAPP_DATA_DIR"] = str(data)
    return subprocess.run([str(build.venv_script(venv, "tryggapp")), *args], env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_wheel_holds_catalog_fonts_icons_and_migrations(installed):
    wheel, _venv, _build = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ["tryggapp/locale/sv/LC_MESSAGES/tryggapp.mo",
                   "tryggapp/resources/fonts/DejaVuSans.ttf",
                   "tryggapp/resources/fonts/DejaVuSans-Bold.ttf",
                   "tryggapp/resources/fonts/LICENSE_DEJAVU.txt",
                   "tryggapp/resources/icons/tryggapp.png",
                   "tryggapp/resources/icons/tryggapp.ico",
                   "tryggapp/storage/migrations/env.py",
                   "tryggapp/storage/migrations/versions/0001_first_schema.py"]:
        assert needed in names, needed


def test_installed_wheel_makes_a_swedish_report_with_embedded_fonts(installed, tmp_path):
    _wheel, venv, build = installed
    where = subprocess.run([str(build.venv_python(venv)), "-c", "import tryggapp; print(tryggapp.__file__)"],
                           env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
                           capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(venv), where  # the wheel's copy, not the sources

    db, pdf = tmp_path / "demo.db", tmp_path / "rapport.pdf"
    demo = _run(venv, build, "demo", "--db", str(db), "--today", "2026-11-25", data=tmp_path / "data")
    assert demo.returncode == 0, demo.stderr
    assert "Trygghetsvandringar" in demo.stdout
    report = _run(venv, build, "report", "--db", str(db), "--period", "2026", "--today", "2026-11-25",
                  "-o", str(pdf), data=tmp_path / "data")
    assert report.returncode == 0, report.stderr
    assert "Skrev" in report.stdout

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Uppföljning av handlingsplan" in text
    assert "Läget per den 25 november 2026" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    assert all("DejaVuSans" in row[0] for row in rows), fonts  # no Helvetica or other stand-in
    # name, type (TrueType: one word), encoding, emb, sub, uni, object id
    assert all(row[3] == "yes" for row in rows), fonts


def test_installed_wheel_without_its_catalog_refuses_to_start(installed, tmp_path):
    _wheel, venv, build = installed
    site = Path(subprocess.run([str(build.venv_python(venv)), "-c", "import tryggapp, os; "
                                "print(os.path.dirname(tryggapp.__file__))"],
                               env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
                               capture_output=True, text=True, check=True).stdout.strip())
    mo = site / "locale" / "sv" / "LC_MESSAGES" / "tryggapp.mo"
    hidden = mo.with_suffix(".gone")
    mo.rename(hidden)
    try:
        proc = _run(venv, build, "init", "--db", str(tmp_path / "ny.db"), "--kommun", "Testby",
                    data=tmp_path / "data")
    finally:
        hidden.rename(mo)
    assert proc.returncode == 78
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "svenska översättningen" in lines[0], proc.stderr
    assert not (tmp_path / "ny.db").exists()  # nothing was written in English
