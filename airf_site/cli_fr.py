"""Click's own messages in French (usage, options, errors): the editors read the CLI too.

Click marks its messages for translation and looks them up with `gettext.gettext` /
`gettext.ngettext` in the current text domain, the language coming from the standard
`LANGUAGE` variable; it ships no French catalogue. The toolkit ships one
(`airf_site/locale/fr/LC_MESSAGES/airf.po`, compiled to `airf.mo` with
`pybabel compile -d airf_site/locale -D airf`) and selects it through gettext's documented
settings: `bindtextdomain`, `textdomain` and `LANGUAGE=fr`. Unknown strings stay in English.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "airf"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def install() -> None:
    """Make gettext (hence click) answer in French from the toolkit's catalogue (idempotent)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    # The CLI speaks French whatever the machine's locale (a CI runner, an English laptop).
    os.environ["LANGUAGE"] = "fr"
