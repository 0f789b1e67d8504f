"""Country names in French (Babel's CLDR data), shared by the content checks and every output."""

from __future__ import annotations

from babel import Locale

_FRENCH = Locale("fr")

# CLDR names more than countries under two-letter codes: groupings (EU, EZ eurozone, UN, QO
# outlying Oceania), the unknown region (ZZ), pseudo-locales (XA, XB) and the codes ISO 3166
# reserves for places that are parts of other countries (AC Ascension, CP Clipperton, CQ Sark,
# DG Diego Garcia, EA Ceuta and Melilla, IC Canary Islands, TA Tristan da Cunha). None can be a
# member's country. XK (Kosovo, not in ISO 3166 but an observer of the Francophonie) is kept.
NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"})
COUNTRY_CODES: frozenset[str] = frozenset(code for code in _FRENCH.territories if isinstance(code, str)
                                          and len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)


def country_name(code: str) -> str:
    """French name of an ISO 3166 country code ('MA' → 'Maroc')."""
    return _FRENCH.territories.get(code.upper(), code)


def is_country(code: str) -> bool:
    """True for the two-letter code of a country ('MA', 'sn'), not of a region or grouping ('EU')."""
    return len(code) == 2 and code.upper() in COUNTRY_CODES
