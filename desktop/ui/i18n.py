"""Labels of the domain's code lists in the interface language (context "categories")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain import categories as cat


def tr_label(text: str) -> str:
    return QCoreApplication.translate("categories", text)


def label(categories: tuple[cat.Category, ...], code: str | None) -> str:
    return tr_label(cat.label(categories, code))
