"""Shared print pipeline: HTML → PDF with Chromium (Playwright), then pikepdf post-processing.

Used by the annual report, the fact sheets and the meetings kit (posters, badges, name cards).

    with Printer() as printer:
        printer.print_html(html, out, base_dir=project.root, width_mm=210, height_mm=297, bleed_mm=3)
    postprocess(out, title="…", author="AIRF", subject="…", bleed_mm=3, crop_marks=True,
                created=project.now)

What Chromium cannot do (see ARCHITECTURE.md, PDF facts) is done here:
- bleed: the page is printed larger by the bleed on every side, then `postprocess` declares
  TrimBox/BleedBox so the print shop knows where to cut;
- metadata: Author/Subject/XMP/language and dates pinned to the build date (Chromium writes the
  wall-clock time, which would break byte-identical builds);
- crop marks: drawn by `postprocess` in an extra slug area outside the bleed.

Sandbox: every request of a print page goes through `Printer._route`. Only files inside the
folders of the document being printed (its `base_dir`, the `read_roots` given), the fonts and
the printer's temporary folder are served; any other `file://` URL, and every network request,
is refused. JavaScript is off unless a Printer is created with `javascript=True`: content
(a fact-sheet body is trusted Markdown with raw HTML) could otherwise script the page.

Fonts are the static TrueType Lato of the `font_lato` package (`font_face_css()`): variable or
CFF fonts end up as Type 3 in Chromium's PDFs, which print shops reject.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pikepdf
from playwright.sync_api import Error as PlaywrightError

from airf_site import fonts
from airf_site.errors import BuildError
from airf_site.print.browser import launch

MM = 72 / 25.4  # PDF points per millimetre
FONT_DIR = fonts.LATO_DIR
CROP_MARK_OFFSET_MM = 10.0  # slug area added outside the bleed to hold crop marks
CROP_MARK_LENGTH_MM = 6.0

# Loads every declared face, then waits for layout fonts: a face used only in a margin box
# (page numbers) is otherwise not loaded in time and the number prints blank.
_FONTS_READY_JS = """async () => {
  await Promise.all(Array.from(document.fonts).map(f => f.load().catch(() => null)));
  await document.fonts.ready;
  await Promise.all(Array.from(document.images).map(img => img.decode().catch(() => null)));
  return Array.from(document.fonts).filter(f => f.status !== 'loaded').map(f => f.family);
}"""


def font_face_css(family: str = "Lato") -> str:
    """@font-face rules for the identity's static TrueType fonts, as file:// URLs (no network)."""
    return fonts.font_face_css(family=family)


def page_size_mm(width_mm: float, height_mm: float, bleed_mm: float = 0) -> tuple[float, float]:
    """Size of the sheet Chromium prints: the trim size enlarged by the bleed on every side."""
    return width_mm + 2 * bleed_mm, height_mm + 2 * bleed_mm


class Printer:
    """One Chromium session printing many HTML documents to PDF.

    A context manager: launching Chromium costs about a second, so every PDF of a build
    (report versions, all fact sheets, badges...) is printed through one Printer.
    """

    def __init__(self, javascript: bool = False) -> None:
        self._launcher = None
        self._browser = None
        self._page = None
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._javascript = javascript
        self._roots: tuple[Path, ...] = ()
        self.refused: list[str] = []  # URLs the sandbox refused (for tests and debugging)

    def __enter__(self) -> Printer:
        self._launcher = launch()
        self._browser = self._launcher.__enter__()
        context = self._browser.new_context(java_script_enabled=self._javascript)
        # Every request (documents, frames, images, fonts, CSS) is decided by `_route`.
        context.route("**/*", self._route)
        self._page = context.new_page()
        self._tmp = tempfile.TemporaryDirectory(prefix="airf-print-")
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._tmp is not None:
                self._tmp.cleanup()
        finally:
            self._launcher.__exit__(*exc)
            self._browser = self._page = self._launcher = self._tmp = None

    def _route(self, route) -> None:
        url = route.request.url
        if allowed_url(url, self._roots):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort("blockedbyclient")

    def print_html(
        self,
        html: str,
        out_path: Path,
        *,
        base_dir: Path,
        read_roots: Iterable[Path] = (),
        width_mm: float = 210,
        height_mm: float = 297,
        bleed_mm: float = 0,
        tagged: bool = True,
        outline: bool = True,
    ) -> Path:
        """Print `html` to `out_path` on sheets of (width + 2 bleed) × (height + 2 bleed) mm.

        Relative URLs in `html` resolve against `base_dir` (a `<base>` is inserted when the
        document has none). The page size given here wins over any CSS `@page size`, so the
        layout's `@page` rules only set margins. The page may read files under `base_dir` and
        `read_roots` (plus fonts and its own temporary folder), nothing else. Returns `out_path`.
        """
        if self._page is None:
            raise RuntimeError("Printer must be used as a context manager")
        self._roots = tuple(p.resolve() for p in (Path(self._tmp.name), Path(base_dir), *map(Path, read_roots),
                                                  *{f.parent for f in fonts.font_files().values()}))
        html = _with_base(html, Path(base_dir))
        # The document is loaded from a file:// URL so that file:// fonts and images load
        # (an about:blank page may not read local files).
        src = Path(self._tmp.name) / "document.html"
        src.write_text(html, encoding="utf-8")
        page = self._page
        width, height = page_size_mm(width_mm, height_mm, bleed_mm)
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            page.goto(src.as_uri(), wait_until="load")
            missing = page.evaluate(_FONTS_READY_JS)
            if missing:
                raise BuildError(f"polices non chargées : {', '.join(sorted(set(missing)))}")
            page.pdf(
                path=str(out_path),
                width=f"{width}mm",
                height=f"{height}mm",
                print_background=True,
                prefer_css_page_size=False,
                margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
                tagged=tagged,
                outline=outline and tagged,  # Chromium builds the outline from the tag tree
            )
        except PlaywrightError as exc:
            # A crashed or killed browser is reported in French, without a traceback.
            raise BuildError(f"Chromium n'a pas pu imprimer {out_path.name} : {exc.message}") from exc
        return out_path

    def page_count(self, path: Path) -> int:
        """Number of pages of a PDF this printer wrote (convenience for fitting loops)."""
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)


def allowed_url(url: str, roots: Iterable[Path]) -> bool:
    """Whether a print page may load `url`: a regular file under one of `roots`, or inline data.

    The path is resolved first, so neither ``..`` nor a symbolic link leads outside the roots.
    """
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return path.is_file() and any(path.is_relative_to(root) for root in roots)


def _with_base(html: str, base_dir: Path) -> str:
    if "<base " in html[:4000]:
        return html
    tag = f'<base href="{base_dir.resolve().as_uri()}/">'
    lower = html[:4000].lower()
    pos = lower.find("<head>")
    if pos >= 0:
        return html[: pos + 6] + tag + html[pos + 6 :]
    return tag + html


# --- post-processing ---------------------------------------------------------------------


def _pdf_date(moment: dt.datetime) -> str:
    stamp = moment.strftime("D:%Y%m%d%H%M%S")
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{stamp}{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


def _crop_marks_stream(trim: list[float], bleed_pt: float) -> bytes:
    """Content stream drawing the eight crop marks around `trim`, outside the bleed."""
    x0, y0, x1, y1 = trim
    gap = bleed_pt + 1  # marks start just outside the bleed so they never show on the cut sheet
    length = CROP_MARK_LENGTH_MM * MM
    ops = ["q", "0 0 0 1 K", "0.25 w"]  # 100 % K hairline: readable on every plate
    for x in (x0, x1):
        for y, direction in ((y0, -1), (y1, 1)):
            # vertical mark above/below the corner
            ops.append(f"{x:.3f} {y + direction * gap:.3f} m {x:.3f} {y + direction * (gap + length):.3f} l S")
    for y in (y0, y1):
        for x, direction in ((x0, -1), (x1, 1)):
            ops.append(f"{x + direction * gap:.3f} {y:.3f} m {x + direction * (gap + length):.3f} {y:.3f} l S")
    ops.append("Q")
    return "\n".join(ops).encode()


def postprocess(
    path: Path,
    *,
    title: str,
    author: str,
    subject: str,
    lang: str = "fr",
    width_mm: float = 210,
    height_mm: float = 297,
    bleed_mm: float = 0,
    crop_marks: bool = False,
    cut_bleed: bool = False,
    created: dt.datetime | None = None,
    keywords: str | None = None,
) -> Path:
    """Finish a PDF printed by `Printer`: boxes, metadata, XMP, language, optional crop marks.

    - MediaBox = exactly (width + 2 bleed) × (height + 2 bleed) mm, `width_mm`/`height_mm` being
      the trim size given to `Printer.print_html`;
    - TrimBox = the sheet minus `bleed_mm` on every side; BleedBox = the sheet (when bleed > 0).
    - With `crop_marks`, the MediaBox grows by a slug area and marks are drawn at the trim corners.
    - With `cut_bleed`, the sheet is cut to the trim (MediaBox = TrimBox, no BleedBox): a screen
      version made from the same rendering as the print version, without printing twice.
    - Dates come from `created` (the injected build date) and the file ID is derived from the
      content, so the same input gives the same bytes.
    """
    path = Path(path)
    bleed = bleed_mm * MM
    sheet_w, sheet_h = (v * MM for v in page_size_mm(width_mm, height_mm, bleed_mm))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            # Chromium rounds the sheet up to its 300 dpi device grid (A4 comes out 210.23 ×
            # 297.01 mm) while laying out CSS millimetres exactly from the top-left corner: cut
            # the sheet back to its exact size, anchored top-left, so the trim is exact.
            _x0, _y0, _x1, top = [float(v) for v in page.mediabox]
            x0, y0, x1, y1 = 0.0, top - sheet_h, sheet_w, top
            page.obj.MediaBox = pikepdf.Array([round(v, 4) for v in (x0, y0, x1, y1)])
            if "/CropBox" in page.obj:
                del page.obj.CropBox
            trim = [x0 + bleed, y0 + bleed, x1 - bleed, y1 - bleed]
            page.obj.TrimBox = pikepdf.Array([round(v, 4) for v in trim])
            if cut_bleed:
                page.obj.MediaBox = pikepdf.Array([round(v, 4) for v in trim])
                continue
            if bleed_mm > 0:
                page.obj.BleedBox = pikepdf.Array([round(v, 4) for v in (x0, y0, x1, y1)])
            if crop_marks:
                slug = max(CROP_MARK_OFFSET_MM * MM, bleed + (1 + CROP_MARK_LENGTH_MM) * MM + 2)
                media = [trim[0] - slug, trim[1] - slug, trim[2] + slug, trim[3] + slug]
                page.obj.MediaBox = pikepdf.Array([round(v, 4) for v in media])
                # Chromium's content starts with an unbalanced `cm` (its pixel scale and flip):
                # wrap it in q…Q so the marks are drawn in page coordinates.
                page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
                page.contents_add(pikepdf.Stream(pdf, b"\nQ\n" + _crop_marks_stream(trim, bleed)), prepend=False)
        pdf.Root.Lang = pikepdf.String(lang)
        moment = created or dt.datetime.now(dt.UTC)
        stamp = _pdf_date(moment)
        info = pdf.docinfo
        info.Title = pikepdf.String(title)
        info.Author = pikepdf.String(author)
        info.Subject = pikepdf.String(subject)
        if keywords:
            info.Keywords = pikepdf.String(keywords)
        info.Creator = pikepdf.String("airf-site (Chromium)")
        info.Producer = pikepdf.String("airf-site + pikepdf")
        info.CreationDate = pikepdf.String(stamp)
        info.ModDate = pikepdf.String(stamp)
        # Viewers show the Title instead of the file name.
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            iso = moment.isoformat()
            meta["dc:title"] = title
            meta["dc:creator"] = [author]
            meta["dc:description"] = subject
            meta["dc:language"] = [lang]
            meta["pdf:Producer"] = "airf-site + pikepdf"
            meta["xmp:CreatorTool"] = "airf-site (Chromium)"
            meta["xmp:CreateDate"] = iso
            meta["xmp:ModifyDate"] = iso
            meta["xmp:MetadataDate"] = iso
            if keywords:
                meta["pdf:Keywords"] = keywords
        if "/ID" in pdf.trailer:
            # qpdf keeps the first /ID of the file it rewrites (an ID a browser may derive from
            # the time of writing): both IDs are derived from the content instead.
            del pdf.trailer.ID
        pdf.save(path, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return path


def trim_box_mm(path: Path) -> Iterator[tuple[float, float]]:
    """Width and height in mm of each page's TrimBox (MediaBox when none)."""
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            box = page.obj.get("/TrimBox", page.mediabox)
            x0, y0, x1, y1 = [float(v) for v in box]
            yield (x1 - x0) / MM, (y1 - y0) / MM


def file_size_mb(path: Path) -> float:
    """Size of a file in megabytes (10^6 bytes, as print shops count)."""
    return os.path.getsize(path) / 1_000_000
