"""Colour contrast (WCAG 2.1): the editors pick theme and project colours in the data files, the
site derives from each one a shade that white text can sit on (≥ 4.5:1, RGAA 3.2)."""

from __future__ import annotations

import functools
import re

AA_TEXT = 4.5
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """'#1d4e89' → (29, 78, 137); anything else is refused with a French message."""
    match = _HEX.match(colour.strip())
    if match is None:
        raise ValueError(f"couleur « {colour} » : attendu #RRVVBB, par exemple #1d4e89")
    value = match.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(rgb: tuple[int, int, int]) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Contrast ratio between two #RRGGBB colours (1 to 21)."""
    la, lb = sorted((luminance(parse_hex(a)), luminance(parse_hex(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=256)
def text_safe(colour: str, background: str = "#ffffff", ratio: float = AA_TEXT) -> str:
    """`colour` darkened just enough for a contrast ≥ `ratio` with `background` (the colour
    itself when it already passes): #e67e22 → a burnt orange white text can sit on."""
    r, g, b = parse_hex(colour)
    for step in range(0, 101):
        k = 1 - step / 100
        candidate = f"#{round(r * k):02x}{round(g * k):02x}{round(b * k):02x}"
        if contrast(candidate, background) >= ratio:
            return candidate
    return "#000000"
