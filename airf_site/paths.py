"""One rule for files that reach an output: inside the project's folders, no symlink, no escape.

Content arrives through pull requests and Decap: a path written in a header or a body
(`image: ../../etc/x.jpg`), or a symbolic link committed under content/images/, must never
make the build read a file outside the repository and publish it. Checks call `check_ref` and
`scan_links` (French diagnostics with their line); outputs call `content_file` at the point they
read a file, so a path that slipped past a check still cannot be read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from airf_site.errors import BuildError, Diagnostic, relpath

# `https:`, `file:`, `data:`, `//host/...`: anything the browser or a mail client would fetch.
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
EXAMPLE = "le chemin part du dossier content/, par exemple images/actualites/photo.jpg"


class UnsafePath(BuildError):
    """A reference that would read outside the allowed folders. `message` and `hint` in French."""

    def __init__(self, message: str, hint: str):
        self.message, self.hint = message, hint
        super().__init__(f"{message}\n    conseil : {hint}")


def safe_path(folder: Path, ref: str, base: Path | None = None, rooted: bool = False) -> Path:
    """Path of `ref` inside `folder` (it need not exist); raises `UnsafePath` when refused.

    `ref` is relative to `base` (default `folder`). A leading ``/`` is refused unless `rooted`
    (Markdown bodies write `/images/x.jpg` for the site root, which is content/). Refused: empty
    paths, remote URLs, ``..``, backslashes, control characters, a symbolic link anywhere below
    `folder`, and anything that resolves outside `folder`.
    """
    if not isinstance(ref, str) or not ref.strip():
        raise UnsafePath("chemin de fichier vide", EXAMPLE)
    if REMOTE_RE.match(ref):
        raise UnsafePath(f"image distante « {ref} » : le site ne publie que ses propres images",
                         "téléchargez l'image dans content/images/ et écrivez son chemin, "
                         "par exemple images/actualites/photo.jpg")
    if "\\" in ref or any(ord(c) < 32 for c in ref):
        raise UnsafePath(f"chemin invalide « {ref!r} »" if any(ord(c) < 32 for c in ref)
                         else f"chemin invalide « {ref} » (barre oblique inversée)",
                         "séparez les dossiers par « / » : " + EXAMPLE)
    if ref.startswith("/") and not rooted:
        raise UnsafePath(f"chemin absolu « {ref} » refusé", EXAMPLE)
    parts = PurePosixPath(ref).parts
    if ".." in parts:
        raise UnsafePath(f"chemin « {ref} » refusé : « .. » sort du dossier content/", EXAMPLE)
    start = folder if ref.startswith("/") or base is None else base
    candidate = start.joinpath(*(p for p in parts if p != "/"))
    try:
        below = candidate.relative_to(folder).parts
    except ValueError:
        raise UnsafePath(f"chemin « {ref} » hors du dossier {folder.name}/", EXAMPLE) from None
    current = folder
    for part in below:
        current = current / part
        if current.is_symlink():
            raise UnsafePath(f"« {ref} » passe par un lien symbolique ({relpath(current, folder)})",
                             "remplacez le lien par une copie du fichier dans le dépôt")
    if not candidate.resolve().is_relative_to(folder.resolve()):
        raise UnsafePath(f"chemin « {ref} » hors du dossier {folder.name}/", EXAMPLE)
    return candidate


def check_ref(folder: Path, ref: str, base: Path | None = None, rooted: bool = False) -> tuple[str, str] | None:
    """(French message, hint) when `ref` is refused or missing; None when it names a file."""
    try:
        path = safe_path(folder, ref, base, rooted)
    except UnsafePath as exc:
        return exc.message, exc.hint
    if not path.is_file():
        return f"image introuvable « {ref} »", EXAMPLE
    return None


def content_file(folder: Path, ref: str, base: Path | None = None, rooted: bool = False) -> Path:
    """The regular file `ref` names inside `folder`, for an output about to read it.

    Raises `UnsafePath` (a `BuildError`) when refused or missing: the checks report the same
    problems with their line first, so an output only meets this on content nobody checked.
    """
    path = safe_path(folder, ref, base, rooted)
    if not path.is_file():
        raise UnsafePath(f"fichier introuvable « {ref} »", EXAMPLE)
    return path


def is_safe_file(folder: Path, path: Path) -> bool:
    """Whether `path` (under `folder`) is a regular file reached without any symbolic link."""
    try:
        return safe_path(folder, path.relative_to(folder).as_posix()).is_file()
    except (UnsafePath, ValueError):
        return False


def scan_links(folder: Path, root: Path) -> list[Diagnostic]:
    """Every symbolic link (file or folder) and special file under `folder`, as an error.

    Links are not followed: a link to /etc/passwd or to a folder outside the repository would
    otherwise be copied into the public site.
    """
    diags: list[Diagnostic] = []
    if not folder.is_dir() or folder.is_symlink():
        if folder.is_symlink():
            diags.append(_link_error(folder, root))
        return diags
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(top) / name
            if path.is_symlink():
                diags.append(_link_error(path, root))
            elif name in files and not path.is_file():
                diags.append(Diagnostic(relpath(path, root), 1, "fichier spécial refusé (ni fichier ni dossier)",
                                        hint="supprimez-le du dépôt"))
        dirs[:] = [d for d in dirs if not (Path(top) / d).is_symlink()]
    return diags


def _link_error(path: Path, root: Path) -> Diagnostic:
    return Diagnostic(relpath(path, root), 1, "lien symbolique refusé : le site ne publie que les fichiers du dépôt",
                      hint="remplacez le lien par une copie du fichier (ou du dossier)")
