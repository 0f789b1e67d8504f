"""Printing service shared by the report, the fact sheets and the kit: find and launch Chromium
(sandboxed), print HTML to PDF, post-process (boxes, metadata) and check the PDFs."""
