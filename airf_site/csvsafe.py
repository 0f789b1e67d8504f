"""Spreadsheet-safe CSV: no cell of an exported file is run as a formula when opened.

Participant names and CRM fields come from registration forms anyone can fill in. A cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel and LibreOffice (``=HYPERLINK("http://evil","x")``): OWASP's rule is to prefix such
cells with a single quote, which the spreadsheet shows as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """`value` as text, prefixed with ``'`` when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    # The writer only quotes its own line terminator (\n): a bare CR would split the row.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_csv(rows: Iterable[Iterable[object]], delimiter: str = ";") -> str:
    """Rows → CSV text (``\\n`` line ends), every cell made spreadsheet-safe (pure)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(
        [safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
