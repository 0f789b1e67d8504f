"""Accessibility finishing of the tagged screen PDFs (PDF/UA basics) and its checks.

Chromium tags the document but leaves three gaps that screen readers and PDF/UA validators
report; `finish_tagged(path, titles=…)` fills them in place:
- running footers and decorations drawn outside any tag (margin boxes, backgrounds, rules) are
  marked as artifacts (`/Artifact` marked content; footers as /Pagination /Footer), so that a
  screen reader does not read "Rapport d'activité 2025 · 12" on every page;
- a <figure> grouping a chart and its caption is a /Figure without alternative text around the
  chart's own /Figure: it becomes a /Div (the chart keeps its alt text);
- bookmark titles lose the space where a heading wraps ("biodiversité enpartage"): titles are
  taken back from the source titles (`titles`), matched whitespace-insensitively;
- links get a description (/Contents) and pages with links a tab order (/Tabs /S).

`ua_problems(pdf)` lists what is still missing (veraPDF, the reference PDF/UA validator, is a
Java program available from none of the package registries the project uses: these are the
basics it checks first, done with pikepdf).
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

from airf_site.print.printer import MM

FOOTER_MM = 25  # text starting this close to the bottom of the sheet is a running footer
_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n", "sh", "Do"}
_PATH = {"m", "l", "c", "v", "y", "h", "re"}


def _squash(text: str) -> str:
    return "".join(text.split())


def retitle_outline(pdf: pikepdf.Pdf, titles: list[str]) -> int:
    """Bookmark titles replaced by the source title they equal but for whitespace; returns the count."""
    known = {_squash(t): t for t in titles}
    fixed = 0
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            source = known.get(_squash(item.title))
            if source is not None and source != item.title:
                item.title = source
                fixed += 1
            stack.extend(item.children)
    return fixed


_OPERATORS = {b"BDC", b"BMC", b"EMC", b"BT", b"ET", b"Tj", b"TJ", b"Td", b"TD", b"Tm", b"Tf", b"T*", b"Tc",
              b"Tw", b"Tz", b"TL", b"Tr", b"Ts", b"q", b"Q", b"cm", b"gs", b"rg", b"RG", b"g", b"G", b"k", b"K",
              b"w", b"J", b"j", b"M", b"d", b"ri", b"i", b"W", b"W*", b"cs", b"CS", b"sc", b"scn", b"SC", b"SCN",
              b"MP", b"DP"} | {op.encode() for op in _PAINT | _PATH}


_OP_RE = re.compile(rb"(?:^|[\s>\])])([A-Za-z*'\"]+)$")


def _lines(raw: bytes) -> list[tuple[bytes, list]] | None:
    """Chromium writes one operator per line: (operator, [line]) per line, or None if not so."""
    result = []
    for line in raw.split(b"\n"):
        stripped = line.strip()
        if not stripped:
            continue
        match = _OP_RE.search(stripped)
        op = match.group(1) if match else b""
        if op not in _OPERATORS or b"(" in stripped and op not in (b"BDC", b"Tj", b"TJ"):
            return None
        result.append((op, stripped))
    return result


def _mark_lines(lines, origin: float, scale: float, bottom: float) -> tuple[bytes, int]:
    out, depth, i, wrapped = [], 0, 0, 0
    while i < len(lines):
        op, line = lines[i]
        if op in (b"BDC", b"BMC"):
            depth += 1
        elif op == b"EMC":
            depth -= 1
        if depth == 0 and op == b"BT":
            end = next(j for j in range(i, len(lines)) if lines[j][0] == b"ET")
            tm = next((lines[j][1] for j in range(i, min(end, i + 6)) if lines[j][0] == b"Tm"), None)
            y = float(tm.split()[5]) if tm else None
            footer = y is not None and origin + scale * y < bottom + FOOTER_MM * MM
            out.append(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" if footer
                       else b"/Artifact <</Type /Layout>> BDC")
            out.extend(line for _op, line in lines[i:end + 1])
            out.append(b"EMC")
            wrapped += 1
            i = end + 1
            continue
        if depth == 0 and op.decode() in _PATH | {"Do", "sh"}:
            end = i
            while end < len(lines) - 1 and lines[end][0].decode() not in _PAINT:
                end += 1
            block = [line for _op, line in lines[i:end + 1]]
            if any(o in (b"W", b"W*") for o, _line in lines[i:end + 1]):
                out.extend(block)  # a clipping path paints nothing: it stays outside marked content
            else:
                out.extend([b"/Artifact BMC", *block, b"EMC"])
                wrapped += 1
            i = end + 1
            continue
        out.append(line)
        i += 1
    return b"\n".join(out) + b"\n", wrapped


def mark_artifacts(pdf: pikepdf.Pdf) -> int:
    """Wrap the content drawn outside any tag in /Artifact marked content; returns the count."""
    wrapped = 0
    for page in pdf.pages:
        if "/Contents" not in page.obj:
            continue
        page.contents_coalesce()
        raw = page.obj.Contents.read_bytes()
        lines = _lines(raw)
        if lines is None:  # not Chromium's layout: go through the parser, one operator a line
            lines = []
            for operands, op in pikepdf.parse_content_stream(page):
                line = pikepdf.unparse_content_stream([(operands, op)]).strip()
                lines.append((str(op).encode(), line))
        origin, scale = _pixel_space(lines)
        data, count = _mark_lines(lines, origin, scale, float(page.mediabox[1]))
        page.obj.Contents.write(data)
        wrapped += count
    return wrapped


def _pixel_space(lines) -> tuple[float, float]:
    """(origin, scale) turning a text block's y into PDF points from the sheet's bottom.

    Chromium's first `cm` flips the page into its 300 dpi pixel space (`0.24 0 0 -0.24 0 H`);
    text is then drawn in CSS pixels, 3.125 device pixels each.
    """
    for op, line in lines[:3]:
        if op == b"cm":
            values = line.split()
            return float(values[5]), float(values[3]) * 3.125
    return 0.0, 1.0


def regroup_figures(pdf: pikepdf.Pdf) -> int:
    """A /Figure without alt text that holds figures with alt text becomes a /Div; returns the count."""
    changed = 0
    root = pdf.Root.get("/StructTreeRoot")
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        if node.get("/S") == "/Figure" and "/Alt" not in node and _has_figure_with_alt(kids):
            node.S = pikepdf.Name.Div
            changed += 1
        stack.extend(k for k in kids if isinstance(k, pikepdf.Dictionary))
    return changed


def _has_figure_with_alt(kids) -> bool:
    stack = list(kids)
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                return True
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return False


def describe_links(pdf: pikepdf.Pdf) -> None:
    """/Contents on every link (its address, or the page it leads to) and /Tabs /S on their pages."""
    index = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if not annots:
            continue
        page.obj.Tabs = pikepdf.Name.S
        for annot in annots:
            if annot.get("/Subtype") != "/Link" or "/Contents" in annot:
                continue
            action = annot.get("/A", {})
            if action.get("/S") == "/URI":
                annot.Contents = pikepdf.String(f"Lien vers {action.URI}")
                continue
            dest = annot.get("/Dest", action.get("/D"))
            if isinstance(dest, (pikepdf.String, pikepdf.Name)):
                names = pdf.Root.get("/Names", {}).get("/Dests")
                dest = _named(names, str(dest)) if names is not None else None
            if isinstance(dest, pikepdf.Dictionary):
                dest = dest.get("/D")
            target = index.get(dest[0].objgen) if isinstance(dest, pikepdf.Array) and len(dest) else None
            annot.Contents = pikepdf.String(f"Aller à la page {target}" if target else "Lien interne")


def _named(tree, name: str):
    """Look a name up in a PDF name tree (/Names leaves and /Kids)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        names = node.get("/Names")
        if names is not None:
            for key, value in zip(list(names)[::2], list(names)[1::2]):
                if str(key) == name:
                    return value
        stack.extend(node.get("/Kids", []))
    return None


def finish_tagged(path: Path, *, titles: list[str]) -> Path:
    """Apply every fix of this module to the tagged PDF at `path`, in place (deterministic)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        retitle_outline(pdf, titles)
        mark_artifacts(pdf)
        regroup_figures(pdf)
        describe_links(pdf)
        pdf.save(path, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return path


def ua_problems(pdf: pikepdf.Pdf) -> list[str]:
    """PDF/UA basics still missing: tags, untagged content, figures without alt, links, title."""
    errors = []
    if "/StructTreeRoot" not in pdf.Root or not pdf.Root.get("/MarkInfo", {}).get("/Marked", False):
        return ["PDF non balisé (tagged)"]
    if not pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        errors.append("le titre du document n'est pas affiché à la place du nom de fichier (DisplayDocTitle)")
    untagged = []
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        for _operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            depth += name in ("BDC", "BMC")
            depth -= name == "EMC"
            if depth == 0 and (name in ("Tj", "TJ", "'", '"', "Do", "sh") or name in _PAINT - {"n"}):
                untagged.append(number)
                break
    if untagged:
        errors.append(f"contenu ni balisé ni marqué comme artefact (pages {', '.join(map(str, untagged[:8]))})")
    missing_alt = 0
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure" and not str(node.get("/Alt", "")).strip():
                missing_alt += 1
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    if missing_alt:
        errors.append(f"{missing_alt} figure(s) sans texte de remplacement (Alt)")
    for number, page in enumerate(pdf.pages, start=1):
        links = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        if links and page.obj.get("/Tabs") != "/S":
            errors.append(f"page {number} : ordre de tabulation (/Tabs /S) absent sur une page à liens")
        if any(not str(a.get("/Contents", "")).strip() for a in links):
            errors.append(f"page {number} : lien sans description (/Contents)")
    return errors
