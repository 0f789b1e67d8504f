"""The content model's field parsers (content/fields.py), value by value and message by message:
the boundaries and exact French messages mutation testing showed no other test pinned."""

from __future__ import annotations

import datetime as dt

import pytest

from airf_site.content import fields


def message(func, value) -> str:
    with pytest.raises(ValueError) as info:
        func(value)
    return str(info.value)


@pytest.mark.parametrize("raw, expected", [
    ("2026-03-01", dt.date(2026, 3, 1)), (" 2026-3-1 ", dt.date(2026, 3, 1)), ("2024-02-29", dt.date(2024, 2, 29)),
    ("2026-12-31", dt.date(2026, 12, 31)), ("2026-01-01", dt.date(2026, 1, 1)),
    ("1900-01-01", dt.date(1900, 1, 1)), ("2200-12-31", dt.date(2200, 12, 31)),  # the years' bounds
    (dt.date(2026, 5, 4), dt.date(2026, 5, 4)), (dt.datetime(2026, 5, 4, 10, 30), dt.date(2026, 5, 4)),
])
def test_parse_date_accepts(raw, expected):
    got = fields.parse_date(raw)
    assert got == expected and type(got) is dt.date


@pytest.mark.parametrize("raw, expected", [
    ("1899-12-31", "l'année doit être entre 1900 et 2200 (reçu 1899-12-31)"),
    ("2201-01-01", "l'année doit être entre 1900 et 2200 (reçu 2201-01-01)"),
    ("2026-13-01", "le mois doit être entre 1 et 12 (reçu 2026-13-01)"),
    ("2026-00-10", "le mois doit être entre 1 et 12 (reçu 2026-00-10)"),
    ("2026-02-30", "ce jour n'existe pas (reçu 2026-02-30)"),
    ("2026-01-00", "ce jour n'existe pas (reçu 2026-01-00)"),
    ("2026-03-01 10:00", "la date « 2026-03-01 10:00 » ne prend pas d'heure : écrivez 2026-03-01"),
    ("2026-03-01T9:00", "la date « 2026-03-01T9:00 » ne prend pas d'heure : écrivez 2026-03-01"),
    ("01/03/2026", "date invalide « 01/03/2026 » : format attendu AAAA-MM-JJ, par exemple 2026-03-01"),
    ("x2026-03-01", "date invalide « x2026-03-01 » : format attendu AAAA-MM-JJ, par exemple 2026-03-01"),
    ("2026-03-01x", "date invalide « 2026-03-01x » : format attendu AAAA-MM-JJ, par exemple 2026-03-01"),
])
def test_parse_date_refuses(raw, expected):
    assert message(fields.parse_date, raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("2026-03-01 14:30", dt.datetime(2026, 3, 1, 14, 30)),
    ("2026-03-01T09:05:07", dt.datetime(2026, 3, 1, 9, 5, 7)),
    ("2026-03-01 23:59:59", dt.datetime(2026, 3, 1, 23, 59, 59)),
    ("2026-03-01 00:00", dt.datetime(2026, 3, 1, 0, 0)),
    ("2026-03-01 10:00Z", dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)),
    ("2026-03-01 10:00+01:00", dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("2026-03-01 10:00 -0530", dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30)))),
    ("2026-03-01 10:00+0045", dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(minutes=45)))),
])
def test_parse_datetime_accepts(raw, expected):
    got = fields.parse_datetime(raw)
    assert got == expected and got.tzinfo == expected.tzinfo
    assert got.utcoffset() == expected.utcoffset()


def test_parse_datetime_keeps_a_datetime():
    value = dt.datetime(2026, 1, 2, 3, 4, 5)
    assert fields.parse_datetime(value) is value


@pytest.mark.parametrize("raw, expected", [
    ("2026-03-01", "il manque l'heure dans « 2026-03-01 » : format attendu AAAA-MM-JJ HH:MM, par exemple 2026-03-01 14:30"),
    ("demain", "date et heure invalides « demain » : format attendu AAAA-MM-JJ HH:MM, par exemple 2026-03-01 14:30"),
    ("2026-03-01 24:00", "heure invalide dans « 2026-03-01 24:00 » (de 00:00 à 23:59)"),
    ("2026-03-01 10:60", "heure invalide dans « 2026-03-01 10:60 » (de 00:00 à 23:59)"),
    ("2026-03-01 10:00:60", "heure invalide dans « 2026-03-01 10:00:60 » (de 00:00 à 23:59)"),
    ("2026-14-01 10:00", "le mois doit être entre 1 et 12 (reçu 2026-14-01 10:00)"),
])
def test_parse_datetime_refuses(raw, expected):
    assert message(fields.parse_datetime, raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("14:30", dt.time(14, 30)), ("9h05", dt.time(9, 5)), (" 23:59 ", dt.time(23, 59)), ("00:00", dt.time(0, 0)),
    (870, dt.time(14, 30)), (59, dt.time(0, 59)), (dt.time(8, 15), dt.time(8, 15)),
])
def test_parse_time_accepts(raw, expected):
    assert fields.parse_time(raw) == expected


@pytest.mark.parametrize("raw", ["24:00", "12:60", "midi", "1230", True, "12:5"])
def test_parse_time_refuses(raw):
    assert message(fields.parse_time, raw) == (f"heure invalide « {str(raw).strip()} » : format attendu HH:MM, "
                                               "par exemple 09:30")


@pytest.mark.parametrize("raw", ["https://www.example.org/x", "http://a.fr", " https://a.b/c?d=e "])
def test_parse_url_accepts(raw):
    assert fields.parse_url(raw) == raw.strip()


@pytest.mark.parametrize("raw", ["www.example.org", "https://localhost", "ftp://a.fr", "https://a b.fr", "xhttps://a.fr"])
def test_parse_url_refuses(raw):
    assert message(fields.parse_url, raw) == f"adresse web invalide « {raw.strip()} » : elle doit commencer par https://"


def test_parse_slug():
    assert fields.parse_slug(" assemblee-2025 ") == "assemblee-2025"
    assert fields.parse_slug("a1") == "a1"
    assert message(fields.parse_slug, "Assemblée Générale") == (
        "identifiant invalide « Assemblée Générale » : uniquement des minuscules sans accent, "
        "des chiffres et des tirets (écrivez plutôt assemblee-generale)")
    assert message(fields.parse_slug, "a--b") == (
        "identifiant invalide « a--b » : uniquement des minuscules sans accent, des chiffres et des tirets "
        "(écrivez plutôt a-b)")
    assert message(fields.parse_slug, "-a") .endswith("(écrivez plutôt a)")
    assert message(fields.parse_slug, "a-").endswith("(écrivez plutôt a)")
    assert message(fields.parse_slug, "«»") == (
        "identifiant invalide « «» » : uniquement des minuscules sans accent, des chiffres et des tirets "
        "(par exemple assemblee-generale-2025)")


def test_parse_color():
    assert fields.parse_color(" #0B5394 ") == "#0b5394"
    for raw in ("0b5394", "#0b539", "#0b53944", "#0g5394", "x#0b5394"):
        assert message(fields.parse_color, raw) == (f"couleur invalide « {raw} » : format attendu #RRVVBB, "
                                                    "par exemple #0b5394")


def test_parse_text():
    assert fields.parse_text("  Bonjour ") == "Bonjour"
    assert fields.parse_text(2025) == "2025"
    assert fields.parse_text(0) == "0"
    for value in (None, {"a": 1}, ["a"], True, False):
        assert message(fields.parse_text, value) == "texte attendu"
    for value in ("", "   "):
        assert message(fields.parse_text, value) == "ce champ ne doit pas être vide"


def test_parse_list():
    assert fields.parse_list("eau") == ["eau"]
    assert fields.parse_list(3) == [3]
    assert fields.parse_list(None) == []
    assert fields.parse_list(["a", "b"]) == ["a", "b"]
    assert fields.parse_list(True) is True  # left to the list validator, which refuses it
    assert fields.parse_list({"a": 1}) == {"a": 1}
