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


# ---- files made to exhaust memory, built from repeated deflate blocks ----------------------
#
# A gigabyte of XML compresses to a megabyte; compressing it for real would take the test a
# minute. Each distinct piece is compressed once, ending with a full flush (the compressor starts
# afresh after it, so the piece's bytes can simply be repeated), and the archive is written by
# hand around the stream. Only the CRC reads every byte.


def _deflate(parts: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """The raw deflate stream of `data` × `times` for each (data, times); with CRC and size."""
    import zlib

    stream, crc, size = [], 0, 0
    for data, times in parts:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        stream.append((packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)) * times)
        for _ in range(times):
            crc = zlib.crc32(data, crc)
        size += len(data) * times
    stream.append(zlib.compressobj(9, zlib.DEFLATED, -15).flush())  # the final, empty block
    return b"".join(stream), crc, size


def _raw_zip(path: Path, members: dict[str, list[tuple[bytes, int]]],
             stated: dict[str, int] | None = None) -> Path:  # fmt: skip
    """A zip of deflated members (each below 4 GiB unpacked: no zip64 needed); `stated` gives
    a member a size of its own choosing, smaller than what it unpacks to."""
    local, central = bytearray(), bytearray()
    for name, parts in members.items():
        data, crc, size = _deflate(parts)
        size = (stated or {}).get(name, size)
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        central += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                    + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(local)) + encoded)
        local += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                      len(local), 0)  # fmt: skip
    path.write_bytes(bytes(local) + bytes(central) + end)
    return path


def _crafted(path: Path, sheet: list[tuple[bytes, int]],
             strings: list[tuple[bytes, int]] | None = None,
             stated: dict[str, int] | None = None) -> Path:  # fmt: skip
    package = _package(lambda: [], ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Nữ",
                                    "Giàng Thị Mai"])  # fmt: skip
    members = {name: [(data, 1)] for name, data in package.items()}
    if strings is not None:
        members["xl/sharedStrings.xml"] = strings
    members["xl/worksheets/sheet1.xml"] = sheet
    return _raw_zip(path, members, stated)


_HEAD = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
         + _cells(1, [("s", 0), ("s", 1), ("s", 2), ("s", 3)]))  # fmt: skip
_TAIL = b"</sheetData></worksheet>"
_MB = 1 << 20


def one_huge_cell(megabytes: int = 1024, stated_megabytes: int | None = None) -> Builder:
    """One cell of `megabytes` of text (a gigabyte, by default, in a 1 MB file); the archive
    may state a smaller size for the sheet than it unpacks to."""

    def build(folder: Path) -> Path:
        row = b'<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>'
        stated = {"xl/worksheets/sheet1.xml": stated_megabytes * _MB} if stated_megabytes else {}
        name = f"o-{megabytes}-mb" + (f"-noi-{stated_megabytes}" if stated_megabytes else "")
        return _crafted(folder / f"{name}.xlsx", [
            (_HEAD + row, 1), (b"a" * _MB, megabytes),
            (b'</t></is></c><c r="C2"><v>2016</v></c></row>' + _TAIL, 1),
        ], stated=stated)  # fmt: skip

    return build


def huge_shared_strings(megabytes: int = 1536, each: bytes = b"Gi\xc3\xa0ng Th\xe1\xbb\x8b Mai") \
        -> Builder:  # fmt: skip
    """Shared strings of `megabytes` (1.5 GB in a 4 MB file, by default)."""

    def build(folder: Path) -> Path:
        one = b"<si><t>" + each + b"</t></si>"
        block = one * (_MB // len(one))
        known = ("STT", "Họ và tên", "Ngày sinh", "Giới tính", "Nữ", "Giàng Thị Mai")
        head = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'.encode()
                + b"".join(b"<si><t>%s</t></si>" % s.encode() for s in known))  # fmt: skip
        rows = b'<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>5</v></c></row>' + _TAIL
        return _crafted(folder / "chuoi-chung.xlsx", [(_HEAD + rows, 1)],
                        [(head, 1), (block, megabytes), (b"</sst>", 1)])  # fmt: skip

    return build


def many_short_strings(count: int = 600_000) -> Builder:
    """More shared strings than any commune's list, each one short (10 MB in all)."""

    def build(folder: Path) -> Path:
        head = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'.encode()
                + b"<si><t>STT</t></si><si><t>H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan</t></si>"
                + b"<si><t>Ng\xc3\xa0y sinh</t></si><si><t>Gi\xe1\xbb\x9bi t\xc3\xadnh</t></si>")
        rows = b'<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>3</v></c></row>' + _TAIL
        return _crafted(folder / "nhieu-chuoi.xlsx", [(_HEAD + rows, 1)],
                        [(head, 1), (b"<si><t>a</t></si>" * 1000, count // 1000),
                         (b"</sst>", 1)])  # fmt: skip

    return build


def cells_without_rows(cells: int = 3_000_000) -> Builder:
    """Three million cells straight in the sheet's data, no <row> around them."""

    def build(folder: Path) -> Path:
        block = b'<c r="B2" t="s"><v>5</v></c>' * 10_000
        return _crafted(folder / "khong-the-dong.xlsx",
                        [(_HEAD, 1), (block, cells // 10_000), (_TAIL, 1)])  # fmt: skip

    return build


def row_number_leap(to: int = 1_000_000) -> Builder:
    """Two rows, the second numbered `to`: the reader yields every blank row in between."""

    def build(folder: Path) -> Path:
        rows = (b'<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>5</v></c>'
                b'<c r="C2"><v>2016</v></c><c r="D2" t="s"><v>4</v></c></row>'
                b'<row r="%d"><c r="A%d"><v>2</v></c><c r="B%d" t="s"><v>5</v></c>'
                b'<c r="C%d"><v>2017</v></c></row>' % (to, to, to, to))  # fmt: skip
        return _crafted(folder / "nhay-dong.xlsx", [(_HEAD + rows + _TAIL, 1)])

    return build
