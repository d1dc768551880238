"""The printed report: an administrative document in the layout of Nghị định 30/2020/NĐ-CP.

A4 portrait, margins 20/20/30/15 mm, national title and motto, issuing body, number, place and
date, title, tables that break across pages with their header repeated, page numbers centred in
the top margin from page 2, recipients and the signature block.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.domain import categories as cat
from desktop.domain.money import format_percent, format_vnd
from desktop.reports import fonts, pdf_injuries

F = fonts.FAMILY


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass
class DocumentInfo:
    """What the officer may adjust on the printed page (defaults come from the commune)."""

    body_lines: tuple[str, ...]
    place: str
    number: str = "Số:       /BC-UBND"
    on: date = field(default_factory=date.today)
    recipients: tuple[str, ...] = ("Lưu: VT",)
    authority: str = "TM. ỦY BAN NHÂN DÂN"
    position: str = "CHỦ TỊCH"
    signer: str = ""


def _style(name: str, size: float, bold=False, italic=False, align=TA_LEFT, **kw) -> ParagraphStyle:
    face = (
        f"{F}-{'bold' if bold else ''}{'italic' if italic else ''}"
        if bold or italic
        else (f"{F}-regular")
    )
    return ParagraphStyle(
        name, fontName=face, fontSize=size, leading=size * 1.3, alignment=align, **kw
    )


STYLES = {
    "body_caps": _style("body_caps", 12.5, align=TA_CENTER),
    "body_bold": _style("body_bold", 12.5, bold=True, align=TA_CENTER),
    "nation": _style("nation", 12.5, bold=True, align=TA_CENTER),
    "motto": _style("motto", 13.5, bold=True, align=TA_CENTER),
    "number": _style("number", 13, align=TA_CENTER),
    "place": _style("place", 13.5, italic=True, align=TA_CENTER),
    "title": _style("title", 14, bold=True, align=TA_CENTER, spaceBefore=12),
    "summary": _style("summary", 14, bold=True, align=TA_CENTER, spaceAfter=10),
    "heading": _style("heading", 13.5, bold=True, spaceBefore=8, spaceAfter=4),
    "text": _style("text", 13.5, align=TA_JUSTIFY, firstLineIndent=1.0 * 28.35),
    "cell": _style("cell", 11),
    "cell_head": _style("cell_head", 10, bold=True, align=TA_CENTER),
    "recipients_head": _style("recipients_head", 12, bold=True, italic=True),
    "recipients": _style("recipients", 11),
    "sign": _style("sign", 13.5, bold=True, align=TA_CENTER),
}


def P(text: str, style: str) -> Paragraph:
    fonts.register()  # once per process; paragraphs resolve their font when made
    escaped = nfc(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, STYLES[style])


def _header(info: DocumentInfo) -> list:
    left = [P(info.body_lines[0], "body_caps")] + [
        P(line, "body_bold") for line in info.body_lines[1:]
    ]
    left.append(HRFlowable(width=28 * mm, thickness=0.7, color=colors.black, spaceBefore=1))
    right = [
        P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "nation"),
        Paragraph("<u>" + nfc("Độc lập - Tự do - Hạnh phúc") + "</u>", STYLES["motto"]),
    ]
    when = info.on
    dated = f"{info.place}, ngày {when.day:02d} tháng {when.month:02d} năm {when.year}"
    table = Table(
        [[left, right], [P(info.number, "number"), P(dated, "place")]],
        colWidths=[70 * mm, 95 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [table]


def data_table(headers: list[str], rows: list[list], widths: list[float] | None = None) -> Table:
    """A table that may break across pages, repeating its header row."""
    body = [[P(h, "cell_head") for h in headers]] + [
        [P(str(v), "cell") if not isinstance(v, Paragraph) else v for v in row] for row in rows
    ]
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
            ]
        )
    )
    return table


def _closing(info: DocumentInfo) -> list:
    recipients = [P("Nơi nhận:", "recipients_head")]
    items = list(info.recipients)
    for i, r in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        recipients.append(P(f"- {r}{end}", "recipients"))
    sign = [P(info.authority, "sign"), P(info.position, "sign"), Spacer(1, 22 * mm),
            P(info.signer or " ", "sign")]  # fmt: skip
    table = Table([[recipients, sign]], colWidths=[80 * mm, 85 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [Spacer(1, 8 * mm), KeepTogether(table)]


def _page_number(canvas, doc) -> None:
    if doc.page > 1:
        canvas.saveState()
        canvas.setFont(f"{F}-regular", 13)
        width, height = doc.pagesize
        canvas.drawCentredString(width / 2, height - 12 * mm, str(doc.page))
        canvas.restoreState()


def _footer(notice: str | None) -> tuple[Callable, Callable]:
    """Page decorations: the number from page 2, and `notice` at the foot of every page."""

    def first(canvas, doc) -> None:
        if notice:
            canvas.saveState()
            canvas.setFont(f"{F}-italic", 10)
            canvas.drawCentredString(doc.pagesize[0] / 2, 10 * mm, nfc(notice))
            canvas.restoreState()

    def later(canvas, doc) -> None:
        _page_number(canvas, doc)
        first(canvas, doc)

    return first, later


def build_plain(
    path: Path,
    title: str,
    subtitle: str,
    body: list,
    *,
    notice: str | None = None,
    pagesize: tuple[float, float] = A4,
) -> None:
    """A plain document (a guide, a list): the title, the body, page numbers from page 2, and
    `notice` (the personal-data line of lists that name children) at the foot of every page."""
    fonts.register()
    doc = SimpleDocTemplate(
        str(path), pagesize=pagesize, leftMargin=20 * mm, rightMargin=15 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=nfc(title), author="Sổ Trẻ Em",
    )  # fmt: skip
    story = [P(title, "title"), P(subtitle, "summary"), *body]
    first, later = _footer(notice)
    doc.build(story, onFirstPage=first, onLaterPages=later)


def build(path: Path, info: DocumentInfo, title: str, summary: str, body: list) -> None:
    """Write the PDF: header, title and summary line, the body flowables, closing block."""
    fonts.register()
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=nfc(f"{title} — {summary}"), author="Sổ Trẻ Em",
    )  # fmt: skip
    story = [*_header(info), P(title, "title"), P(summary, "summary"), *body, *_closing(info)]
    doc.build(story, onFirstPage=lambda c, d: None, onLaterPages=_page_number)


def _value(indicator: dict) -> str:
    value = indicator["value"]
    return (
        format_percent(value)
        if indicator["key"].endswith("_pct")
        else f"{value:,}".replace(",", ".")
    )


def tally_body(figures: dict, label: Callable[[tuple, str], str] = cat.label) -> list:
    """The sections of the tally report, in the order district and province forms use."""
    out: list = []
    kids = figures["children_under_16"]
    special = figures["special"]
    support = figures["support"]
    cases = figures["cases"]
    out.append(P("I. TÌNH HÌNH TRẺ EM", "heading"))
    out.append(
        P(
            f"Tổng số trẻ em dưới 16 tuổi: {kids['total']} (nam {kids['male']}, nữ "
            f"{kids['female']}). Trẻ em có hoàn cảnh đặc biệt: {special['children']} "
            f"({format_percent(special['share_of_children_pct'])}); trẻ em có nguy cơ rơi vào "
            f"hoàn cảnh đặc biệt: {figures['risk']['children']}. Trong kỳ: "
            f"{special['entries']} trường hợp mới, {special['exits']} trường hợp thôi hưởng/ra "
            "khỏi danh sách.",
            "text",
        )
    )
    bands = [b.code for b in cat.AGE_BANDS]
    headers = ["Nhóm (Điều 10 Luật Trẻ em)", "Tổng", "Nam", "Nữ",
               *[b.replace("-", "–") for b in bands], "DTTS"]  # fmt: skip
    rows = []
    for code, g in special["by_group"].items():
        rows.append(
            [
                f"{code}. {label(cat.SPECIAL_GROUPS, code)}",
                g["total"],
                g["male"],
                g["female"],
                *[g["by_age"][b] for b in bands],
                g["ethnic_minority"],
            ]
        )
    rows.append(["Cộng", special["children"], "", "", *[""] * len(bands), ""])
    widths = [49 * mm] + [14.5 * mm] * (4 + len(bands))
    out.append(P("Bảng 1. Trẻ em có hoàn cảnh đặc biệt theo nhóm, giới tính, độ tuổi", "heading"))
    out.append(data_table(headers, rows, widths))
    risk_rows = [[label(cat.DEFAULT_RISK_GROUPS, c), g["total"], g["male"], g["female"]]
                 for c, g in figures["risk"]["by_group"].items()]  # fmt: skip
    out.append(P("Bảng 2. Trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt", "heading"))
    out.append(data_table(["Nhóm nguy cơ", "Tổng", "Nam", "Nữ"], risk_rows,
                          [105 * mm, 20 * mm, 20 * mm, 20 * mm]))  # fmt: skip
    out.append(P("II. CÔNG TÁC TRỢ GIÚP, BẢO VỆ TRẺ EM", "heading"))
    out.append(
        P(
            f"Số trẻ em có hoàn cảnh đặc biệt được trợ giúp trong kỳ: "
            f"{support['special_supported']} ({format_percent(support['special_supported_pct'])}). "
            "Tổng kinh "
            f"phí trợ giúp: {format_vnd(support['total_amount_vnd'])}.",
            "text",
        )
    )
    sup_rows = [[label(cat.SUPPORT_TYPES, t), v["count"], format_vnd(v["amount_vnd"])]
                for t, v in support["by_type"].items()]  # fmt: skip
    out.append(data_table(["Hình thức trợ giúp", "Lượt", "Số tiền"], sup_rows,
                          [95 * mm, 25 * mm, 45 * mm]))  # fmt: skip
    out.append(
        P(
            f"Vụ việc xâm hại, bạo lực, bóc lột, bỏ rơi trẻ em: tiếp nhận {cases['received']}, "
            f"đã đóng {cases['closed']}, đang xử lý cuối kỳ {cases['open_at_end']} (quá hạn "
            f"{cases['overdue_at_end']}).",
            "text",
        )
    )
    out += pdf_injuries.protection_tables(figures, P, data_table)  # injuries, drowning, spots
    acts = figures["activities"]
    act_rows = [[label(cat.ACTIVITY_TYPES, t), v["count"], v["participants"],
                 v["special_children"], format_vnd(v["cost_vnd"])]
                for t, v in acts["by_type"].items()]  # fmt: skip
    out.append(P("III. HOẠT ĐỘNG TRUYỀN THÔNG, TẬP HUẤN", "heading"))
    out.append(data_table(["Loại hoạt động", "Số hoạt động", "Người tham gia", "Trẻ HCĐB",
                           "Kinh phí"], act_rows,
                          [60 * mm, 22 * mm, 27 * mm, 22 * mm, 34 * mm]))  # fmt: skip
    training = figures["training"]
    people = training["participants"]
    out.append(
        P(
            f"Tập huấn: {training['courses']} lớp, {people['total']} lượt người tham gia "
            f"(nam {people['male']}, nữ {people['female']}).",
            "text",
        )
    )
    out.append(P("IV. CHỈ TIÊU THỐNG KÊ (Thông tư 13/2021/TT-BLĐTBXH)", "heading"))
    out.append(data_table(["Chỉ tiêu", "Giá trị"],
                          [[i["name"], _value(i)] for i in figures["indicators"]],
                          [130 * mm, 35 * mm]))  # fmt: skip
    return out


def corrections_body(corrections: tuple[str, list[tuple[str, object, object]]] | None) -> list:
    """A section correcting the previous report when its figures changed after it was sent."""
    if not corrections:
        return []
    label, changes = corrections
    if not changes:
        return []
    rows = [[name, _number(old), _number(new)] for name, old, new in changes]
    return [
        P(f"V. ĐIỀU CHỈNH SỐ LIỆU BÁO CÁO {label.upper()}", "heading"),
        P(
            "Số liệu đã báo cáo kỳ trước được cập nhật sau khi gửi; đề nghị sử dụng số liệu "
            "điều chỉnh dưới đây.",
            "text",
        ),
        data_table(["Chỉ tiêu", "Đã báo cáo", "Điều chỉnh"], rows, [105 * mm, 30 * mm, 30 * mm]),
    ]


def _number(value: object) -> str:
    if isinstance(value, float):
        return format_percent(value)
    return "" if value is None else f"{value:,}".replace(",", ".")
