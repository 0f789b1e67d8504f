"""Turn a finished RGB PDF from Chromium into a PDF/X-4 print file (CMYK, FOGRA39 output intent).

Ghostscript's `-dPDFX` route flattens transparency into images (pages lose their text) and
takes half a minute; the conversion is done here instead, on the PDF objects, in about a second:
- every colour operator (`rg`/`RG`, `g`/`G`) of every content stream (pages, forms) is replaced
  by its CMYK value (`colour.Converter`: greys and text greys on K only);
- every RGB image is converted to CMYK through the profile (JPEG stays JPEG, others Flate);
- transparency groups blend in DeviceCMYK; transparency itself is kept (PDF/X-4 allows it);
- annotations (links) are removed, the tag tree with them (the print file is not read on screen);
- the output intent (GTS_PDFX, FOGRA39 or the chosen profile's condition, profile embedded), PDF 1.6, /Trapped, and the XMP
  identification (pdfxid:GTS_PDFXVersion "PDF/X-4", xmpMM ids derived from the content).

`convert_to_pdfx(path, converter=…)` works in place; the result is deterministic.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import uuid
import zlib
from decimal import Decimal
from pathlib import Path

import pikepdf

from airf_site.errors import BuildError
from airf_site.print.colour import REGISTRY, Converter, cache_dir, output_condition

PDFX_VERSION = "PDF/X-4"
_RGB_OPS = {"rg": "k", "RG": "K"}
_GREY_OPS = {"g": "k", "G": "K"}
JPEG_QUALITY = 92


def _num(value: float) -> Decimal:
    return Decimal(f"{value:.4f}").normalize() if value else Decimal(0)


def _is_rgb_space(space) -> bool:
    if space is None:
        return False
    if isinstance(space, pikepdf.Name):
        return space in ("/DeviceRGB", "/CalRGB")
    if isinstance(space, pikepdf.Array) and len(space) >= 2:
        if space[0] == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if space[0] == "/CalRGB":
            return True
    return False


# Chromium writes colours as `r g b rg` and glyphs as hex strings: a content stream without
# literal strings or inline images can be rewritten with a regular expression, 5 times faster
# than parsing it (the parser is used otherwise).
_NUMBER = rb"(-?(?:\d+\.?\d*|\.\d+))"
_COLOUR_RE = re.compile(rb"(?<![^\s\[\]])" + _NUMBER + rb"\s+" + _NUMBER + rb"\s+" + _NUMBER + rb"\s+(rg|RG)(?![^\s])")
_GREY_RE = re.compile(rb"(?<![^\s\[\]])" + _NUMBER + rb"\s+(g|G)(?![^\s])")
_STRING_RE = re.compile(rb"(\((?:\\.|[^\\()])*\))", re.S)
_OTHER_COLOUR_RE = re.compile(rb"(?<![^\s])(?:sc|scn|SC|SCN|cs|CS|sh|BI)(?![^\s])")


def _fmt(values) -> bytes:
    return b" ".join(str(_num(v)).encode() for v in values)


def _convert_stream(stream: pikepdf.Object, converter: Converter) -> None:
    """Rewrite the colour operators of one content stream (page or form) to CMYK."""
    raw = stream.read_bytes()
    # literal strings (ActualText) are kept as they are; colours are rewritten between them
    parts = _STRING_RE.split(raw)
    code = parts[::2]
    if not any(b"(" in part or b")" in part or _OTHER_COLOUR_RE.search(part) for part in code):
        def colour(match):
            cmyk = converter.cmyk(tuple(float(v) for v in match.group(1, 2, 3)))
            return _fmt(cmyk) + (b" k" if match.group(4) == b"rg" else b" K")

        def grey(match):
            value = float(match.group(1))
            return _fmt(converter.cmyk((value, value, value))) + (b" k" if match.group(2) == b"g" else b" K")

        parts[::2] = [_GREY_RE.sub(grey, _COLOUR_RE.sub(colour, part)) for part in code]
        stream.write(b"".join(parts))
        return
    instructions = pikepdf.parse_content_stream(stream)
    changed = False
    out = []
    for operands, op in instructions:
        name = str(op)
        if name in _RGB_OPS and len(operands) == 3:
            cmyk = converter.cmyk(tuple(float(v) for v in operands))
            out.append(([_num(v) for v in cmyk], pikepdf.Operator(_RGB_OPS[name])))
            changed = True
        elif name in _GREY_OPS and len(operands) == 1:
            grey = float(operands[0])
            cmyk = converter.cmyk((grey, grey, grey))
            out.append(([_num(v) for v in cmyk], pikepdf.Operator(_GREY_OPS[name])))
            changed = True
        elif name in ("sc", "scn", "SC", "SCN", "cs", "CS", "sh", "BI"):
            # Chromium does not write these today; a future version that does must not slip
            # RGB into the print file unnoticed (check_pdfx reports it; here it fails early).
            raise BuildError(f"conversion CMJN : opérateur « {name} » non pris en charge dans le PDF de Chromium")
        else:
            out.append((operands, op))
    if changed:
        stream.write(pikepdf.unparse_content_stream(out))


def _convert_image(image: pikepdf.Stream, converter: Converter, done: dict) -> None:
    space = image.get("/ColorSpace")
    if not _is_rgb_space(space) or image.get("/ImageMask", False):
        return
    # Chromium writes a picture used on several pages once per page: convert it once; and a
    # picture already converted by an earlier build (same bytes, same profile) comes from the
    # cache folder, the conversion of large photographs being most of this module's time.
    key = hashlib.sha256(image.read_raw_bytes() + converter.fingerprint.encode()
                         + str(image.get("/Filter")).encode()).hexdigest()
    if key not in done:
        done[key] = _cached(key) or _store(key, _converted(image, converter))
    data, filter_, decode = done[key]
    image.write(data, filter=filter_)
    _set_cmyk(image, decode)


def _cache_file(key: str) -> Path:
    return cache_dir().parent / "cmjn" / f"{key}.bin"


def _cached(key: str):
    path = _cache_file(key)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    kind, data = raw[:1], raw[1:]
    return (data, pikepdf.Name.DCTDecode, True) if kind == b"J" else (data, pikepdf.Name.FlateDecode, False)


def _store(key: str, converted):
    data, filter_, _decode = converted
    path = _cache_file(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes((b"J" if filter_ == pikepdf.Name.DCTDecode else b"F") + data)
        partial.replace(path)  # atomic: a parallel build never reads half a file
    except OSError:
        pass  # no cache (read-only home): converted again next time
    return converted


def _converted(image: pikepdf.Stream, converter: Converter):
    """(data, filter, inverted) of the CMYK version of an RGB image stream."""
    pil = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
    cmyk = converter.image(pil)
    buf = io.BytesIO()
    if image.get("/Filter") == "/DCTDecode":
        # Pillow writes CMYK JPEGs inverted (Adobe's convention): /Decode turns them back.
        cmyk.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
        return buf.getvalue(), pikepdf.Name.DCTDecode, True
    # compressed once here, so that a copy on another page is not compressed again
    return zlib.compress(cmyk.tobytes(), 6), pikepdf.Name.FlateDecode, False


def _set_cmyk(image: pikepdf.Stream, inverted: bool) -> None:
    if "/DecodeParms" in image:
        del image.DecodeParms
    if inverted:
        image.Decode = pikepdf.Array([1, 0, 1, 0, 1, 0, 1, 0])
    elif "/Decode" in image:
        del image.Decode
    image.ColorSpace = pikepdf.Name.DeviceCMYK
    image.BitsPerComponent = 8


def _walk_resources(resources, converter: Converter, seen: set, done: dict) -> None:
    """Convert the images and forms of a resource dictionary (recursively), once each."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    for xobject in resources.get("/XObject", {}).values():
        if xobject.objgen in seen and xobject.objgen != (0, 0):
            continue
        seen.add(xobject.objgen)
        if xobject.get("/Subtype") == "/Image":
            _convert_image(xobject, converter, done)
        elif xobject.get("/Subtype") == "/Form":
            _convert_stream(xobject, converter)
            _fix_group(xobject)
            _walk_resources(xobject.get("/Resources"), converter, seen, done)
    for state in resources.get("/ExtGState", {}).values():
        mask = state.get("/SMask")
        if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
            form = mask.G
            if form.objgen not in seen:
                seen.add(form.objgen)
                _convert_stream(form, converter)
                _walk_resources(form.get("/Resources"), converter, seen, done)
    for key in ("/Pattern", "/Shading"):
        if resources.get(key):
            raise BuildError(f"conversion CMJN : ressource {key} non prise en charge dans le PDF de Chromium")


def _fix_group(holder) -> None:
    group = holder.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and _is_rgb_space(group.get("/CS")):
        group.CS = pikepdf.Name.DeviceCMYK


def _content_bytes(page) -> bytes:
    contents = page.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return b"".join(part.read_bytes() for part in contents)
    return contents.read_bytes() if isinstance(contents, pikepdf.Stream) else b""


def _output_intent(pdf: pikepdf.Pdf, profile: Path) -> pikepdf.Dictionary:
    data = profile.read_bytes()
    stream = pikepdf.Stream(pdf, data)
    stream.N = 4
    identifier, info = output_condition(profile)
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(identifier), OutputCondition=pikepdf.String(info),
        RegistryName=pikepdf.String(REGISTRY), Info=pikepdf.String(info),
        DestOutputProfile=pdf.make_indirect(stream),
    )


def convert_to_pdfx(path: Path, *, converter: Converter) -> Path:
    """Convert the PDF at `path` (in place) to a PDF/X-4 CMYK file for `converter`'s profile."""
    path = Path(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        seen: set = set()
        done: dict = {}
        for page in pdf.pages:
            if "/Annots" in page.obj:
                del page.obj.Annots
            if "/StructParents" in page.obj:
                del page.obj.StructParents
            if "/Contents" in page.obj:
                page.contents_coalesce()
                _convert_stream(page.obj.Contents, converter)
            _fix_group(page.obj)
            _walk_resources(page.obj.get("/Resources"), converter, seen, done)
        for key in ("/StructTreeRoot", "/MarkInfo", "/AcroForm"):
            if key in pdf.Root:
                del pdf.Root[key]
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, converter.profile)])
        info = pdf.docinfo
        info.Trapped = pikepdf.Name("/False")
        info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        title = str(info.get("/Title", path.stem))
        digest = hashlib.sha256(b"".join(_content_bytes(p.obj) for p in pdf.pages)).hexdigest()
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta.register_xml_namespace("http://www.npes.org/pdfx/ns/id/", "pdfxid")
            meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
            meta["pdf:Trapped"] = "False"
            # Stable identifiers: the document is known by its title; each content is a version.
            meta["xmpMM:DocumentID"] = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'airf-site:' + title)}"
            meta["xmpMM:InstanceID"] = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'airf-site:' + digest)}"
            meta["xmpMM:VersionID"] = "1"
            meta["xmpMM:RenditionClass"] = "default"
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID  # qpdf keeps the input's first ID: derive both from the content
        pdf.save(path, deterministic_id=True, compress_streams=True, min_version="1.6",
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return path
