"""The build step that makes the package carry itself (issue 15).

pyproject.toml holds the project's metadata; this file only adds one step to setuptools'
`build_py`, so that every wheel (and every frozen build made from one) holds:

- `tryggapp/resources/`: a copy of the repository's `resources/` (fonts, icons),
- `tryggapp/locale/<lang>/LC_MESSAGES/tryggapp.mo`: each catalog in `translations/`
  compiled here, at build time, so no one has to remember a manual compile.

`resources/` and `translations/` at the top of the repository stay the only sources;
nothing compiled is ever committed. A catalog that does not compile fails the build.
The program finds both through `importlib.resources` (tryggapp.paths, tryggapp.i18n).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DOMAIN = "tryggapp"


def compile_catalogs(translations: Path, target: Path) -> list[Path]:
    """Compile every `<lang>/LC_MESSAGES/tryggapp.po` under `translations` into `target`."""
    # Imported here: babel is a build requirement (pyproject's [build-system]), and a
    # plain `import setup` (e.g. by a linter) should not need it.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(translations.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po.parent.parent.name
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, abort_invalid=True)
        mo = target / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    if not written:
        raise SystemExit(f"no {DOMAIN}.po under {translations}: the package would start without its language")
    return written


class BuildPyWithData(build_py):
    """build_py, then the resources and the compiled catalogs into the package."""

    def run(self) -> None:
        super().run()
        package = Path(self.build_lib) / DOMAIN
        resources = ROOT / "resources"
        shutil.rmtree(package / "resources", ignore_errors=True)  # no stale file from an older build
        shutil.copytree(resources, package / "resources",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        shutil.rmtree(package / "locale", ignore_errors=True)
        compile_catalogs(ROOT / "translations", package / "locale")


setup(cmdclass={"build_py": BuildPyWithData})
