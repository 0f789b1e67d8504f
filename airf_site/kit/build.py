"""Governance meetings kit: `airf kit <event>` → build/kit/<event>/.

Builds, from an event file and the registration export (personal data, read from `private/`
or `--inscriptions`): programme.pdf (A5 booklet) and programme.html, affiche.pdf (A3 with
bleed and crop marks), badges.pdf (8 per A4 sheet), chevalets.pdf (folded A4 name cards), and with
`--relances` the reminder list for Brevo and the reminder e-mail.

Everything is printed through the shared pipeline (outputs/pdf.py: one Chromium session) and
checked (page sizes, boxes, embedded fonts) before the folder replaces the previous kit, so a
failed run leaves the last good kit in place. Nothing is written under build/site/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from airf_site import fonts
from airf_site.content.index import ContentIndex
from airf_site.content.models import Evenement
from airf_site.errors import BuildError, ContentError, Diagnostic, did_you_mean, plural, relpath
from airf_site.kit.coverage import check_coverage, uncovered_lines
from airf_site.kit.participants import Participant, load_participants
from airf_site.kit.render import (
    PER_SHEET,
    render_badges,
    render_cards,
    render_poster,
    render_programme,
    render_programme_html,
)
from airf_site.kit.settings import KitSettings, load_settings
from airf_site.print.printer import Printer, postprocess
from airf_site.project import Project
from airf_site.write import atomic_dir, write_text

PRIVATE_DIR = "private/inscriptions"
POSTER_BLEED_MM = 3.0
# The programme's covers and the name cards' coloured bands reach the edge of the sheet: 3 mm of
# bleed so no white sliver shows after trimming (print shops' usual value).
BLEED_MM = 3.0
A5 = (148.0, 210.0)
A4 = (210.0, 297.0)
A4_LANDSCAPE = (297.0, 210.0)
A3 = (297.0, 420.0)


@dataclass
class KitResult:
    """What a kit build produced: files (relative to the project root) and row warnings."""

    folder: Path
    files: list[str] = field(default_factory=list)
    participants: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def find_event(index: ContentIndex, slug: str) -> Evenement:
    """The event whose identifier is `slug`; a French error with the closest name otherwise."""
    for event in index.events:
        if event.id == slug:
            return event
    ids = [e.id for e in index.events]
    hint = did_you_mean(slug, ids)
    known = ", ".join(e.id for e in index.events if e.type in ("bureau", "assemblee-generale")) or "aucun"
    raise BuildError(f"événement « {slug} » introuvable dans content/evenements/"
                     + (f" ; {hint}" if hint else f" ; instances connues : {known}"))


def default_inscriptions(project: Project, event: Evenement) -> Path:
    """private/inscriptions/<event>.csv, or the .xlsx export when only that one exists."""
    base = project.root / PRIVATE_DIR / event.id
    for suffix in (".csv", ".xlsx"):
        if base.with_suffix(suffix).exists():
            return base.with_suffix(suffix)
    return base.with_suffix(".csv")


def kit_dir(project: Project, event: Evenement) -> Path:
    return project.build_dir / "kit" / event.id


def check_kit_pdf(path: Path, size_mm: tuple[float, float], bleed_mm: float = 0.0, page_numbers: bool = False,
                  expect_pages: int | None = None, crop_marks: bool | None = None, safe_mm: float = 10,
                  names_lines: list[int] | None = None) -> tuple[list[str], list[str]]:
    """Errors and warnings of a kit PDF, in French, from the shared print checks
    (print/checks.py): syntax, fonts embedded and not Type 3, trim and bleed boxes, metadata,
    language, text kept `safe_mm` inside the trim of bleed documents.

    `names_lines`: for badges and name cards, the export lines whose names have characters no
    kit font draws (already reported). A Type 3 font there is a warning naming those lines,
    never an error: one name must not refuse the whole kit.
    """
    from airf_site.print.checks import check_pdf

    report = check_pdf(path, trim_mm=size_mm, bleed_mm=bleed_mm, expect_page_numbers=page_numbers,
                       covers=True, check_toc=False, safe_mm=safe_mm, expect_pages=expect_pages,
                       crop_marks=bleed_mm > 0 if crop_marks is None else crop_marks)
    errors, warnings = [], []
    for error in report.errors:
        # print/checks.py words a Type 3 font as "police de Type 3 « name » : …".
        if names_lines is not None and error.startswith("police de Type 3"):
            lines = ", ".join(str(n) for n in names_lines) or "aucune ligne signalée"
            warnings.append(f"{path.name} : {error} ; elle dessine des caractères de noms hors des polices du kit "
                            f"(lignes {lines} de l'export)")
        else:
            errors.append(f"{path.name} : {error}")
    return errors, warnings


def _print(printer: Printer, project: Project, html: str, out: Path, size: tuple[float, float], title: str,
           subject: str, bleed: float = 0.0) -> Path:
    printer.print_html(html, out, base_dir=project.content_dir, width_mm=size[0], height_mm=size[1], bleed_mm=bleed)
    # A document with bleed goes to a print shop: it also gets crop marks outside the bleed.
    postprocess(out, title=title, author=project.airf.get("sigle") or "AIRF", subject=subject,
                width_mm=size[0], height_mm=size[1], bleed_mm=bleed, crop_marks=bleed > 0, created=project.now)
    return out


def build_programme(printer: Printer, project: Project, event: Evenement, out: Path) -> int:
    """Print the A5 booklet, padded with "Notes" pages to a multiple of 4 (folded sheets).

    When the content spills a few lines past a multiple of 4 pages, a compact setting (slightly
    smaller type) is tried first: it often saves a whole sheet of blank notes.
    """
    title = f"Programme — {event.titre}"

    def fill(compact: bool, notes: int = 0) -> int:
        _print(printer, project, render_programme(project, event, notes_pages=notes, compact=compact, bleed_mm=BLEED_MM),
               out, A5, title, "Programme", bleed=BLEED_MM)
        return printer.page_count(out)

    compact = False
    pages = fill(compact)
    if pages % 4 and pages > 4:
        tight = fill(True)
        if -(-tight // 4) < -(-pages // 4):
            compact, pages = True, tight
    if pages % 4:
        # The pad pages go before the back cover, so one more print is needed (this also
        # replaces a rejected compact attempt, which never leaves a multiple of 4 behind).
        pages = fill(compact, 4 - pages % 4)
    return pages


def read_registrations(project: Project, index: ContentIndex, event: Evenement, inscriptions: Path | None,
                       settings: KitSettings, strict: bool = False) -> tuple[list[Participant], list[Diagnostic], str | None]:
    """Participants, row warnings, and a French note when there is no export yet.

    Without `--inscriptions` and without private/inscriptions/<event>.csv, the kit is built
    without badges and name cards (the programme and poster are needed before anyone registers).
    """
    if inscriptions is None and not default_inscriptions(project, event).exists():
        rel = relpath(default_inscriptions(project, event), project.root)
        return [], [], f"pas encore d'inscriptions ({rel} absent) : badges et chevalets non construits"
    source = Path(inscriptions) if inscriptions else default_inscriptions(project, event)
    if not source.is_absolute():
        source = (Path.cwd() / source).resolve()
    participants, diags = load_participants(source, project.root, index.members, settings)
    diags += check_coverage(participants, relpath(source, project.root))
    if strict and diags:
        raise ContentError(diags)
    if not participants:
        raise BuildError(f"{relpath(source, project.root)} : aucune inscription utilisable, rien n'a été imprimé")
    return participants, diags, None


def build_kit(project: Project, index: ContentIndex, event_id: str, inscriptions: Path | None = None,
              relances: bool = False, contacts: Path | None = None, strict: bool = False) -> KitResult:
    """Build every kit output of `event_id` into build/kit/<event>/ (atomically).

    `strict`: a bad registration row fails the build (nothing is replaced) instead of a warning.
    """
    event = find_event(index, event_id)
    missing = fonts.missing_files()
    if missing:
        raise BuildError(f"police absente : {missing[0]} ; installez le paquet Debian « {fonts.NOTO_PACKAGE} » "
                         "(make l'installe) : sans lui, les noms accentués ou en arabe ne s'impriment pas")
    settings: KitSettings = load_settings(project.root)
    participants, diags, note = read_registrations(project, index, event, inscriptions, settings, strict)
    target = kit_dir(project, event)
    result = KitResult(folder=target, participants=len(participants), diagnostics=diags)
    sheets = -(-len(participants) // PER_SHEET)
    problems: list[str] = []
    # Names with characters no kit font draws were reported above: their badges print anyway.
    odd_lines = uncovered_lines(participants)

    def check(path: Path, *args, **kwargs) -> None:
        errors, warnings = check_kit_pdf(path, *args, **kwargs)
        problems.extend(errors)
        result.messages.extend(f"attention : {w}" for w in warnings)

    with atomic_dir(target) as tmp:
        with Printer() as printer:
            pages = build_programme(printer, project, event, tmp / "programme.pdf")
            # Page numbers sit 8 mm above the trim: a booklet's safe zone is 5 mm.
            check(tmp / "programme.pdf", A5, bleed_mm=BLEED_MM, page_numbers=True, expect_pages=pages, safe_mm=5)
            _print(printer, project, render_poster(project, event, POSTER_BLEED_MM), tmp / "affiche.pdf", A3,
                   f"Affiche — {event.titre}", "Affiche A3", bleed=POSTER_BLEED_MM)
            check(tmp / "affiche.pdf", A3, bleed_mm=POSTER_BLEED_MM, expect_pages=1)
            if participants:
                _print(printer, project, render_badges(project, event, participants), tmp / "badges.pdf", A4,
                       f"Badges — {event.titre}", "Badges")
                check(tmp / "badges.pdf", A4, expect_pages=sheets, names_lines=odd_lines)
                _print(printer, project, render_cards(project, event, participants, BLEED_MM), tmp / "chevalets.pdf",
                       A4_LANDSCAPE, f"Chevalets — {event.titre}", "Chevalets", bleed=BLEED_MM)
                check(tmp / "chevalets.pdf", A4_LANDSCAPE, bleed_mm=BLEED_MM, expect_pages=len(participants),
                      safe_mm=5, names_lines=odd_lines)
        write_text(tmp / "programme.html", render_programme_html(project, event))
        if relances:
            from airf_site.kit.relances import write_relances

            result.messages += write_relances(project, index, event, participants, tmp, settings, contacts)
        if problems:
            # Raising inside atomic_dir keeps the previous kit in place.
            raise BuildError("contrôle des PDF du kit échoué :\n  " + "\n  ".join(problems))
        result.files = sorted(relpath(target / p.relative_to(tmp), project.root)
                              for p in tmp.rglob("*") if p.is_file())
    summary = f"programme : {pages} pages A5 ; affiche A3"
    if participants:
        summary += (f" ; badges : {len(participants)} ({plural(sheets, 'planche')} A4) ; "
                    f"chevalets : {len(participants)}")
    result.messages.insert(0, summary)
    if note:
        result.messages.insert(1, note)
    return result
