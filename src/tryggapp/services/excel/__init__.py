"""The action plan to and from a spreadsheet (.xlsx; .ods and .csv read too), the format
coordinators' plans live in (docs/excel-format.md).

One job per module:
    format     the columns of each sheet, their Swedish headers, status words, limits
    reader     a file (.xlsx / .ods / .csv) into rows of cell values, size-checked
    mapping    the header row and which column holds which field
    validate   every cell checked and converted; RowError, ImportFailed
    changes    matching rows to measures, the field-by-field changes, the model's rules
    importer   import_plan: all of it, with a backup only when something is written
    writer     export_plan: the workbook Tryggapp writes (text always as text)

openpyxl and python-calamine are imported inside the functions that read or write: they
cost time at start-up and most runs never need them.
"""

from tryggapp.services.excel.changes import Ambiguity, AmbiguousRows, ImportReport
from tryggapp.services.excel.format import (
    COLUMN_BY_KEY,
    FOCUS_COLUMNS,
    HISTORY_COLUMNS,
    KIND_OF,
    MAPPABLE,
    NOTE_COLUMNS,
    PLAN_COLUMNS,
    REQUIRED_FIELDS,
    Column,
    field_label,
)
from tryggapp.services.excel.importer import (
    NotOurFormat,
    YearUnknown,
    backup_before_import,
    import_plan,
)
from tryggapp.services.excel.mapping import (
    WorkbookPreview,
    guess_mapping,
    read_headers,
    standard_mapping,
)
from tryggapp.services.excel.reader import Formula, cell_text, column_letter
from tryggapp.services.excel.validate import (
    ImportFailed,
    RowError,
    parse_date_cell,
    parse_float,
    parse_int,
    parse_status,
    split_list,
)
from tryggapp.services.excel.writer import ExportReport, export_plan

__all__ = [
    "COLUMN_BY_KEY", "FOCUS_COLUMNS", "HISTORY_COLUMNS", "KIND_OF", "MAPPABLE", "NOTE_COLUMNS", "PLAN_COLUMNS",
    "REQUIRED_FIELDS", "Ambiguity", "AmbiguousRows", "Column", "ExportReport", "Formula", "ImportFailed",
    "ImportReport", "NotOurFormat", "RowError", "WorkbookPreview", "YearUnknown", "backup_before_import",
    "cell_text", "column_letter", "export_plan", "field_label", "guess_mapping", "import_plan", "parse_date_cell",
    "parse_float", "parse_int", "parse_status", "read_headers", "split_list", "standard_mapping",
]
