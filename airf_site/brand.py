"""The association's logo, drawn from one description: SVG for the site, PNG for e-mails.

The logo is the acronym in heavy blue on a white plate with a blue edge, over a band of the
four strategic priorities' colours (2:1). The site publishes it as SVG (`render_logo_svg`);
e-mail clients do not all show SVG, so the newsletter embeds a PNG drawn from the same
geometry (`render_logo_png`), at twice its display size for sharp screens.
"""

from __future__ import annotations

import io

BLUE = "#1d4e89"
BAND = [BLUE, "#c0392b", "#e67e22", "#1e8449"]  # the four priorities, left to right
WIDTH, HEIGHT = 64, 32  # the drawing's coordinate system (viewBox)
EDGE = 1.5  # width of the plate's blue edge
RADIUS = 5  # corner radius of the plate (centre of the edge)
BAND_X, BAND_Y, BAND_W, BAND_H = 4, 25, 14, 3
TEXT_X, TEXT_BASELINE, TEXT_SIZE, LETTER_SPACING = 32, 21.5, 19, 0.5
ACRONYM = "AIRF"


def render_logo_svg() -> str:
    """The logo as SVG (the site's /assets/airf-logo.svg). The white plate (with a blue edge)
    reads on the blue header and on white pages alike; at 2:1 the letters are 13 px tall when
    Material draws the logo 24 px high."""
    band = "".join(
        f'<rect x="{BAND_X + i * BAND_W}" y="{BAND_Y}" width="{BAND_W}" height="{BAND_H}" fill="{colour}"/>'
        for i, colour in enumerate(BAND)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        'role="img" aria-label="AIRF"><title>AIRF</title>'
        f'<rect x="0.75" y="0.75" width="62.5" height="30.5" rx="{RADIUS}" fill="#fff" stroke="{BLUE}" stroke-width="{EDGE}"/>'
        f'<text x="{TEXT_X}" y="{TEXT_BASELINE}" text-anchor="middle" font-family="Lato, Arial, Helvetica, sans-serif" '
        f'font-weight="900" font-size="{TEXT_SIZE}" letter-spacing="{LETTER_SPACING}" fill="{BLUE}">{ACRONYM}</text>'
        f"{band}</svg>\n"
    )


def render_logo_png(width: int) -> bytes:
    """The logo as a PNG `width` pixels wide (height: half), transparent outside the plate.

    Same geometry as the SVG, drawn 4× larger then reduced for smooth edges; deterministic bytes.
    """
    from PIL import Image, ImageDraw, ImageFont

    from airf_site import fonts

    scale = width * 4 / WIDTH
    image = Image.new("RGBA", (round(WIDTH * scale), round(HEIGHT * scale)), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    # SVG strokes are centred on the outline; Pillow draws them inside the box: grow the box by half.
    draw.rounded_rectangle([0, 0, image.width - 1, image.height - 1], radius=(RADIUS + EDGE / 2) * scale,
                           fill="#ffffff", outline=BLUE, width=round(EDGE * scale))
    for i, colour in enumerate(BAND):
        x = (BAND_X + i * BAND_W) * scale
        draw.rectangle([x, BAND_Y * scale, x + BAND_W * scale - 1, (BAND_Y + BAND_H) * scale - 1], fill=colour)
    font = ImageFont.truetype(str(fonts.font_files()["Lato-Black.ttf"]), round(TEXT_SIZE * scale))
    # Letter by letter: Pillow has no letter-spacing; centred like SVG's text-anchor="middle".
    advances = [font.getlength(ch) + LETTER_SPACING * scale for ch in ACRONYM]
    x = TEXT_X * scale - sum(advances) / 2
    for ch, advance in zip(ACRONYM, advances, strict=True):
        draw.text((x, TEXT_BASELINE * scale), ch, font=font, fill=BLUE, anchor="ls")
        x += advance
    image = image.resize((width, width * HEIGHT // WIDTH), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
