"""The shipped typeface (Be Vietnam Pro), registered at start so every PC shows the same glyphs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

UI_FAMILY = "Be Vietnam Pro"
_WEIGHTS = ("Regular", "Italic", "Medium", "SemiBold", "Bold")


def font_files() -> list[Path]:
    import fontpkg_be_vietnam_pro

    folder = Path(fontpkg_be_vietnam_pro.__file__).parent / "files"
    return [
        folder / f"BeVietnamPro-{w}.ttf"
        for w in _WEIGHTS
        if (folder / f"BeVietnamPro-{w}.ttf").exists()
    ]


def install(app: QApplication, point_size: float = 10.0) -> str:
    """Register the font files and make the family the application's default."""
    families: set[str] = set()
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    family = UI_FAMILY if UI_FAMILY in families else app.font().family()
    app.setFont(QFont(family, point_size))
    return family
