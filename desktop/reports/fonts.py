"""The serif for printed reports: Times New Roman where the PC has it (Nghị định 30/2020 asks
for it), otherwise IBM Plex Serif shipped from PyPI, which covers every Vietnamese letter."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "ReportSerif"
_TIMES = {
    "regular": ("times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf"),
    "bold": ("timesbd.ttf", "Times New Roman Bold.ttf", "Times_New_Roman_Bold.ttf"),
    "italic": ("timesi.ttf", "Times New Roman Italic.ttf", "Times_New_Roman_Italic.ttf"),
    "bolditalic": (
        "timesbi.ttf",
        "Times New Roman Bold Italic.ttf",
        "Times_New_Roman_Bold_Italic.ttf",
    ),
}
_FONT_DIRS = (
    Path("C:/Windows/Fonts"),
    Path("/usr/share/fonts/truetype/msttcorefonts"),
    Path("/Library/Fonts"),
)


def _times() -> dict[str, Path] | None:
    found: dict[str, Path] = {}
    for style, names in _TIMES.items():
        path = next((d / n for d in _FONT_DIRS for n in names if (d / n).exists()), None)
        if path is None:
            return None
        found[style] = path
    return found


def _plex() -> dict[str, Path]:
    import fontpkg_ibm_plex_serif

    folder = Path(fontpkg_ibm_plex_serif.__file__).parent / "files"
    return {
        "regular": folder / "IBMPlexSerif-Regular.ttf",
        "bold": folder / "IBMPlexSerif-Bold.ttf",
        "italic": folder / "IBMPlexSerif-Italic.ttf",
        "bolditalic": folder / "IBMPlexSerif-BoldItalic.ttf",
    }


@cache
def register() -> str:
    """Register the family with reportlab once; returns the name of the face found."""
    files = _times()
    face = "Times New Roman"
    if files is None:
        files, face = _plex(), "IBM Plex Serif"
    for style, path in files.items():
        pdfmetrics.registerFont(TTFont(f"{FAMILY}-{style}", str(path)))
    addMapping(FAMILY, 0, 0, f"{FAMILY}-regular")
    addMapping(FAMILY, 1, 0, f"{FAMILY}-bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-bolditalic")
    return face
