"""The print colour profile (FOGRA39) and the RGB → CMYK conversion of colours and images.

The print shop's condition is FOGRA39 (ISO 12647-2, coated paper, the usual offset condition
in France). No FOGRA39 ICC profile can be redistributed here, but Debian's `icc-profiles-free`
ships FOGRA's own characterisation data (`FOGRA39L.ti3`) and ArgyllCMS (`colprof`, Debian
`argyll`) builds a profile from it. `output_profile()` builds it once into a cache folder
(`make setup` does it ahead) and pins its header date, so every build embeds the same bytes.
`AIRF_PROFIL_ICC=/path/to/profile.icc` uses another CMYK profile (e.g. the shop's
PSO Coated v3), `AIRF_PROFIL_CONDITION=FOGRA51` names its printing condition in the output
intent ("Custom" when not given, with the profile's own description); docs/rapport.md explains it.

Colours: neutral and near-neutral colours (the identity's text greys and rules) go to the black
plate only, at the K value giving the same lightness (darker than 100 % K: 100 % K), because
small text in four inks is refused by printers (registration); other colours go through the
profile (relative colorimetric with black point compensation).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms

from airf_site.errors import BuildError

TI3_DIR = Path("/usr/share/color/icc")
TI3_NAME = "FOGRA39L.ti3"
PROFILE_NAME = "FOGRA39L-argyll.icc"
CONDITION = "FOGRA39"
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004), offset, papier couché, 300 % d'encrage"
REGISTRY = "http://www.color.org"
# The header date colprof writes is the build time: pinned so the profile (and every PDF
# embedding it) has the same bytes from one set-up to the next.
FIXED_DATE = bytes.fromhex("07d9" "0001" "0001" "0000" "0000" "0000")  # 2009-01-01 00:00:00
NEUTRAL_CHROMA = 15.0  # C*ab under which a colour counts as a grey (the identity's blue-greys)
SOLID_K = 0.95  # darker greys print as solid black: no screen dots on small text


def cache_dir() -> Path:
    """Where the generated profile is kept (XDG cache; AIRF_CACHE overrides)."""
    base = os.environ.get("AIRF_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "airf-site" / "icc"


def pin_header_date(data: bytes) -> bytes:
    """The ICC profile `data` with its creation date (header bytes 24–35) set to a fixed date."""
    return data[:24] + FIXED_DATE + data[36:]


def build_profile(target: Path) -> Path:
    """Build the FOGRA39 profile from FOGRA39L.ti3 with ArgyllCMS colprof into `target`."""
    ti3 = TI3_DIR / TI3_NAME
    colprof = shutil.which("colprof")
    if not ti3.is_file() or colprof is None:
        raise BuildError("profil d'impression FOGRA39 introuvable : installez les paquets Debian "
                         "icc-profiles-free et argyll (make setup le fait), ou indiquez un profil CMJN "
                         "avec AIRF_PROFIL_ICC=/chemin/profil.icc")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="airf-icc-") as tmp:
        shutil.copyfile(ti3, Path(tmp) / TI3_NAME)
        stem = TI3_NAME.removesuffix(".ti3")
        # -qm: medium quality (about 40 s, once); -D/-C: the description shown in Acrobat.
        done = subprocess.run([colprof, "-qm", "-D", "FOGRA39 (ArgyllCMS, FOGRA39L.ti3)",
                               "-C", "Characterisation data: FOGRA (icc-profiles-free)", "-O", "out.icc", stem],
                              cwd=tmp, capture_output=True, text=True)
        out = Path(tmp) / "out.icc"
        if done.returncode != 0 or not out.is_file():
            raise BuildError(f"colprof n'a pas pu construire le profil FOGRA39 : {done.stderr.strip()[-300:]}")
        partial = target.with_suffix(".part")
        partial.write_bytes(pin_header_date(out.read_bytes()))
        partial.replace(target)
    return target


def output_profile() -> Path:
    """Path of the CMYK output profile: AIRF_PROFIL_ICC, else the cached FOGRA39 (built if missing)."""
    chosen = os.environ.get("AIRF_PROFIL_ICC")
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise BuildError(f"AIRF_PROFIL_ICC : fichier introuvable : {path}")
        header = path.read_bytes()[:20]
        # bytes 12–15: the profile class ("prtr": an output device), 16–19: its colour space
        if len(header) < 20 or header[16:20] != b"CMYK" or header[12:16] != b"prtr":
            raise BuildError(f"AIRF_PROFIL_ICC : {path} n'est pas un profil d'impression CMJN "
                             "(demandez à l'imprimeur son profil ICC, par exemple PSO Coated v3)")
        return path
    target = cache_dir() / PROFILE_NAME
    if not target.is_file():
        build_profile(target)
    return target


def output_condition(profile: Path) -> tuple[str, str]:
    """(OutputConditionIdentifier, description) of the printing condition of `profile`.

    The profile built here is FOGRA39; another one (AIRF_PROFIL_ICC) is the condition named by
    AIRF_PROFIL_CONDITION (FOGRA51 for PSO Coated v3…), else "Custom": PDF/X's word for a
    condition described by the embedded profile alone, the description being the profile's.
    """
    if not os.environ.get("AIRF_PROFIL_ICC"):
        return CONDITION, CONDITION_INFO
    try:
        description = ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(profile))).strip()
    except (OSError, ImageCms.PyCMSError) as exc:
        raise BuildError(f"profil ICC illisible : {profile} ({exc})") from exc
    identifier = os.environ.get("AIRF_PROFIL_CONDITION", "").strip() or "Custom"
    return identifier, description or profile.name


@dataclass(frozen=True)
class Converter:
    """RGB → CMYK through one output profile (colours cached, images converted whole)."""

    profile: Path

    @functools.cached_property
    def fingerprint(self) -> str:
        """Hash of the profile and of the conversion settings (keys the converted-image cache)."""
        import hashlib

        return hashlib.sha256(self.profile.read_bytes() + b"relcol+bpc q92 v1").hexdigest()

    @functools.cached_property
    def _cms(self) -> ImageCms.ImageCmsProfile:
        try:
            return ImageCms.getOpenProfile(str(self.profile))
        except (OSError, ImageCms.PyCMSError) as exc:
            raise BuildError(f"profil ICC illisible : {self.profile} ({exc})") from exc

    @functools.cached_property
    def _to_cmyk(self):
        return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), self._cms, "RGB", "CMYK",
                                       renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                       flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)

    @functools.cached_property
    def _to_lab(self):
        return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"),
                                       "RGB", "LAB")

    @functools.cached_property
    def _k_ramp(self) -> list[float]:
        """L* printed by 0…100 % K alone, from the profile (to match a grey's lightness)."""
        lab = ImageCms.buildTransform(self._cms, ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                      renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
        ramp = Image.new("CMYK", (101, 1))
        ramp.putdata([(0, 0, 0, round(k * 2.55)) for k in range(101)])
        return [v * 100 / 255 for v in ImageCms.applyTransform(ramp, lab).tobytes()[0::3]]

    def lab(self, rgb: tuple[float, float, float]) -> tuple[float, float, float]:
        """CIELAB of an sRGB colour (components 0…1)."""
        img = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in rgb))
        ell, a, b = ImageCms.applyTransform(img, self._to_lab).getpixel((0, 0))
        return ell * 100 / 255, a - 128, b - 128  # Pillow stores a* and b* offset by 128

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - a converter lives for one build
    def cmyk(self, rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
        """CMYK (0…1) of an sRGB colour (0…1): greys on K only, other colours via the profile."""
        rgb = tuple(min(1.0, max(0.0, float(v))) for v in rgb)
        if max(rgb) - min(rgb) < 0.5 / 255:
            if rgb[0] >= 1 - 0.5 / 255:
                return (0.0, 0.0, 0.0, 0.0)
        ell, a, b = self.lab(rgb)
        if (a * a + b * b) ** 0.5 <= NEUTRAL_CHROMA:
            return (0.0, 0.0, 0.0, self.k_for_lightness(ell))
        img = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in rgb))
        c, m, y, k = ImageCms.applyTransform(img, self._to_cmyk).getpixel((0, 0))
        return tuple(round(v / 255, 3) for v in (c, m, y, k))

    def k_for_lightness(self, ell: float) -> float:
        """K value (0…1) whose print has lightness `ell` (100 % K for anything darker)."""
        ramp = self._k_ramp
        if ell >= ramp[0]:
            return 0.0
        for k in range(1, 101):
            if ramp[k] <= ell:
                lighter, darker = ramp[k - 1], ramp[k]
                share = (lighter - ell) / (lighter - darker) if lighter > darker else 1.0
                value = round((k - 1 + share) / 100, 3)
                return 1.0 if value >= SOLID_K else value
        return 1.0

    def image(self, img: Image.Image) -> Image.Image:
        """An RGB image converted to CMYK through the profile (photographs: not K-only)."""
        return ImageCms.applyTransform(img.convert("RGB"), self._to_cmyk)


def main(argv: list[str]) -> int:
    """`python -m airf_site.print.colour ensure`: build the profile now (make setup)."""
    if argv[:1] != ["ensure"]:
        print("usage : python -m airf_site.print.colour ensure", file=sys.stderr)
        return 2
    try:
        print(output_profile())
    except BuildError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
