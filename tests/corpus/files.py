"""Builders of bad files for the corpus: each writes one file under a folder and returns its path.

Most use openpyxl the way an officer's Excel would save; a few write the package by hand where
openpyxl refuses to (control characters, a million rows in seconds, a lying sheet size), and
two write an OLE2 compound file (an old .xls, a password-protected .xlsx).
"""

from __future__ import annotations

import struct
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import Workbook

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Thôn/bản"]
GOOD = ["Giàng Thị Mai", "12/03/2016", "Nữ", "Mông", "Sín Chải"]

Builder = Callable[[Path], Path]


def sheet(rows: Iterable[list], headers: list | None = None, name: str = "ds.xlsx") -> Builder:
    """A plain list: the header row, then numbered rows (the first data row is row 2)."""

    def build(folder: Path) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "DS 2026"
        ws.append(headers or HEADERS)
        for i, row in enumerate(rows, start=1):
            ws.append([i, *row])
            for cell in ws[ws.max_row]:  # typed text, not a formula (Excel keeps it as text)
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        path = folder / name
        wb.save(path)
        return path

    return build


def bad_row(**cells) -> Builder:
    """A good row 2, then row 3 with some cells replaced (by field position in GOOD)."""
    positions = {"name": 0, "birth": 1, "sex": 2, "ethnic": 3, "village": 4}
    row = list(GOOD)
    row[0] = "Sùng A Pó"
    for key, value in cells.items():
        row[positions[key]] = value
    return sheet([GOOD, row])


def with_notes(notes: str) -> Builder:
    return sheet([[*GOOD, notes]], headers=[*HEADERS, "Ghi chú"])


def with_caregiver(caregiver: str) -> Builder:
    return sheet([[*GOOD, caregiver]], headers=[*HEADERS, "Người chăm sóc"])


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def raw_bytes(data: bytes, name: str = "ds.xlsx") -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def truncated() -> Builder:
    def build(folder: Path) -> Path:
        path = sheet([GOOD] * 200)(folder)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) * 2 // 3])
        return path

    return build


def truncated_backup() -> Builder:
    """A backup copied to a USB stick that was pulled out half-way."""

    def build(folder: Path) -> Path:
        from desktop.db.register import Register

        path = folder / "sao-luu.db"
        with Register.open(path) as register:
            register.init_commune("02725")
            for i in range(60):
                register.add_village(f"Thôn Số {i}")
        import sqlite3

        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path

    return build


def password_protected() -> Builder:
    def build(folder: Path) -> Path:
        from msoffcrypto.format.ooxml import OOXMLFile

        plain = sheet([GOOD], name="plain.xlsx")(folder)
        path = folder / "ds.xlsx"
        with plain.open("rb") as source, path.open("wb") as out:
            OOXMLFile(source).encrypt("mat-khau-2026", out)
        return path

    return build


def old_xls() -> Builder:
    """An Excel 97–2003 file (an OLE2 compound file holding a BIFF8 'Workbook' stream)."""

    def build(folder: Path) -> Path:
        bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x2775, 0x07CD, 0, 0x0206)
        stream = (bof + struct.pack("<HH", 0x000A, 0)).ljust(4096, b"\0")  # BOF … EOF
        sectors = len(stream) // 512
        header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
        header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
        header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        header += struct.pack("<I", 0) + b"\xff" * (436 - 4)  # DIFAT: the FAT is sector 0
        fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(sectors - 1)] + [0xFFFFFFFE]
        fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")

        def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
            encoded = (name + "\0").encode("utf-16-le") if name else b""
            return (
                encoded.ljust(64, b"\0")
                + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
                + b"\0" * 36
                + struct.pack("<IQ", start, size)
            )

        directory = (
            entry("Root Entry", 5, 1, 0xFFFFFFFE, 0)
            + entry("Workbook", 2, 0xFFFFFFFF, 2, len(stream))
            + entry("", 0, 0xFFFFFFFF, 0, 0) * 2
        )
        path = folder / "ds.xlsx"
        path.write_bytes(bytes(header) + fat_sector + directory + stream)
        return path

    return build


def zip_of(files: dict[str, bytes | str]) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / "ds.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return path

    return build


# ---- an .xlsx package written by hand ------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _package(sheet_xml: Callable[[], Iterable[bytes]], strings: list[str]) -> dict[str, bytes]:
    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    sst = "".join(f"<si><t>{esc(t)}</t></si>" for t in strings)
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            f'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.'
            f'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.'
            f'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.'
            'sharedStrings+xml"/></Types>'
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship '
            f'Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship '
            f'Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship '
            f'Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ).encode(),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">{sst}</sst>'
        ).encode(),
    }


def _cells(row: int, values: list) -> bytes:
    """Numbers as numbers, strings as indexes into the shared strings (given as ('s', i))."""
    out = []
    for col, value in zip("ABCDEF", values, strict=False):
        if isinstance(value, tuple):
            out.append(f'<c r="{col}{row}" t="s"><v>{value[1]}</v></c>')
        else:
            out.append(f'<c r="{col}{row}"><v>{value}</v></c>')
    return f'<row r="{row}">{"".join(out)}</row>'.encode()


def hand_made(rows: list[list], strings: list[str], dimension: str | None = None) -> Builder:
    def build(folder: Path) -> Path:
        def sheet_xml() -> Iterable[bytes]:
            yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
            if dimension:
                yield f'<dimension ref="{dimension}"/>'.encode()
            yield b"<sheetData>"
            for number, values in enumerate(rows, start=1):
                yield _cells(number, values)
            yield b"</sheetData></worksheet>"

        return _write(folder / "ds.xlsx", sheet_xml, strings)

    return build


def _write(path: Path, sheet_xml: Callable[[], Iterable[bytes]], strings: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in _package(sheet_xml, strings).items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w") as out:
            for chunk in sheet_xml():
                out.write(chunk)
    return path


def million_rows(path: Path, rows: int, dimension: str | None) -> Path:
    """A register of `rows` children, streamed straight into the package (a few seconds)."""
    strings = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Nữ", "Giàng Thị Mai"]

    def sheet_xml() -> Iterable[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
        if dimension:
            yield f'<dimension ref="{dimension}"/>'.encode()
        yield b"<sheetData>" + _cells(1, [("s", 0), ("s", 1), ("s", 2), ("s", 3)])
        batch = []
        for n in range(2, rows + 2):
            batch.append(
                b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>5</v></c>'
                b'<c r="C%d"><v>2016</v></c><c r="D%d" t="s"><v>4</v></c></row>'
                % (n, n, n - 1, n, n, n)
            )
            if len(batch) == 10_000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch) + b"</sheetData></worksheet>"

    return _write(path, sheet_xml, strings)


# ---- a few more shapes --------------------------------------------------------------------


def sheets(*specs: tuple[str, str, list[list]]) -> Builder:
    """Several sheets: (title, state, rows) with state visible / hidden / veryHidden."""

    def build(folder: Path) -> Path:
        wb = Workbook()
        wb.remove(wb.active)
        for title, state, rows in specs:
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
            ws.sheet_state = state
        path = folder / "ds.xlsx"
        wb.save(path)
        return path

    return build


def merged_two_row_header(bad_birth: str) -> Builder:
    """Header over two rows (merged cells), "Năm sinh" split into Nam / Nữ; row 5 is wrong."""

    def build(folder: Path) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.append(["DANH SÁCH TRẺ EM NĂM 2026"])
        ws.merge_cells("A1:F1")
        ws.append(["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Thôn/bản"])
        ws.append([None, None, "Nam", "Nữ"])
        for cells in ("A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3"):
            ws.merge_cells(cells)
        ws.append([1, "Giàng A Pó", "2015", None, "Mông", "Sín Chải"])
        ws.append([2, "Sùng Thị Dế", None, bad_birth, "Mông", "Sín Chải"])
        path = folder / "ds.xlsx"
        wb.save(path)
        return path

    return build


def header_in_one_merged_cell() -> Builder:
    def build(folder: Path) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.append(["STT - Họ và tên - Ngày sinh - Giới tính"])
        ws.merge_cells("A1:D1")
        ws.append([1, "Giàng Thị Mai", "12/03/2016", "Nữ"])
        path = folder / "ds.xlsx"
        wb.save(path)
        return path

    return build


def formula_cell_without_value() -> Builder:
    """A name computed by a formula never calculated (as written by scripts, not by Excel)."""

    def build(folder: Path) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.append(HEADERS)
        ws.append([1, *GOOD])
        ws.append([2, '=CONCATENATE("Sùng ","A ","Pó")', "2015", "Nam", "Mông", "Sín Chải"])
        path = folder / "ds.xlsx"
        wb.save(path)
        return path

    return build
