"""One translation system for every layer: gettext catalogs managed with Babel.

Source strings are English; `translations/sv/LC_MESSAGES/tryggapp.po` is the shipped
Swedish catalog and Swedish is the default language. The build compiles the catalogs
(`pybabel compile`, see packaging/i18n.py); the compiled .mo is looked up in the package
(wheel / frozen builds) and then in the source tree's `translations/` (editable install).

Use `_()` for strings, `ngettext()` for plurals and `N_()` to mark strings that are
translated later (enum labels declared at import time).
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "tryggapp"
DEFAULT_LANGUAGE = "sv"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def catalog_dirs() -> list[Path]:
    """Where compiled catalogs may live, best first."""
    here = Path(__file__).resolve().parent
    dirs = [here / "locale"]
    # Source checkout / editable install: <repo>/src/tryggapp -> <repo>/translations
    dirs.append(here.parent.parent / "translations")
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
    global _translations, _language
    language = language or os.environ.get("TRYGGAPP_LANG") or DEFAULT_LANGUAGE
    if language == "en":
        _translations, _language = _gettext.NullTranslations(), "en"
        return _language
    catalog = _load_catalog(language)
    if catalog is None:
        # No compiled catalog: the build step was skipped. Run English rather than crash;
        # `tryggapp check` and the tests report it.
        _translations, _language = _gettext.NullTranslations(), "en"
        return _language
    _translations, _language = catalog, language
    return _language


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
