"""Country names in French (Babel's CLDR data), shared by the content checks and every output."""

from __future__ import annotations

from babel import Locale

_FRENCH = Locale("fr")


def country_name(code: str) -> str:
    """French name of an ISO 3166 country code ('MA' → 'Maroc')."""
    return _FRENCH.territories.get(code.upper(), code)


def is_country(code: str) -> bool:
    """True for a two-letter ISO 3166 code that CLDR names."""
    return len(code) == 2 and code.isalpha() and code.upper() in _FRENCH.territories
