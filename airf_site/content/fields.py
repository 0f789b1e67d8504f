"""Field types shared by the content models: strict dates, datetimes, URLs, slugs, colours.

Each validator raises `ValueError` with a French message; `validation.py` turns them into
diagnostics. Dates arrive as strings because the YAML loader has no timestamp resolver.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from slugify import slugify

_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$"
)
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


# Years the outputs can represent in every time zone (ICS and feeds convert to UTC: 9999-12-31
# 22:00 in Los Angeles is already year 10000) and that make sense for an association.
MIN_YEAR, MAX_YEAR = 1900, 2200


def _check_ymd(year: int, month: int, day: int, raw: str) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"l'année doit être entre {MIN_YEAR} et {MAX_YEAR} (reçu {raw})")
    if not 1 <= month <= 12:
        raise ValueError(f"le mois doit être entre 1 et 12 (reçu {raw})")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"ce jour n'existe pas (reçu {raw})") from None


def parse_date(value: Any) -> dt.date:
    """'2026-03-01' → date; French message for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip()
    m = _DATE_RE.match(raw)
    if not m:
        with_time = re.match(r"^(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}", raw)
        if with_time:
            raise ValueError(f"la date « {raw} » ne prend pas d'heure : écrivez {with_time[1]}")
        raise ValueError(f"date invalide « {raw} » : format attendu AAAA-MM-JJ, par exemple 2026-03-01")
    return _check_ymd(int(m[1]), int(m[2]), int(m[3]), raw)


def parse_datetime(value: Any) -> dt.datetime:
    """'2026-03-01 14:30' (or ISO with offset) → datetime, naive unless an offset is given."""
    if isinstance(value, dt.datetime):
        return value
    raw = str(value).strip()
    m = _DATETIME_RE.match(raw)
    if not m:
        if _DATE_RE.match(raw):
            raise ValueError(f"il manque l'heure dans « {raw} » : format attendu AAAA-MM-JJ HH:MM, "
                             "par exemple 2026-03-01 14:30")
        raise ValueError(f"date et heure invalides « {raw} » : format attendu AAAA-MM-JJ HH:MM, "
                         "par exemple 2026-03-01 14:30")
    day = _check_ymd(int(m[1]), int(m[2]), int(m[3]), raw)
    hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"heure invalide dans « {raw} » (de 00:00 à 23:59)")
    tzinfo = None
    if m[7]:
        if m[7] == "Z":
            tzinfo = dt.UTC
        else:
            sign = 1 if m[7][0] == "+" else -1
            digits = m[7][1:].replace(":", "")
            tzinfo = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tzinfo)


def parse_time(value: Any) -> dt.time:
    """'14:30' → time. YAML 1.1 reads 14:30 unquoted as a sexagesimal int: accept that too."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value // 60}:{value % 60:02d}"
    raw = str(value).strip()
    m = re.match(r"^(\d{1,2})[:h](\d{2})$", raw)
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValueError(f"heure invalide « {raw} » : format attendu HH:MM, par exemple 09:30")
    return dt.time(int(m[1]), int(m[2]))


def parse_url(value: Any) -> str:
    raw = str(value).strip()
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", raw):
        raise ValueError(f"adresse web invalide « {raw} » : elle doit commencer par https://")
    return raw


def parse_slug(value: Any) -> str:
    raw = str(value).strip()
    if not _SLUG_RE.match(raw):
        fixed = slugify(raw)
        example = f"écrivez plutôt {fixed}" if fixed else "par exemple assemblee-generale-2025"
        raise ValueError(f"identifiant invalide « {raw} » : uniquement des minuscules sans accent, "
                         f"des chiffres et des tirets ({example})")
    return raw


def parse_color(value: Any) -> str:
    raw = str(value).strip()
    if not _COLOR_RE.match(raw):
        raise ValueError(f"couleur invalide « {raw} » : format attendu #RRVVBB, par exemple #0b5394")
    return raw.lower()


def parse_text(value: Any) -> str:
    """Non-empty text; numbers are accepted and kept as written."""
    if value is None or isinstance(value, (dict, list, bool)):
        raise ValueError("texte attendu")
    text = str(value).strip()
    if not text:
        raise ValueError("ce champ ne doit pas être vide")
    return text


def parse_list(value: Any) -> Any:
    """A single value where a list is expected becomes a one-item list (`themes: eau`)."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [value]
    if value is None:
        return []
    return value


Date = Annotated[dt.date, BeforeValidator(parse_date)]
DateTime = Annotated[dt.datetime, BeforeValidator(parse_datetime)]
Time = Annotated[dt.time, BeforeValidator(parse_time)]
Url = Annotated[str, BeforeValidator(parse_url)]
Slug = Annotated[str, BeforeValidator(parse_slug)]
Color = Annotated[str, BeforeValidator(parse_color)]
Text = Annotated[str, BeforeValidator(parse_text)]
SlugList = Annotated[list[Slug], BeforeValidator(parse_list)]
TextList = Annotated[list[Text], BeforeValidator(parse_list)]
