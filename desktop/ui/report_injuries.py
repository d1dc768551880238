"""The injuries and hazard-spot part of the report preview (same figures as the PDF), in the
interface language; `reports_page.figures_html` appends it."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from desktop.domain import categories as cat
from desktop.ui import i18n


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportPreview", text)


def injuries_html(f: dict) -> str:
    injuries, spots = f.get("injuries"), f.get("hazard_spots")
    if injuries is None or spots is None:
        return ""
    e = html.escape
    deaths, drowning = injuries["deaths"], injuries["drowning"]
    intro = _tr(
        "Tai nạn, thương tích: <b>{n}</b> trường hợp ({children} trẻ em; nam {male}, nữ "
        "{female}), tử vong <b>{deaths}</b>. Đuối nước: {drowned} trường hợp, tử vong "
        "{drowned_dead}."
    ).format(
        n=injuries["incidents"], children=injuries["children"], male=injuries["male"],
        female=injuries["female"], deaths=deaths["total"], drowned=drowning["incidents"],
        drowned_dead=drowning["deaths"],
    )  # fmt: skip
    rows = "".join(
        f"<tr><td>{e(i18n.label(cat.INJURY_CAUSES, cause))}</td><td>{c['total']}</td>"
        f"<td>{c['death']}</td><td>{c['severe']}</td><td>{c['minor']}</td>"
        f"<td>{c['male']}</td><td>{c['female']}</td></tr>"
        for cause, c in injuries["by_cause"].items()
    )
    heads = (_tr("Nguyên nhân"), _tr("Tổng"), _tr("Tử vong"), _tr("Nặng"), _tr("Nhẹ"),
             _tr("Nam"), _tr("Nữ"))  # fmt: skip
    table = (
        '<table border="1" cellspacing="0" cellpadding="4" width="100%"><tr>'
        + "".join(f"<th>{e(h)}</th>" for h in heads)
        + f"</tr>{rows}</table>"
        if rows
        else ""
    )
    spots_line = _tr(
        "Điểm có nguy cơ đuối nước: {total} (có biển cảnh báo {sign}, có rào chắn {fence}, chưa "
        "có biện pháp {bare}); kiểm tra trong kỳ: {checked}."
    ).format(
        total=spots["total"], sign=spots["with_sign"], fence=spots["with_fence"],
        bare=spots["without_measures"], checked=spots["checked_in_period"],
    )  # fmt: skip
    note = _tr(
        "Chưa xác nhận chỉ tiêu nào của Thông tư 13/2021/TT-BLĐTBXH về tai nạn, thương tích: "
        "số liệu theo định nghĩa của ứng dụng."
    )
    return f"<p>{intro}</p>{table}<p>{e(spots_line)}</p><p><i>{e(note)}</i></p>"
