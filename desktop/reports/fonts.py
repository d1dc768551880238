"""The serif for printed reports: Times New Roman where the PC has it (Nghị định 30/2020/NĐ-CP,
Điều 8 and Phụ lục I, asks for it), otherwise Liberation Serif, shipped in `resources/fonts`
(SIL Open Font License 1.1, from Debian's fonts-liberation2).

Liberation Serif has Times New Roman's metrics (every glyph the same width), so a report lays
out, and breaks its pages, the same on a commune PC with Times New Roman and on one without it
(a Windows PC stripped of fonts, Linux), and both cover every Vietnamese letter.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.reference import resources_dir

FAMILY = "ReportSerif"
TIMES = "Times New Roman"
SHIPPED = "Liberation Serif"
_STYLES = ("regular", "bold", "italic", "bolditalic")
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
_SHIPPED = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}
FONT_DIRS = (
    Path("C:/Windows/Fonts"),
    Path("/usr/share/fonts/truetype/msttcorefonts"),
    Path("/Library/Fonts"),
)


def times_files(dirs: tuple[Path, ...] = FONT_DIRS) -> dict[str, Path] | None:
    """Times New Roman's four faces when all four are installed, else None."""
    found: dict[str, Path] = {}
    for style, names in _TIMES.items():
        path = next((d / n for d in dirs for n in names if (d / n).exists()), None)
        if path is None:
            return None
        found[style] = path
    return found


def shipped_files() -> dict[str, Path]:
    folder = resources_dir() / "fonts"
    return {style: folder / name for style, name in _SHIPPED.items()}


@cache
def register() -> str:
    """Register the family with reportlab once; returns the name of the face used."""
    files = times_files()
    face = TIMES
    if files is None:
        files, face = shipped_files(), SHIPPED
    for style in _STYLES:
        pdfmetrics.registerFont(TTFont(f"{FAMILY}-{style}", str(files[style])))
    addMapping(FAMILY, 0, 0, f"{FAMILY}-regular")
    addMapping(FAMILY, 1, 0, f"{FAMILY}-bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-bolditalic")
    return face
