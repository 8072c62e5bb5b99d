"""Indicators as statistics: a goal's categories ("Skadegörelse", "Våldsbrott"), its
values per category, the series a trend chart draws, and the import of a statistics file
(CSV or Excel) as measurements (issue 14).

One job per module:
    parse       one cell: a period ("2026 kv 3"), a value ("1 234,5", "12 %"), a category
    source      the file read under its header row; which column holds what (guessed)
    categories  an indicator's categories, their values, and the series for a chart
    importer    check every row (nothing written), then write all of it or nothing

The names below are loaded from their module when first used: the goal page needs only
`categories`, and the import's modules pull in services.excel (openpyxl itself is
imported only when a workbook is read)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOME = {
    **dict.fromkeys(("Line", "Point", "Series", "add_categories", "add_category", "category_values",
                     "indicator_kind", "list_categories", "move_category", "remove_category", "rename_category",
                     "series", "set_positions", "value_counts"), "categories"),
    **dict.fromkeys(("Applied", "ChoiceNeeded", "ColumnMissing", "ImportPlan", "PlannedValue", "apply_import",
                     "check_import", "import_stats", "undo_import"), "importer"),
    **dict.fromkeys(("Columns", "StatsFile", "find_column", "guess_columns", "read_file"), "source"),
}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"tryggapp.services.indicators.{home}"), name)


if TYPE_CHECKING:
    from tryggapp.services.indicators.categories import (  # noqa: F401
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
    from tryggapp.services.indicators.importer import (  # noqa: F401
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
    from tryggapp.services.indicators.source import (  # noqa: F401
        Columns,
        StatsFile,
        find_column,
        guess_columns,
        read_file,
    )
