"""Build what ships, from a clean copy of the sources, without the network.

    python packaging/build.py wheel  [--out DIR]   the wheel (resources, compiled catalog)
    python packaging/build.py frozen [--out DIR]   wheel -> fresh venv -> PyInstaller bundle

Run it with the project's venv (`.venv/bin/python`): the wheel is built by that venv's
setuptools without build isolation (`pip wheel --no-build-isolation --no-deps`), so no
package is fetched. The fresh venv gets the wheel alone; the dependencies are the running
venv's own packages, made visible by a .pth file rather than installed again (offline,
and seconds instead of minutes). Its `tryggapp` is the wheel's: the source tree is not on
its path, so what is missing from the wheel is missing there too.

The frozen bundle is built from that venv with packaging/tryggapp.spec, the same spec as
the Windows release (.github/workflows/windows-release.yml); packaging/check_frozen.py
checks it. tests/packaging/test_wheel.py uses the same functions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the build needs from the repository: the package, its resources and catalogs.
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "resources",
           "translations"]
WINDOWS = os.name == "nt"


def _clean_env() -> dict[str, str]:
    """The environment without PYTHONPATH (it would put the source tree before the wheel)."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONHOME", None)
    return env


def build_wheel(out: Path) -> Path:
    """Build the wheel from a copy of the sources (no stale build/ folder can leak in)."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tryggapp-src-") as tmp:
        for name in SOURCES:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, Path(tmp) / name, ignore=shutil.ignore_patterns(
                    "__pycache__", "*.pyc", "*.mo", "*.egg-info", ".lock"))
            else:
                shutil.copy2(src, Path(tmp) / name)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
                        "--no-index", "-q", "-w", str(out), tmp], check=True, env=_clean_env())
    wheels = sorted(out.glob("tryggapp-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        raise SystemExit(f"no wheel in {out}")
    return wheels[-1]


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def venv_script(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if WINDOWS else "bin") / (f"{name}.exe" if WINDOWS else name)


def make_venv(venv: Path, wheel: Path) -> Path:
    """A new venv holding `wheel` (no dependencies installed: see the module's doc).
    Returns its python."""
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv_python(venv)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-index", "--no-deps", str(wheel)], check=True, env=_clean_env())
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True, env=_clean_env()).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # Appended after the venv's own site-packages: the wheel's tryggapp comes first. (A
    # path line in a .pth does not run the .pth files in that folder, so an editable
    # install of tryggapp there stays invisible.)
    (Path(site) / "_tryggapp_deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    return python


def build_frozen(python: Path, dist: Path, work: Path) -> Path:
    """Run PyInstaller on packaging/tryggapp.spec with `python` (a venv holding the wheel).
    Returns the bundle's folder."""
    subprocess.run([str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "packaging" / "tryggapp.spec")],
                   check=True, env=_clean_env(), cwd=ROOT)
    bundle = dist / "tryggapp"
    _strip_libpython(bundle)
    return bundle


def _strip_libpython(bundle: Path) -> None:
    """Debian's libpython3.11 carries its debug info (23 MB instead of 4): drop it. Only
    that library: stripping them all breaks numpy's OpenBLAS (PyInstaller's strip=True)."""
    strip = shutil.which("strip")
    if WINDOWS or strip is None:
        return
    for lib in bundle.glob("_internal/libpython3*.so*"):
        if lib.is_file() and not lib.is_symlink():
            subprocess.run([strip, "--strip-debug", str(lib)], check=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["wheel", "frozen"])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "release")
    args = parser.parse_args(argv)
    started = time.monotonic()
    wheel = build_wheel(args.out / "wheel")
    print(f"wheel: {wheel} ({time.monotonic() - started:.1f} s)")
    if args.what == "frozen":
        python = make_venv(args.out / "venv", wheel)
        print(f"venv:  {python.parent.parent} ({time.monotonic() - started:.1f} s)")
        bundle = build_frozen(python, args.out / "dist", args.out / "work")
        print(f"bundle: {bundle} ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
