"""Markdown (CommonMark and tables, parsed by markdown-it-py) to reportlab Platypus flowables:
headings, paragraphs with bold, italics and code, nested bullet and numbered lists, code blocks,
tables and pictures — each as itself, never as the Markdown that wrote it."""

from __future__ import annotations

from html import escape
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Image,
    ListFlowable,
    ListItem,
    Paragraph,
    Preformatted,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.reference import resources_dir
from desktop.reports import fonts

TEXT_WIDTH = A4[0] - 40 * mm
PX_MM = 25.4 / 96  # a screen pixel at its own size (96 dpi)
SERIF, MONO = fonts.FAMILY, "GuideMono"


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    if MONO not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(MONO, str(resources_dir() / "fonts" /
                                                 "LiberationMono-Regular.ttf")))  # fmt: skip
    base = dict(fontName=f"{SERIF}-regular", fontSize=11.5, leading=15, alignment=TA_LEFT)
    bold = f"{SERIF}-bold"
    return {
        "title": ParagraphStyle("title", **{**base, "fontName": bold, "fontSize": 20,
                                            "leading": 24, "spaceAfter": 10}),
        "h2": ParagraphStyle("h2", **{**base, "fontName": bold, "fontSize": 15, "leading": 19,
                                      "spaceBefore": 14, "spaceAfter": 6, "keepWithNext": 1}),
        "h3": ParagraphStyle("h3", **{**base, "fontName": bold, "fontSize": 12.5, "leading": 16,
                                      "spaceBefore": 10, "spaceAfter": 4, "keepWithNext": 1}),
        "p": ParagraphStyle("p", **{**base, "spaceAfter": 5}),
        "caption": ParagraphStyle("caption", **{**base, "fontName": f"{SERIF}-italic",
                                                "fontSize": 10, "spaceAfter": 8}),
        "code": ParagraphStyle("code", **{**base, "fontName": MONO, "fontSize": 8.6,
                                          "leading": 11, "backColor": colors.Color(.94, .94, .94),
                                          "borderPadding": 4, "spaceBefore": 4,
                                          "spaceAfter": 8}),
        "cell": ParagraphStyle("cell", **{**base, "fontSize": 10.5, "leading": 13}),
    }  # fmt: skip


class Renderer:
    """Turns one Markdown document into flowables; pictures are looked up in `pictures`."""

    def __init__(self, pictures: Path):
        self.pictures = pictures
        self.styles = _styles()
        self.md = MarkdownIt("commonmark").enable("table")
        self.title = ""

    def render(self, text: str) -> list:
        tokens = self.md.parse(text)
        flowables, _end = self._blocks(tokens, 0, None, TEXT_WIDTH)
        return flowables

    # ---- blocks ---------------------------------------------------------------------------

    def _blocks(self, tokens: list[Token], i: int, close: str | None, width: float):
        out: list = []
        while i < len(tokens):
            t = tokens[i]
            if close and t.type == close:
                return out, i + 1
            if t.type == "heading_open":
                text = self._inline(tokens[i + 1])
                if t.tag == "h1":
                    self.title = tokens[i + 1].content
                elif t.tag == "h2":
                    out.append(CondPageBreak(70 * mm))  # a task starts with room for its steps
                out.append(Paragraph(text, self.styles["title" if t.tag == "h1" else
                                                       "h2" if t.tag == "h2" else "h3"]))
                i += 3
            elif t.type == "paragraph_open":
                out += self._paragraph(tokens[i + 1], width)
                i += 3
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                flow, i = self._list(tokens, i, width)
                out.append(flow)
            elif t.type in ("fence", "code_block"):
                out.append(self._code(t.content, width))
                i += 1
            elif t.type == "table_open":
                flow, i = self._table(tokens, i, width)
                out.append(flow)
            elif t.type == "hr":
                out.append(Spacer(1, 4 * mm))
                i += 1
            else:
                raise ValueError(f"Markdown chưa hiển thị được: {t.type} (dòng {t.map})")
        return out, i

    def _code(self, text: str, width: float) -> Preformatted:
        """A code block; a line longer than the width continues on the next, indented."""
        style = self.styles["code"]
        per_line = int((width - 2 * style.borderPadding) / (0.6 * style.fontSize)) - 1
        return Preformatted(text.rstrip("\n"), style, maxLineLength=per_line,
                            splitChars=" /:", newLineChars="    ")  # fmt: skip

    def _paragraph(self, inline: Token, width: float) -> list:
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        if images and all(c.type in ("image", "softbreak") or not c.content.strip()
                          for c in children):  # a picture on its own  # fmt: skip
            return [f for img in images for f in self._picture(img, width)]
        return [Paragraph(self._inline(inline), self.styles["p"])]

    def _picture(self, token: Token, width: float) -> list:
        path = self.pictures / str(token.attrs.get("src", ""))
        image = Image(str(path))
        scale = min(1.0, width / (image.imageWidth * PX_MM * mm))
        image.drawWidth = image.imageWidth * PX_MM * mm * scale
        image.drawHeight = image.imageHeight * PX_MM * mm * scale
        image.hAlign = "LEFT"
        caption = Paragraph(escape(token.content), self.styles["caption"])
        return [Spacer(1, 2 * mm), image, caption]

    def _list(self, tokens: list[Token], i: int, width: float):
        opener = tokens[i]
        ordered = opener.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        items: list = []
        i += 1
        indent = 7 * mm
        while tokens[i].type != close:
            assert tokens[i].type == "list_item_open"
            body, i = self._blocks(tokens, i + 1, "list_item_close", width - indent - 4 * mm)
            items.append(ListItem(body))
        kw = dict(bulletType="1", bulletFormat="%s.",
                                      start=int(opener.attrs.get("start", 1) or 1)) if ordered \
            else dict(bulletType="bullet", start="•")  # fmt: skip
        return ListFlowable(items, leftIndent=indent, bulletFontName=f"{SERIF}-regular",
                            bulletFontSize=11.5, **kw), i + 1  # fmt: skip

    def _table(self, tokens: list[Token], i: int, width: float):
        rows: list[list] = []
        while tokens[i].type != "table_close":
            if tokens[i].type == "tr_open":
                rows.append([])
            elif tokens[i].type == "inline":
                rows[-1].append(Paragraph(self._inline(tokens[i]), self.styles["cell"]))
            i += 1
        table = Table(rows, colWidths=[width * 0.3, width * 0.7], repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.Color(.9, .9, .9)),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
        return table, i + 1

    # ---- inline ---------------------------------------------------------------------------

    def _inline(self, token: Token) -> str:
        out = []
        for c in token.children or []:
            if c.type == "text":
                out.append(escape(c.content, quote=False))
            elif c.type in ("softbreak",):
                out.append(" ")
            elif c.type == "hardbreak":
                out.append("<br/>")
            elif c.type == "strong_open":
                out.append("<b>")
            elif c.type == "strong_close":
                out.append("</b>")
            elif c.type == "em_open":
                out.append("<i>")
            elif c.type == "em_close":
                out.append("</i>")
            elif c.type == "code_inline":
                out.append(f'<font name="{MONO}" size="10">{escape(c.content, quote=False)}'
                           "</font>")  # fmt: skip
            elif c.type in ("link_open", "link_close", "html_inline"):
                continue
            else:
                raise ValueError(f"Markdown chưa hiển thị được: {c.type}")
        return "".join(out)


def build(markdown: Path, pictures: Path, target: Path, subtitle: str) -> Path:
    """Render the Markdown file at `markdown` to an A4 PDF at `target`, pages numbered."""
    renderer = Renderer(pictures)
    story = renderer.render(markdown.read_text(encoding="utf-8"))

    def number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(f"{SERIF}-regular", 10)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{subtitle} — trang {doc.page}")
        canvas.restoreState()

    target.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=renderer.title,
                            author="Sổ Trẻ Em")  # fmt: skip
    doc.build(story, onFirstPage=number, onLaterPages=number)
    return target
