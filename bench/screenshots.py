"""Screenshots of the built site for docs/site.md (home, an article, the agenda, the calls).

Usage: python bench/screenshots.py SITE_DIR OUT_DIR PREFIX
Serves SITE_DIR on loopback, captures each page at 1280 and 375 px (top of the page, at most
MAX_HEIGHT CSS pixels), then shrinks and quantises the PNG with Pillow so that each file stays
well under 100 KB. PREFIX names the series ("avant", "apres").
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import sys
import threading
from pathlib import Path

from PIL import Image

from airf_site.print.browser import launch

PAGES = {
    "accueil": "",
    "article": "actualites/regroupement-technique-terress-a-bouake/",
    "agenda": "agenda/",
    "appels": "appels/",
}
WIDTHS = {1280: 640, 375: 300}  # viewport width → width of the stored PNG
MAX_HEIGHT = {1280: 1800, 375: 2200}


@contextlib.contextmanager
def serve(site: Path):
    """The built site on an ephemeral loopback port; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def shrink(png: bytes, width: int) -> Image.Image:
    """Resize to `width` pixels wide and quantise to 128 colours (small, still legible)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    height = round(image.height * width / image.width)
    image = image.resize((width, height), Image.LANCZOS)
    return image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def main(argv: list[str]) -> int:
    site, out, prefix = Path(argv[0]), Path(argv[1]), argv[2]
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, launch() as browser:
        for viewport, stored in WIDTHS.items():
            # A viewport as tall as the capture: no scrolling, so Material keeps its tabs visible.
            context = browser.new_context(viewport={"width": viewport, "height": MAX_HEIGHT[viewport]})
            page = context.new_page()
            for name, url in PAGES.items():
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT[viewport])
                png = page.screenshot(clip={"x": 0, "y": 0, "width": viewport, "height": height})
                target = out / f"{prefix}-{name}-{viewport}.png"
                shrink(png, stored).save(target, optimize=True)
                print(f"{target} {target.stat().st_size // 1024} Ko")
            context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
