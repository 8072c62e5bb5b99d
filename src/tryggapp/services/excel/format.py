"""Tryggapp's workbook format: the columns of each sheet, their Swedish headers, and the
words coordinators use in their own plans. Data only; reading and writing live beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tryggapp.domain.enums import MeasureStatus
from tryggapp.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str  # English source; the file carries the translation (Swedish)
    width: int
    kind: str = "text"  # text | int | date | status | list | flag
    importable: bool = True  # False: written for the reader, ignored on import
    # False: an export from before this column existed is still Tryggapp's format.
    expected: bool = True

    @property
    def title(self) -> str:
        return _(self.header)


PLAN_COLUMNS: tuple[Column, ...] = (
    Column("number", N_("No."), 6, "int"),
    Column("focus_area", N_("Focus area"), 24),
    Column("title", N_("Measure"), 40),
    Column("description", N_("Description"), 50),
    Column("expected_effect", N_("Expected effect"), 30),
    Column("responsible_person", N_("Responsible person"), 22),
    Column("responsible_organisation", N_("Responsible organisation"), 26),
    Column("partners", N_("Partners"), 30, "list"),
    Column("start_date", N_("Start"), 12, "date"),
    Column("deadline", N_("Deadline"), 12, "date"),
    Column("status", N_("Status"), 14, "status"),
    Column("cancel_reason", N_("Status reason"), 26),
    Column("status_date", N_("Status date"), 12, "date", expected=False),
    Column("late", N_("Late"), 10, "flag", importable=False),
    Column("latest_note", N_("Latest note"), 40),
    Column("latest_note_on", N_("Note date"), 12, "date"),
    Column("origin", N_("Origin"), 36, importable=False),
    Column("carried_over_from", N_("Carried over from"), 12, "int", importable=False),
)
COLUMN_BY_KEY = {c.key: c for c in PLAN_COLUMNS}

# The fields a plain workbook's columns can be mapped to (a user's own Excel plan): the
# importable plan columns, the latest-note pair under the names the import uses for them.
MAPPED_AS = {"latest_note": ("note", N_("Note")), "latest_note_on": ("note_date", N_("Note date"))}
MAPPABLE: tuple[tuple[str, str], ...] = tuple(
    MAPPED_AS.get(c.key, (c.key, c.header)) for c in PLAN_COLUMNS if c.importable)
REQUIRED_FIELDS = frozenset({"title"})
# How a cell is read, by column key and by mapped field key.
KIND_OF = {key: c.kind for c in PLAN_COLUMNS if c.importable and c.kind != "text"
           for key in (c.key, MAPPED_AS.get(c.key, (c.key,))[0])}

FOCUS_COLUMNS: tuple[Column, ...] = (
    Column("programme", N_("Programme"), 30),
    Column("direction", N_("Direction"), 30),
    Column("number", N_("No."), 6, "int"),
    Column("focus_area", N_("Focus area"), 30),
    Column("description", N_("Description"), 40),
    Column("goal_kind", N_("Goal type"), 16),
    Column("goal", N_("Goal"), 50),
    Column("indicator", N_("Indicator"), 30),
    Column("unit", N_("Unit"), 10),
    Column("baseline", N_("Baseline"), 11),
    Column("baseline_year", N_("Baseline year"), 11, "int"),
    Column("target", N_("Target"), 11),
    Column("higher_is_better", N_("Higher is better"), 12, "flag"),
    Column("due", N_("Due"), 12, "date"),
)
NOTE_COLUMNS: tuple[Column, ...] = (
    Column("number", N_("No."), 6, "int"),
    Column("noted_on", N_("Date"), 12, "date"),
    Column("text", N_("Note"), 70),
    Column("author", N_("Author"), 22),
)
HISTORY_COLUMNS: tuple[Column, ...] = (
    Column("number", N_("No."), 6, "int"),
    Column("changed_on", N_("Date"), 12, "date"),
    Column("old_status", N_("From"), 14, "status"),
    Column("new_status", N_("To"), 14, "status"),
    Column("reason", N_("Reason"), 50),
)

SHEET_FOCUS = N_("Focus areas and goals")
SHEET_NOTES = N_("Progress log")
SHEET_HISTORY = N_("Status history")

# Words coordinators write in their own plans, beyond our labels. Data, not UI text:
# matched case-insensitively, never shown. "Försenad" is derived from the deadline in
# Tryggapp, so a row marked late is an open, ongoing measure.
STATUS_WORDS: dict[str, MeasureStatus] = {
    **{w: MeasureStatus.NOT_STARTED for w in ("ej påbörjad", "ej påbörjat", "inte påbörjad", "ej startad",
                                               "ej startat", "planerad", "not started")},
    **{w: MeasureStatus.ONGOING for w in ("pågående", "pågår", "påbörjad", "påbörjat", "startad",
                                           "försenad", "ongoing", "late")},
    **{w: MeasureStatus.DONE for w in ("genomförd", "genomfört", "klar", "klart", "avslutad", "avslutat",
                                        "slutförd", "utförd", "completed", "done")},
    **{w: MeasureStatus.PAUSED for w in ("pausad", "pausat", "vilande", "paused")},
    **{w: MeasureStatus.CANCELLED for w in ("avbruten", "avbrutet", "struken", "utgår", "cancelled")},
}
YES_WORDS = frozenset({"ja", "j", "yes", "y", "x", "sant", "true", "1"})
LIST_SEPARATORS = re.compile(r"[;\n\r]+")

# Limits checked before a sheet is read: a plan is a few hundred rows and a few dozen
# columns. A file claiming more is the wrong file or a hostile one (a single cell in
# XFD1048576 once made the import allocate 5.7 GB).
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_FILE_BYTES = 50_000_000  # uncompressed sheet data

# Headers a user's own plan may use, for the mapping dialog's first guess.
GUESSES: dict[str, tuple[str, ...]] = {
    "number": ("nr", "nummer", "id", "no", "#", "löpnummer"),
    "focus_area": ("fokusområde", "område", "focus area", "insatsområde", "målområde"),
    "title": ("åtgärd", "aktivitet", "insats", "measure", "titel", "rubrik", "vad"),
    "description": ("beskrivning", "description", "innehåll"),
    "expected_effect": ("förväntad effekt", "effekt", "expected effect"),
    "responsible_person": ("ansvarig person", "ansvarig", "kontaktperson", "responsible person"),
    "responsible_organisation": ("ansvarig organisation", "ansvarig förvaltning", "förvaltning", "organisation",
                                 "huvudman", "responsible organisation"),
    "partners": ("samverkanspartner", "samverkan", "partner", "partners", "samverkanspart"),
    "start_date": ("start", "startdatum", "påbörjas", "start date"),
    "deadline": ("deadline", "klart senast", "slutdatum", "klar", "tidplan", "datum", "senast"),
    "status": ("status", "läge"),
    "cancel_reason": ("statusorsak", "orsak", "kommentar till status", "status reason"),
    "status_date": ("statusdatum", "status ändrad", "klardatum", "genomförd datum", "status date"),
    "note": ("senaste anteckning", "anteckning", "kommentar", "uppföljning", "note", "latest note"),
    "note_date": ("anteckningsdatum", "note date"),
}


def norm(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).casefold().rstrip(".:")


def header_names(column: Column | str) -> set[str]:
    """A header matches its Swedish text and its English source, whatever the UI language."""
    src = column.header if isinstance(column, Column) else column
    return {norm(src), norm(_(src))}


def field_label(key: str) -> str:
    """The translated name of a mappable field."""
    return _(dict(MAPPABLE)[key])
