"""The header row of an imported sheet (services.excel.mapping.header_of), shared by the
plan's Excel import and the statistics import: the row the user named, else the guess;
a row the sheet does not have is refused in Swedish."""

from __future__ import annotations

import pytest

from tryggapp.errors import UserError
from tryggapp.services.excel.mapping import header_of

ROWS = [("Rapport", None, None), ("Åtgärd", "Ansvarig", None), ("Belysning", "Kim", None)]


def test_the_named_row_or_the_guess_with_empty_cells_at_the_end_dropped():
    assert header_of(ROWS, 2, "Blad1", lambda rows: 0) == (1, ["Åtgärd", "Ansvarig"])
    assert header_of(ROWS, None, "Blad1", lambda rows: 1) == (1, ["Åtgärd", "Ansvarig"])


@pytest.mark.parametrize("row", [0, 4])
def test_a_row_the_sheet_does_not_have_is_refused_in_swedish(row):
    with pytest.raises(UserError) as refused:
        header_of(ROWS, row, "Blad1", lambda rows: 0)
    assert refused.value.message == (
        f"Rad {row} finns inte i bladet ”Blad1” (det har 3 rader).")
