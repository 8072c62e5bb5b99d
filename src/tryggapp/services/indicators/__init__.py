"""Indicators as statistics: a goal's categories ("Skadegörelse", "Våldsbrott"), its
values per category, the series a trend chart draws, and the import of a statistics file
(CSV or Excel) as measurements (issue 14).

One job per module:
    parse       one cell: a period ("2026 kv 3"), a value ("1 234,5", "12 %"), a category
    source      the file read under its header row; which column holds what (guessed)
    categories  an indicator's categories, their values, and the series for a chart
    importer    check every row (nothing written), then write all of it or nothing

openpyxl is imported only when a workbook is read (services.excel.reader)."""

from tryggapp.services.indicators.categories import (
    Line,
    Point,
    Series,
    add_categories,
    add_category,
    category_values,
    indicator_kind,
    list_categories,
    move_category,
    remove_category,
    rename_category,
    series,
    set_positions,
    value_counts,
)
from tryggapp.services.indicators.importer import (
    Applied,
    ChoiceNeeded,
    ColumnMissing,
    ImportPlan,
    PlannedValue,
    apply_import,
    check_import,
    import_stats,
    undo_import,
)
from tryggapp.services.indicators.source import (
    Columns,
    StatsFile,
    find_column,
    guess_columns,
    read_file,
)

__all__ = [
    "Applied", "ChoiceNeeded", "ColumnMissing", "Columns", "ImportPlan", "Line", "PlannedValue", "Point", "Series",
    "StatsFile", "add_categories", "add_category", "apply_import", "category_values", "check_import",
    "find_column", "guess_columns", "import_stats", "indicator_kind", "list_categories", "move_category",
    "read_file", "remove_category", "rename_category", "series", "set_positions", "undo_import", "value_counts",
]
