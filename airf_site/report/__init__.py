"""The annual activity report (sources, data, charts, render) and the fact-sheet PDFs; both print
through `airf_site.print`."""
