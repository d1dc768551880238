"""The printed report: an administrative document in the layout of Nghị định 30/2020/NĐ-CP.

The reference layout, element by element, with where the decree asks for it (Điều 8 lists the
elements of an administrative document, Điều 9 sends their presentation to Phụ lục I, Phần I;
the README's "The printed report" has the same as a table):

- A4 portrait; margins top 20, bottom 20, left 30, right 15 mm (Phụ lục I: khổ giấy, kiểu
  trình bày, định lề trang).
- Times New Roman, else the metric-compatible Liberation Serif (`fonts.py`), black (Phụ lục I:
  phông chữ, TCVN 6909:2001).
- Page numbers centred in the top margin, 13 pt, none on page 1 (Phụ lục I: số trang).
- National title caps 13 bold, motto 14 bold with a rule its length under it, top right
  (Điều 8 a; Phụ lục I: Quốc hiệu và Tiêu ngữ).
- Parent body caps 13, issuing body caps 13 bold, a rule 1/3–1/2 of its line centred under it,
  top left (Điều 8 b; Phụ lục I: tên cơ quan, tổ chức ban hành văn bản).
- "Số: …/BC-UBND" 13, centred under the issuing body (Điều 8 c; Phụ lục I: số, ký hiệu).
- Place and date on the number's line, right, 14 italic, a leading 0 for days under 10 and
  months 1–2 (Điều 8 d; Phụ lục I: địa danh và thời gian ban hành).
- "BÁO CÁO" caps 14 bold, the summary line 14 bold, centred (Điều 8 đ; Phụ lục I: tên loại
  và trích yếu nội dung).
- Body 14, justified, first line indented 1 cm; headings kept with what follows (Điều 8 e;
  Phụ lục I: nội dung văn bản).
- Authority (TM.) and position caps 14 bold, room to sign and seal, full name 14 bold
  (Điều 8 g, h; Phụ lục I: chức vụ, họ tên và chữ ký; dấu).
- "Nơi nhận:" 12 bold italic, list 11, "- …;" lines, the last "- Lưu: VT." (Điều 8 i;
  Phụ lục I: nơi nhận).

Tables break across pages with their header rows repeated; no word in a table is ever split.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.reports import fonts

F = fonts.FAMILY
CONTENT_WIDTH = A4[0] - 45 * mm  # left 30 mm, right 15 mm
NO_ENTRIES = "Không có."
_PAD = 3  # points each side of a table cell


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass
class DocumentInfo:
    """What the officer may adjust on the printed page (defaults come from the commune and the
    report settings)."""

    body_lines: tuple[str, ...]
    place: str
    number: str = "Số:       /BC-UBND"
    on: date = field(default_factory=date.today)
    recipients: tuple[str, ...] = ("Lưu: VT",)
    authority: str = "TM. ỦY BAN NHÂN DÂN"
    position: str = "CHỦ TỊCH"
    signer: str = ""


def _face(bold: bool, italic: bool) -> str:
    if bold or italic:
        return f"{F}-{'bold' if bold else ''}{'italic' if italic else ''}"
    return f"{F}-regular"


def _style(name: str, size: float, bold=False, italic=False, align=TA_LEFT, **kw) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=_face(bold, italic), fontSize=size, leading=size * 1.25, alignment=align,
        **kw,
    )  # fmt: skip


STYLES = {
    "body_caps": _style("body_caps", 13, align=TA_CENTER),
    "body_bold": _style("body_bold", 13, bold=True, align=TA_CENTER),
    "nation": _style("nation", 13, bold=True, align=TA_CENTER),
    "motto": _style("motto", 14, bold=True, align=TA_CENTER),
    "number": _style("number", 13, align=TA_CENTER),
    "place": _style("place", 14, italic=True, align=TA_CENTER),
    "title": _style("title", 14, bold=True, align=TA_CENTER, spaceBefore=14),
    "summary": _style("summary", 14, bold=True, align=TA_CENTER, spaceAfter=10),
    "heading": _style("heading", 14, bold=True, spaceBefore=8, spaceAfter=4, keepWithNext=1),
    "caption": _style("caption", 13, italic=True, spaceBefore=4, spaceAfter=3, keepWithNext=1),
    "text": _style(
        "text", 14, align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceBefore=3, spaceAfter=3
    ),
    "cell": _style("cell", 11),
    "num": _style("num", 11, align=TA_RIGHT),
    "cell_bold": _style("cell_bold", 11, bold=True),
    "num_bold": _style("num_bold", 11, bold=True, align=TA_RIGHT),
    "cell_head": _style("cell_head", 10.5, bold=True, align=TA_CENTER),
    "note_head": _style("note_head", 12, bold=True, italic=True, spaceBefore=10, keepWithNext=1),
    "note": _style("note", 11, align=TA_JUSTIFY, leftIndent=5 * mm, firstLineIndent=-5 * mm),
    "recipients_head": _style("recipients_head", 12, bold=True, italic=True),
    "recipients": _style("recipients", 11),
    "sign": _style("sign", 14, bold=True, align=TA_CENTER),
    "sign_hint": _style("sign_hint", 13, italic=True, align=TA_CENTER),
}


def P(text: str, style: str) -> Paragraph:
    fonts.register()  # once per process; paragraphs resolve their font when made
    escaped = nfc(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, STYLES[style])


def _width(text: str, style: str) -> float:
    s = STYLES[style]
    return stringWidth(nfc(text), s.fontName, s.fontSize)


def _header(info: DocumentInfo) -> list:
    issuer = info.body_lines[-1] if len(info.body_lines) > 1 else info.body_lines[0]
    rule = _width(issuer, "body_bold") * 0.4  # 1/3 to 1/2 of the line
    left = [P(info.body_lines[0], "body_caps")] + [
        P(line, "body_bold") for line in info.body_lines[1:]
    ]
    left.append(HRFlowable(width=rule, thickness=0.7, color=colors.black, spaceBefore=1,
                           hAlign="CENTER"))  # fmt: skip
    motto = "Độc lập - Tự do - Hạnh phúc"
    right = [
        P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "nation"),
        P(motto, "motto"),
        HRFlowable(width=_width(motto, "motto"), thickness=0.7, color=colors.black,
                   spaceBefore=1, hAlign="CENTER"),
    ]  # fmt: skip
    when = info.on
    dated = f"{info.place}, ngày {when.day:02d} tháng {when.month:02d} năm {when.year}"
    table = Table(
        [[left, right], [P(info.number, "number"), P(dated, "place")]],
        colWidths=[62 * mm, CONTENT_WIDTH - 62 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("TOPPADDING", (0, 1), (-1, 1), 6),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [table]


def _cell(value: object, bold: bool = False) -> Flowable:
    if isinstance(value, Flowable):
        return value
    numeric = isinstance(value, int | float) or (
        isinstance(value, str) and value.replace(".", "").replace(",", "").replace(" %", "")
        .replace("%", "").replace(" đ", "").strip().isdigit()
    )  # fmt: skip
    style = ("num" if numeric else "cell") + ("_bold" if bold else "")
    return P(str(value), style)


def _fit(headers: Sequence[str], rows: Sequence[Sequence[object]], widths: list[float]) -> list:
    """Widen any column whose longest word would be split, taking the room from the column
    with the most to spare: "11–15" never becomes "11–1 / 5"."""
    fonts.register()  # measured before any of the table's paragraphs is made
    need = []
    for i, head in enumerate(headers):
        words = [(w, "cell_head") for w in head.split()]
        words += [(w, "cell_bold") for r in rows for w in str(r[i]).split()
                  if not isinstance(r[i], Flowable)]  # fmt: skip
        need.append(max((_width(w, s) for w, s in words), default=0) + 2 * _PAD + 1)
    widths = list(widths)
    for i, minimum in enumerate(need):
        short = minimum - widths[i]
        if short > 0:
            widths[i] = minimum
            spare = max(range(len(widths)), key=lambda j: widths[j] - need[j])
            widths[spare] -= short
    return widths


def data_table(
    headers: list[str],
    rows: list[list],
    widths: list[float] | None = None,
    *,
    total: list | None = None,
    groups: list[tuple[str, int]] | None = None,
) -> Table:
    """A table that may break across pages, repeating its header rows.

    `total` is a last row in bold (the "Cộng" row); `groups` an upper header row of
    (label, columns spanned): a group of one column is that column's header, both rows high."""
    widths = widths or [CONTENT_WIDTH / len(headers)] * len(headers)
    widths = _fit(headers, [*rows, *([total] if total else [])], widths)
    head = [[P(h, "cell_head") for h in headers]]
    spans: list[tuple] = []
    if groups:
        upper: list = []
        col = 0
        for label, span in groups:
            upper += [P(label, "cell_head")] + [""] * (span - 1)
            if span > 1:
                spans.append(("SPAN", (col, 0), (col + span - 1, 0)))
            elif label:
                spans.append(("SPAN", (col, 0), (col, 1)))
                head[0][col] = ""
            col += span
        head.insert(0, upper)
    body = head + [[_cell(v) for v in row] for row in rows]
    if total:
        body.append([_cell(v, bold=True) for v in total])
    table = Table(body, colWidths=widths, repeatRows=len(head))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), f"{F}-regular"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
                ("BACKGROUND", (0, 0), (-1, len(head) - 1), colors.Color(0.92, 0.92, 0.92)),
                *spans,
            ]
        )
    )
    return table


def table_or_none(caption: str, headers: list[str], rows: list[list], widths: list[float],
                  **kw) -> list:  # fmt: skip
    """A captioned table, or the caption and "Không có." when there is nothing to list."""
    if not rows:
        return [P(caption, "caption"), P(NO_ENTRIES, "text")]
    return [P(caption, "caption"), data_table(headers, rows, widths, **kw)]


def notes(title: str, lines: Sequence[str]) -> list:
    """Numbered small-print notes (how the figures are counted)."""
    return [P(title, "note_head")] + [P(f"{i}. {line}", "note") for i, line in
                                      enumerate(lines, start=1)]  # fmt: skip


def _closing(info: DocumentInfo) -> list:
    recipients = [P("Nơi nhận:", "recipients_head")]
    items = list(info.recipients)
    for i, r in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        recipients.append(P(f"- {r}{end}", "recipients"))
    sign = [P(line, "sign") for line in (info.authority, info.position) if line]
    sign.append(Spacer(1, 28 * mm))  # room for the signature and the seal
    sign.append(P(info.signer, "sign") if info.signer.strip()
                else P("(ký, ghi rõ họ tên, đóng dấu)", "sign_hint"))  # fmt: skip
    table = Table([[recipients, sign]], colWidths=[CONTENT_WIDTH * 0.45, CONTENT_WIDTH * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [Spacer(1, 6 * mm), KeepTogether(table)]


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
    """A plain document (a list): the title, the body, page numbers from page 2, and `notice`
    (the personal-data line of lists that name children) at the foot of every page."""
    fonts.register()
    doc = SimpleDocTemplate(
        str(path), pagesize=pagesize, leftMargin=20 * mm, rightMargin=15 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=nfc(title), author="Sổ Trẻ Em",
    )  # fmt: skip
    story = [P(title, "title"), P(subtitle, "summary"), *body]
    first, later = _footer(notice)
    doc.build(story, onFirstPage=first, onLaterPages=later)


def build(
    path: Path, info: DocumentInfo, title: str, summary: str, body: list, after: Sequence = ()
) -> None:
    """Write the PDF: header, title and summary line, the body, the closing block (recipients
    and signature), then `after` (the notes on how the figures are counted)."""
    fonts.register()
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=nfc(f"{title} — {summary}"), author="Sổ Trẻ Em",
    )  # fmt: skip
    story = [*_header(info), P(title, "title"), P(summary, "summary"), *body, *_closing(info),
             *after]  # fmt: skip
    doc.build(story, onFirstPage=lambda c, d: None, onLaterPages=_page_number)
