"""Participants of a governance meeting, read from a registration export (CSV or XLSX).

The export holds personal data: it is read from a path outside the public content (the
git-ignored `private/` folder by default) and only ever used for the kit's print files and
the reminder list, never for the website.

Column names differ from one form tool to another, so they are matched through a mapping:
defaults below, overridable in `private/kit.yml` (see docs/kit.md). Bad rows (missing name,
unknown country or role, duplicates) become French diagnostics with their line number; the
other rows are still used.
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from slugify import slugify

from airf_site.content.models import Membre
from airf_site.countries import COUNTRY_CODES, country_name, is_country
from airf_site.errors import WARNING, BuildError, Diagnostic, did_you_mean, relpath
from airf_site.kit.settings import ROLES, SETTINGS_FILE, KitSettings, normalize, person_key, role_label

REQUIRED_COLUMNS = ("nom",)


@dataclass(frozen=True)
class Participant:
    """One registered person. `line` is the row in the source file, for messages."""

    line: int
    prenom: str
    nom: str
    fonction: str = ""
    collectivite: str = ""
    pays: str = ""  # ISO 3166 alpha-2, upper case
    role: str = "membre"
    email: str = ""
    membre: str | None = None  # id in content/donnees/membres.yml when the authority matched
    # The role as the organisers wrote it: this person's own label (export's « Libellé du badge »
    # column, private/kit.yml's `personnes`), else the role cell or its `libelles` renaming.
    libelle: str = ""
    autre_ecriture: str = ""  # full name in another script, e.g. Arabic, printed under the Latin one

    @property
    def nom_affiche(self) -> str:
        """'Aïssata DIALLO-KONÉ': first name as typed, family name in capitals (French usage)."""
        return " ".join(p for p in (self.prenom, self.nom.upper()) if p)

    @property
    def role_label(self) -> str:
        """The role printed on the badge: as written in the export, else the default label."""
        return self.libelle or ROLES[self.role]

    @property
    def printed_text(self) -> dict[str, str]:
        """Field label (French) → text printed on the badge or the table card."""
        return {"prénom": self.prenom, "nom": self.nom, "nom dans une autre écriture": self.autre_ecriture,
                "fonction": self.fonction, "collectivité": self.collectivite, "rôle": self.role_label}

    @property
    def sort_key(self) -> tuple:
        return (normalize(self.nom), normalize(self.prenom), self.line)


# --- reading the file ---


def decode(raw: bytes) -> str:
    """Bytes of a CSV export → text. UTF-8 (with or without BOM), UTF-16 or Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (séparateur : point-virgule)" in Windows-1252; bytes that
        # code page leaves undefined fall back to Latin-1 rather than failing the whole file.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def sniff_delimiter(first_line: str) -> str:
    """';' (French Excel), ',' or tab: whichever separates the header row the most."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ","


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Rows of a CSV or XLSX file as (line number, cells), header row included."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    text = decode(path.read_bytes())
    first = text.split("\n", 1)[0].rstrip("\r")
    delimiter = sniff_delimiter(first)
    skip = 0
    if first.lower().startswith("sep=") and len(first) == 5:
        # Excel's "sep=;" hint line: it names the separator and is not the header.
        delimiter, skip = first[4], 1
    reader = csv.reader(io.StringIO(text.split("\n", skip)[-1], newline=""), delimiter=delimiter)
    rows = []
    previous_end = skip
    for cells in reader:
        # A quoted cell may span several lines: a row starts just after the previous one ended.
        rows.append((previous_end + 1, cells))
        previous_end = skip + reader.line_num
    return rows


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any openpyxl failure means an unreadable file
        raise BuildError(f"{path.name} : classeur Excel illisible ({exc.__class__.__name__})") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, ["" if v is None else _cell_text(v) for v in values]))
        return rows
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- interpreting rows ---


def map_columns(header: list[str], settings: KitSettings) -> dict[str, int]:
    """Field → column index, from the header row's titles."""
    positions = {normalize(title): i for i, title in reversed(list(enumerate(header))) if title.strip()}
    mapping = {}
    for key, titles in settings.columns.items():
        for title in titles:
            if normalize(title) in positions:
                mapping[key] = positions[normalize(title)]
                break
    return mapping


def country_code(value: str) -> str | None:
    """'MA', 'ma', 'Maroc', 'Côte d’Ivoire' → ISO code; None when unknown."""
    value = value.strip()
    if is_country(value):
        return value.upper()
    return _country_index().get(normalize(value))


@functools.cache
def _country_index() -> dict[str, str]:
    """Normalized French country name → ISO code."""
    return {normalize(country_name(code)): code for code in sorted(COUNTRY_CODES)}


def _country_names() -> list[str]:
    return [country_name(code) for code in sorted(COUNTRY_CODES)]


class MemberMatcher:
    """Finds the member authority a participant belongs to, by id or by (normalized) name."""

    def __init__(self, members: Iterable[Membre]):
        self.members = list(members)
        self.keys: dict[str, list[Membre]] = {}
        for member in self.members:
            names = {member.id, slugify(member.nom)}
            # "Région Rabat-Salé-Kénitra" is often typed "Rabat-Salé-Kénitra".
            if " " in member.nom:
                names.add(slugify(member.nom.split(" ", 1)[1]))
            for name in names:
                self.keys.setdefault(name, []).append(member)

    def find(self, authority: str, country: str | None = None) -> Membre | None:
        """The member named `authority`; `country` settles homonyms (Région du Centre: CM, BF)."""
        found = self.keys.get(slugify(authority), []) if authority.strip() else []
        if country:
            found = [m for m in found if m.pays == country]
        return found[0] if len(found) == 1 else None


def load_participants(path: Path, root: Path, members: Iterable[Membre] = (),
                      settings: KitSettings | None = None) -> tuple[list[Participant], list[Diagnostic]]:
    """Read and check a registration export. Bad rows are reported and left out.

    Diagnostics on rows are warnings (the rest of the kit still prints); a file that cannot be
    used at all (missing, no name column) raises BuildError.
    """
    settings = settings or KitSettings()
    rel = relpath(path, root)
    if not path.exists():
        raise BuildError(f"{rel} : fichier des inscriptions introuvable "
                         "(exportez le formulaire dans private/inscriptions/ ou indiquez --inscriptions)")
    rows = [(n, cells) for n, cells in read_rows(path) if any(c.strip() for c in cells)]
    if not rows:
        raise BuildError(f"{rel} : le fichier des inscriptions est vide")
    header_line, header = rows[0]
    columns = map_columns(header, settings)
    missing = [k for k in REQUIRED_COLUMNS if k not in columns]
    if missing:
        found = ", ".join(f"« {h.strip()} »" for h in header if h.strip())
        raise BuildError(f"{rel}:{header_line} : colonne « {missing[0]} » introuvable (colonnes lues : {found}) ; "
                         f"indiquez son titre dans {SETTINGS_FILE} (voir docs/kit.md)")
    matcher = MemberMatcher(members)
    participants: list[Participant] = []
    diags: list[Diagnostic] = []
    seen: dict[tuple, int] = {}

    def warn(line: int, message: str, hint: str | None = None) -> None:
        diags.append(Diagnostic(rel, line, message, severity=WARNING, hint=hint))

    for line, cells in rows[1:]:
        # NFC: an export from a Mac may decompose "é" into "e" + U+0301; both print the same,
        # but comparisons, duplicates and the font coverage check work on the composed form.
        values = {k: (unicodedata.normalize("NFC", cells[i]).strip() if i < len(cells) else "")
                  for k, i in columns.items()}
        get = values.get
        prenom, nom = get("prenom", ""), get("nom", "")
        if not nom and not prenom:
            warn(line, "participant sans nom : ligne ignorée", "remplissez la colonne « Nom »")
            continue
        if not nom:  # a single-name person: print the one name as the family name
            prenom, nom = "", prenom
        who = f"{prenom} {nom}".strip()
        authority = get("collectivite", "")
        raw_country = get("pays", "")
        code = country_code(raw_country) if raw_country else None
        if raw_country and code is None:
            warn(line, f"{who} : pays inconnu « {raw_country} » : ligne ignorée",
                 did_you_mean(raw_country, _country_names()) or "code ISO à deux lettres (MA, SN, BE…) ou nom du pays en français")
            continue
        member = matcher.find(authority, code)
        if code is None and member is not None:
            code = member.pays
        if code is None:
            warn(line, f"{who} : pays manquant : ligne ignorée", "indiquez le pays (code ISO ou nom en français)")
            continue
        raw_role = get("role", "")
        role = settings.roles.get(normalize(raw_role)) if raw_role else "membre"
        if role is None:
            warn(line, f"{who} : rôle inconnu « {raw_role} » : ligne ignorée",
                 "rôles possibles : membre, partenaire, équipe, intervenant (ou ajoutez ce libellé dans "
                 f"{SETTINGS_FILE}, rubrique « roles »)")
            continue
        email = get("email", "").lower()
        # Same e-mail, or same name in the same authority: the form was sent twice.
        keys = [("nom", normalize(who), normalize(authority))] + ([("email", email)] if email else [])
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            warn(line, f"{who} : inscription en double (déjà à la ligne {first}) : ligne ignorée",
                 "supprimez l'une des deux lignes dans l'export")
            continue
        for k in keys:
            seen[k] = line
        if role == "membre" and member is None and authority and matcher.members:
            # Kept on the badges, but a member typed differently would get a reminder it does not need.
            names = [m.nom for m in matcher.members if not code or m.pays == code]
            warn(line, f"{who} : collectivité « {authority} » absente de la liste des membres : "
                       "elle ne compte pas comme inscrite pour les relances",
                 did_you_mean(authority, names) or "écrivez le nom exact de content/donnees/membres.yml, "
                 "ou mettez le rôle « partenaire » s'il ne s'agit pas d'un membre")
        participants.append(Participant(
            line=line, prenom=prenom, nom=nom, fonction=get("fonction", ""),
            collectivite=member.nom if member is not None else authority,
            pays=code, role=role, email=email, membre=member.id if member is not None else None,
            libelle=own_label(get("libelle", "")) or role_label(raw_role, settings),
            autre_ecriture=get("autre_ecriture", ""),
        ))
    participants = _people_labels(participants, settings, diags)
    participants.sort(key=lambda p: p.sort_key)
    return participants, diags


def own_label(cell: str) -> str:
    """A person's label cell as written (spaces collapsed); "" when empty."""
    return " ".join(cell.split())


def _people_labels(participants: list[Participant], settings: KitSettings,
                   diags: list[Diagnostic]) -> list[Participant]:
    """Apply private/kit.yml's `personnes` (by e-mail, else by name); a key that names nobody is
    a warning, so a typo does not silently print the role's label."""
    used: set[str] = set()
    result = []
    for person in participants:
        keys = [k for k in (person.email.lower(), person_key(f"{person.prenom} {person.nom}")) if k]
        key = next((k for k in keys if k in settings.people), None)
        if key is not None:
            used.add(key)
            person = replace(person, libelle=settings.people[key][0])
        result.append(person)
    for key, (_label, line, written) in settings.people.items():
        if key not in used:
            names = [f"{p.prenom} {p.nom}".strip() for p in participants] + [p.email for p in participants if p.email]
            diags.append(Diagnostic(SETTINGS_FILE, line,
                                    f"personnes : « {written} » ne désigne aucun participant de l'export : "
                                    "libellé non imprimé", severity=WARNING,
                                    hint=did_you_mean(written, names) or "écrivez l'adresse e-mail ou le prénom "
                                    "et le nom comme dans l'export"))
    return result
