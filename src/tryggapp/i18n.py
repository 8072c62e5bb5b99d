"""One translation system for every layer: gettext catalogs managed with Babel.

Source strings are English; `translations/sv/LC_MESSAGES/tryggapp.po` is the shipped
Swedish catalog and Swedish is the default language. The wheel's build step compiles it
into the package (`tryggapp/locale`, setup.py), found with importlib.resources in a wheel
install and a frozen build alike; a source checkout uses `translations/` (compiled by
`packaging/i18n.py compile`, which the set-up and the tests run).

A missing catalog is never a silent switch to English: English labels would be stored for
good in the report history and the change log. `missing_catalog()` says what is missing;
the CLI and the window refuse to start with it.

Use `_()` for strings, `ngettext()` for plurals and `N_()` to mark strings that are
translated later (enum labels declared at import time).
"""

from __future__ import annotations

import gettext as _gettext
import importlib.resources
import os
from pathlib import Path

DOMAIN = "tryggapp"
DEFAULT_LANGUAGE = "sv"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"
_missing: str | None = None  # the language whose catalog was asked for and not found

# Said when the catalog itself is missing, so it cannot come from the catalog: written in
# Swedish here, the one user-visible text outside _().
MISSING_CATALOG = ("Tryggapp kan inte starta: den svenska översättningen ({file}) saknas i "
                   "installationen. Installera om programmet. (Från källkoden: kör "
                   "\"python packaging/i18n.py compile\".)")


def catalog_dirs() -> list[Path]:
    """Where compiled catalogs may live, best first."""
    package = Path(os.fspath(importlib.resources.files(__package__ or "tryggapp")))
    dirs = [package / "locale"]  # wheel and frozen builds (compiled by the build step)
    # Source checkout / editable install: <repo>/src/tryggapp -> <repo>/translations
    dirs.append(package.parent.parent / "translations")
    return [d for d in dirs if d.is_dir()]


def _load_catalog(language: str) -> _gettext.NullTranslations | None:
    for base in catalog_dirs():
        mo = base / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if mo.is_file():
            with mo.open("rb") as fh:
                return _gettext.GNUTranslations(fh)
    return None


def install(language: str | None = None) -> str:
    """Activate a language (default Swedish, or $TRYGGAPP_LANG). Returns the language used."""
    global _translations, _language, _missing
    language = language or os.environ.get("TRYGGAPP_LANG") or DEFAULT_LANGUAGE
    _missing = None
    if language == "en":
        _translations, _language = _gettext.NullTranslations(), "en"
        return _language
    catalog = _load_catalog(language)
    if catalog is None:
        # No compiled catalog: a broken installation. Nothing may run like this (the CLI
        # and the window ask missing_catalog() first); English strings stand in only so
        # that importing the package still works.
        _translations, _language, _missing = _gettext.NullTranslations(), "en", language
        return _language
    _translations, _language = catalog, language
    return _language


def missing_catalog() -> str | None:
    """The message to stop with when the wanted language's compiled catalog is missing."""
    if _missing is None:
        return None
    return MISSING_CATALOG.format(file=f"{_missing}/LC_MESSAGES/{DOMAIN}.mo")


def current_language() -> str:
    return _language


def babel_locale() -> str:
    """The babel locale for dates and numbers (always Swedish formats for the sv UI)."""
    return "sv_SE" if _language == "sv" else "en_GB"


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


install()
