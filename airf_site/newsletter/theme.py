"""The newsletter's colours in light and dark schemes, and the dark-mode style sheet.

Mail clients that apply a dark scheme (Apple Mail, Outlook.com/macOS/iOS, several French
webmails) keep the inline colours of the light layout unless a style sheet overrides them:
`!important` rules in `@media (prefers-color-scheme: dark)` win over inline styles, and
Outlook.com marks the elements it recolours with `data-ogsc` (text) and `data-ogsb`
(background), which the same rules target. The layout puts classes on every coloured element
(`discret`, `titre`, `alerte`, `accent`, `bouton`) so each gets a dark colour that keeps at
least 4.5:1 against its dark background (tests measure it in Chromium).
"""

from __future__ import annotations

# Light scheme (the inline colours of the layout).
LIGHT = {"text": "#1f2933", "heading": "#102a43", "muted": "#52606d", "link": "#1d4e89",
         "alert": "#a61b1b", "background": "#ffffff", "outer": "#eef1f4"}
# Dark scheme: every text colour ≥ 4.5:1 on `background` and on `outer`.
DARK = {"text": "#e6e9ec", "heading": "#f5f7fa", "muted": "#b8c2cc", "link": "#8fc1ff",
        "alert": "#ff9b94", "background": "#14181d", "outer": "#0b0e11"}
ACCENTS = {"membres": "#1d4e89", "partenaires": "#0f5e4a"}  # header band, buttons (white text)
DARK_ACCENTS = {"membres": "#8fc1ff", "partenaires": "#6fd3b0"}  # accent-coloured text in dark mode


def dark_rules(audience: str) -> list[tuple[str, str, str]]:
    """(selectors, property, value) of the dark scheme, in cascade order (later wins on ties)."""
    accent, dark_accent = ACCENTS[audience], DARK_ACCENTS[audience]
    return [
        ("body, .corps, .bord, .bord table, .bord td", "background-color", DARK["outer"]),
        (".fond, .fond table, .fond td", "background-color", DARK["background"]),
        (".fond *", "color", DARK["text"]),
        (".bord *", "color", DARK["muted"]),
        (".fond .discret, .fond .discret *", "color", DARK["muted"]),
        # After « discret »: a heading-coloured date inside a secondary line keeps its weight.
        (".fond h1, .fond h2, .fond h3, .fond .titre, .fond .titre *", "color", DARK["heading"]),
        (".fond a, .bord a, .fond .discret a", "color", DARK["link"]),
        (".fond .alerte", "color", DARK["alert"]),
        (".fond .accent, .fond .accent *", "color", dark_accent),
        (".fond .bouton td, .fond .bouton a", "background-color", accent),
        (".fond .bouton a", "color", "#ffffff"),
    ]


def render_dark_css(audience: str) -> str:
    """The dark-mode style sheet: a media query, then the same rules for Outlook.com's markers."""
    rules = dark_rules(audience)
    media = "".join(f"{sel} {{ {prop}: {value} !important; }}\n" for sel, prop, value in rules)
    outlook = ""
    for sel, prop, value in rules:
        marker = "[data-ogsb]" if prop == "background-color" else "[data-ogsc]"
        scoped = ", ".join(f"{marker} {part.strip()}" for part in sel.split(",") if part.strip() != "body")
        outlook += f"{scoped} {{ {prop}: {value} !important; }}\n"
    return f"@media (prefers-color-scheme: dark) {{\n{media}}}\n{outlook}"
