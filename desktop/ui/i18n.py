"""Labels of the domain's code lists in the interface language (context "categories")."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from desktop.domain import categories as cat
from desktop.domain.sync_timing import elapsed


def tr_label(text: str) -> str:
    return QCoreApplication.translate("categories", text)


def label(categories: tuple[cat.Category, ...], code: str | None) -> str:
    return tr_label(cat.label(categories, code))


def ago(then: datetime | None, now: datetime) -> str:
    """ "5 phút trước" / "5 minutes ago": how long ago, in the interface language."""
    unit, count = elapsed(then, now)
    if unit == "date":
        assert then is not None
        return QCoreApplication.translate("i18n", "ngày {date}").format(date=f"{then:%d/%m/%Y}")
    texts = {
        "never": QCoreApplication.translate("i18n", "chưa bao giờ"),
        "just_now": QCoreApplication.translate("i18n", "vừa xong"),
        "minutes": QCoreApplication.translate("i18n", "{n} phút trước"),
        "hours": QCoreApplication.translate("i18n", "{n} giờ trước"),
        "days": QCoreApplication.translate("i18n", "{n} ngày trước"),
    }
    return texts[unit].format(n=count)


def village_label(name: str, retired_on: date | None) -> str:
    """A village in a list: "Bản Cũ (thôi dùng)" when it is no longer used for new records."""
    if retired_on is None:
        return name
    return QCoreApplication.translate("i18n", "{name} (thôi dùng)").format(name=name)
