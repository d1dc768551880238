"""Import a register kept in Excel: read, preview every row's problems, then commit at once.

Nothing is written until `commit`, which runs in one transaction: either every row lands or
none does. Free-text groups are mapped to the legal letters by `guess_groups`, every group a
cell names (“Mồ côi cả cha và mẹ, khuyết tật” → a and d); the plan shows which words were
matched to which group, and the officer confirms or corrects each (`--map "KT nặng=d"`) before
committing.

When each imported circumstance began: the row's “Từ ngày” cell when the file has that column,
otherwise the date the officer chooses for the file (`since`, default today) — never before the
child's birth. `ImportPlan.start_rule` says so in the plan shown before the import.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from desktop import reference
from desktop.db.errors import DiskFull
from desktop.db.register import Register
from desktop.domain import importing
from desktop.domain.dates import DateTextError, PartialDate, format_date
from desktop.domain.names import fold, normalize_name
from desktop.domain.validation import (
    ChildDraft,
    CircumstanceDraft,
    validate_child,
    validate_village_name,
)
from desktop.reports.notice import PERSONAL_DATA_NOTE
from desktop.reports.xlsx import new_sheet, safe
from desktop.reports.xlsx import save as xlsx_save

MAX_ROWS = 100_000  # a commune register holds hundreds or a few thousand children
_HEADER_ROWS = 40  # title and header lines above the list
_HEADER_WIDTH = 100  # columns searched for the header
_EXCEL_ROWS = 1_048_576  # the most rows a sheet can have
Progress = Callable[[float, str], None]


class ImportFileError(ValueError):
    """The file cannot be read as a register; the message is Vietnamese."""


@dataclass
class RowPlan:
    row: int
    name: str
    draft: ChildDraft | None
    village: str
    group_text: str  # the cell as written
    group_codes: list[str] = field(default_factory=list)  # every group it names, in order
    since: date | None = None  # its “Từ ngày” cell, when the file has that column
    problems: list[str] = field(default_factory=list)

    @property
    def group_code(self) -> str | None:
        """The first group the cell names (None when it names none)."""
        return self.group_codes[0] if self.group_codes else None


@dataclass
class ImportPlan:
    path: Path
    sheet: str
    columns: dict[str, str]  # field → column letter(s), for the preview
    rows: list[RowPlan]
    # Words of the file naming a group → its legal letter (None: unknown). A cell naming
    # several groups gives one entry per group ("Mồ côi cả cha và mẹ" → a, "khuyết tật" → d).
    group_texts: dict[str, str | None]
    new_villages: list[str]
    list_year: int | None
    since: date = field(default_factory=date.today)  # the officer's start date for the file

    @property
    def problems(self) -> list[tuple[int, str]]:
        return [(r.row, p) for r in self.rows for p in r.problems]

    @property
    def valid_rows(self) -> list[RowPlan]:
        return [r for r in self.rows if not r.problems]

    @property
    def since_column(self) -> str | None:
        """The letter of the file's “Từ ngày” column, if it has one."""
        return self.columns.get("since")

    def start_for(self, row: RowPlan, today: date) -> date:
        """When the row's circumstances began: its “Từ ngày”, else the file's date, never
        before the child was born nor after today."""
        start = row.since or self.since
        birth = row.draft.birth if row.draft is not None else None
        if birth is not None and row.since is None:
            start = max(start, birth.earliest())
        return min(start, today)

    def start_rule(self) -> str:
        """The plan's sentence on when imported circumstances begin."""
        chosen = format_date(self.since)
        if self.since_column:
            return (
                f"Hoàn cảnh được ghi từ ngày trong cột “Từ ngày” (cột {self.since_column}); dòng "
                f"để trống ô này: từ {chosen} (ngày cán bộ chọn), không sớm hơn ngày sinh của trẻ."
            )
        return (
            f"Hoàn cảnh được ghi từ ngày {chosen} (ngày cán bộ chọn cho cả tệp, mặc định là hôm "
            "nay; tệp không có cột “Từ ngày”), không sớm hơn ngày sinh của trẻ."
        )


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls files and password-protected .xlsx


def _refuse(path: Path, why: str) -> ImportFileError:
    return ImportFileError(f"Không đọc được “{path.name}”: {why}")


def _sniff(path: Path) -> None:
    """Name what the file really is when it is not an .xlsx workbook (renamed files)."""
    if path.is_dir():
        raise _refuse(path, "đây là một thư mục, cần chọn một tệp Excel .xlsx.")
    try:
        with path.open("rb") as f:
            head = f.read(8)
            text_sample = head + f.read(2040)
    except OSError as exc:
        raise _refuse(path, f"không mở được tệp ({exc.strerror or exc}).") from exc
    if not head:
        raise _refuse(path, "tệp rỗng (0 byte).")
    if head.startswith(b"%PDF"):
        raise _refuse(path, "đây là tệp PDF, không phải tệp Excel .xlsx.")
    if head.startswith(_OLE2):
        if _is_encrypted(path):
            raise _refuse(
                path,
                "tệp có đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ "
                "sổ làm việc), lưu lại rồi nhập.",
            )
        raise _refuse(path, "đây là tệp Excel cũ (.xls). Hãy mở bằng Excel rồi lưu lại dạng .xlsx.")
    if not head.startswith(b"PK"):
        try:
            text_sample.decode("utf-8")
            kind = "đây là tệp văn bản (CSV?), không phải tệp Excel .xlsx"
        except UnicodeDecodeError:
            kind = "không phải tệp Excel .xlsx"
        raise _refuse(path, f"{kind}. Hãy mở bằng Excel rồi lưu dạng .xlsx.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                _check_parts(path, archive)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise _refuse(
            path, "tệp Excel bị hỏng hoặc chép chưa hết (tệp nén không đọc được)."
        ) from exc
    if "xl/workbook.xml" not in names:
        raise _refuse(path, "đây là tệp nén (ZIP) nhưng không phải tệp Excel .xlsx.")


def _is_encrypted(path: Path) -> bool:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return bool(ole.exists("EncryptionInfo"))
    except (OSError, ValueError):
        return False


def _open_sheet(path: Path):
    _sniff(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ImportFileError(
            f"Không đọc được “{path.name}”: không phải tệp Excel .xlsx (tệp .xls cũ hãy mở bằng "
            "Excel rồi lưu lại dạng .xlsx)."
        ) from exc
    hidden_with_list: list[str] = []
    partial: tuple[str, int, set[str]] | None = None
    for ws in wb.worksheets:
        found = _find_header(ws)
        if isinstance(found, _PartialHeader):
            partial = partial or (ws.title, found.row, found.fields)
            continue
        if not found:
            continue
        if ws.sheet_state != "visible":
            hidden_with_list.append(ws.title)  # old copies and lookup lists live there
            continue
        _refuse_duplicate_columns(path, ws.title, found[1])
        if (getattr(ws, "_max_row", None) or 0) > MAX_ROWS + _HEADER_ROWS:  # the stated size
            raise _too_many_rows(path, ws.title)
        return wb, ws, found
    wb.close()
    if hidden_with_list:
        raise ImportFileError(
            f"Danh sách trong “{path.name}” nằm ở trang “{hidden_with_list[0]}” đang bị ẩn. Hãy "
            "bỏ ẩn trang đó (hoặc chép danh sách sang một trang đang hiện), lưu lại rồi nhập."
        )
    if partial is not None:
        sheet, row, fields = partial
        missing = [importing.FIELD_NAMES["full_name"]] if "full_name" not in fields else []
        if not {"birth", "sex"} & fields:
            missing.append("Ngày sinh” hoặc “Năm sinh")
        raise ImportFileError(
            f"Trang “{sheet}” của “{path.name}”, dòng tiêu đề {row}: thiếu cột “"
            + "”, cột “".join(missing)
            + "”."
        )
    raise ImportFileError(
        f"Không tìm thấy dòng tiêu đề trong “{path.name}” (cần có cột “Họ và tên” và “Ngày sinh” "
        "hoặc “Năm sinh”)."
    )


@dataclass(frozen=True)
class _PartialHeader:
    """A row that looks like a header but lacks a required column."""

    row: int
    fields: set[str]


def _refuse_duplicate_columns(path: Path, sheet: str, fields: dict[int, str]) -> None:
    columns: dict[str, list[int]] = {}
    for col, name in fields.items():
        columns.setdefault(name, []).append(col)
    for name, cols in columns.items():
        if len(cols) > 1:
            raise ImportFileError(
                f"Trang “{sheet}” của “{path.name}”: cột “{importing.FIELD_NAMES[name]}” có "
                f"{len(cols)} lần (cột {', '.join(_letter(c) for c in cols)}); hãy giữ một cột."
            )


def _too_many_rows(path: Path, sheet: str) -> ImportFileError:
    return _refuse(
        path,
        f"trang “{sheet}” có hơn {MAX_ROWS:,} dòng; một xã không có chừng ấy trẻ. Hãy kiểm "
        "tra lại tệp hoặc chia nhỏ tệp.".replace(",", "."),
    )


# What an officer's workbook never comes near, so memory stays bounded whatever the file: the
# reader keeps every shared string in memory and builds each row (and each cell's text) whole.
MAX_SHEET_BYTES = 256 << 20  # one sheet's XML, unpacked: ~100,000 rows of a wide register
MAX_SHARED_BYTES = 32 << 20  # the shared strings (names, villages, notes …), unpacked
MAX_SHARED_STRINGS = 500_000
MAX_PART_BYTES = 16 << 20  # any other part: workbook, styles, relationships …
MAX_PIECE = 256 << 10  # one tag and the text after it: Excel's cells hold 32,767 characters
MAX_ROW_CELLS = 16_384  # Excel's widest row
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c|si)(?=[\s/>])")
_SUSPECT = " Tệp có thể bị làm giả hoặc hỏng: hãy mở bằng Excel, kiểm tra rồi lưu lại."


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MB".replace(",", ".")


def _check_parts(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse, before the Excel reader touches it, a workbook whose parts would not fit in an
    old PC's memory: parts too large once unpacked (the sizes the archive states bound what
    can be read from it), cells too long, too many shared strings, cells outside rows, rows too
    wide or too many. The XML is scanned as it streams out of the zip, without parsing:
    memory stays flat and a million rows or a gigabyte cell are refused in moments."""
    for info in archive.infolist():
        name = info.filename
        if not name.lower().endswith((".xml", ".rels", ".vml")):
            continue
        sheet = name.startswith("xl/worksheets/")
        shared = name == "xl/sharedStrings.xml"
        limit = MAX_SHEET_BYTES if sheet else MAX_SHARED_BYTES if shared else MAX_PART_BYTES
        if info.file_size > limit:
            what = f"trang “{_sheet_title(archive, name)}”" if sheet else f"phần “{name}”"
            raise _refuse(
                path,
                f"{what} giải nén ra {_megabytes(info.file_size)}, quá {_megabytes(limit)} — "
                "lớn hơn nhiều so với một danh sách trẻ em." + _SUSPECT,
            )
        if sheet or shared:
            _scan(path, archive, name)


def _scan(path: Path, archive: zipfile.ZipFile, part: str) -> None:
    limit = MAX_ROWS + _HEADER_ROWS
    rows = strings = row_cells = 0
    in_row = False
    tail = b""

    def where() -> str:
        if part == "xl/sharedStrings.xml":
            return "phần chữ dùng chung (sharedStrings)"
        return f"trang “{_sheet_title(archive, part)}”"

    with archive.open(part) as stream:
        while True:
            chunk = stream.read(1 << 20)
            data = tail + chunk
            cut = max(data.rfind(b"<"), 0) if chunk else len(data)
            body, tail = data[:cut], data[cut:]
            if len(tail) > MAX_PIECE or max(map(len, body.split(b"<"))) > MAX_PIECE:
                raise _refuse(
                    path,
                    f"{where()} có một ô (hoặc thẻ) dài hơn 32.767 ký tự — giới hạn của Excel."
                    + _SUSPECT,
                )
            for tag in _TAG.finditer(body):
                closing, kind = tag.group(1), tag.group(2)
                if kind == b"row":
                    if closing:
                        in_row = False
                        continue
                    rows += 1
                    if rows > limit:
                        raise _too_many_rows(path, _sheet_title(archive, part))
                    end = body.find(b">", tag.end())
                    in_row, row_cells = body[end - 1 : end] != b"/", 0
                elif kind == b"c" and not closing:
                    if not in_row:
                        raise _refuse(
                            path,
                            f"{where()} có ô nằm ngoài dòng (thiếu thẻ <row>): tệp không do "
                            "Excel lưu ra." + _SUSPECT,
                        )
                    row_cells += 1
                    if row_cells > MAX_ROW_CELLS:
                        raise _refuse(
                            path, f"{where()} có một dòng hơn 16.384 ô (Excel có 16.384 cột)."
                            + _SUSPECT,
                        )  # fmt: skip
                elif kind == b"si" and not closing:
                    strings += 1
                    if strings > MAX_SHARED_STRINGS:
                        raise _refuse(
                            path,
                            f"tệp có hơn {MAX_SHARED_STRINGS:,} chuỗi chữ khác nhau — nhiều "
                            "hơn hẳn một danh sách trẻ em.".replace(",", ".") + _SUSPECT,
                        )
            if not chunk:
                return


def _sheet_title(archive: zipfile.ZipFile, part: str) -> str:
    """The name the officer sees on the tab of a worksheet part (the part's name if unsure)."""
    import xml.etree.ElementTree as ET

    try:
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "").lstrip("/") for r in rels}
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        for sheet in book.iter():
            if sheet.tag.endswith("}sheet"):
                rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
                target = targets.get(rid, "")
                if part.endswith(target.removeprefix("xl/")):
                    return sheet.get("name", part)
    except (KeyError, ET.ParseError):
        pass
    return part


def _find_header(
    ws,
) -> tuple[int, dict[int, str], dict[int, str], list[str]] | _PartialHeader | None:
    """(header row, column → field, birth column → sex, title lines), or what was nearly one."""
    title: list[str] = []
    partial: _PartialHeader | None = None
    rows = ws.iter_rows(min_row=1, max_row=_HEADER_ROWS, max_col=_HEADER_WIDTH, values_only=True)
    previous: tuple | None = None
    for number, values in enumerate(rows, start=1):
        if previous is not None:
            header_row, fields = previous
            sexes = {
                col: sex
                for col, value in enumerate(values)
                if value is not None and (sex := importing.sex_of_column(value))
            }
            name_col = next(c for c, f in fields.items() if f == "full_name")
            first_data = name_col < len(values) and values[name_col] not in (None, "")
            if sexes and "sex" not in fields.values() and not first_data:
                # "Năm sinh" split into "Nam" / "Nữ" sub-columns (the sex is the column);
                # a "Giới tính" column or a name beside means this row is already a child.
                fields = {c: f for c, f in fields.items() if f != "birth"}
                return header_row + 1, fields, sexes, title
            return header_row, fields, {}, title
        fields = {
            col: f
            for col, value in enumerate(values)
            if value is not None and (f := importing.match_header(value))
        }
        if "full_name" in fields.values() and {"birth", "sex"} & set(fields.values()):
            previous = (number, fields)
            continue
        if len(set(fields.values()) - {"stt"}) >= 2 and partial is None:
            partial = _PartialHeader(number, set(fields.values()))
        title += [str(v) for v in values if isinstance(v, str)]
    if previous is not None:  # the header was the last row read
        return previous[0], previous[1], {}, title
    return partial


def read_plan(
    register: Register,
    path: Path,
    mapping: dict[str, str] | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    since: date | None = None,
) -> ImportPlan:
    """Read the file and check every row; writes nothing. `since`: when the circumstances of
    rows without a “Từ ngày” cell began (default today).

    Whatever a damaged or hostile file makes the Excel reader raise becomes `ImportFileError`;
    what `progress` raises (the officer's Cancel) passes through as it is.
    """
    from desktop.db.accounts import IMPORT_REFUSED

    register.require_editor(IMPORT_REFUSED)
    stopped: list[BaseException] = []

    def report(fraction: float, message: str) -> None:
        assert progress is not None  # passed on only when there is one
        try:
            progress(fraction, message)
        except BaseException as exc:
            stopped.append(exc)
            raise

    try:
        return _read_plan(register, path, mapping, today, report if progress else None, since)
    except (ImportFileError, MemoryError, DiskFull):
        raise
    except Exception as exc:  # the reader's errors on a broken file are many and undocumented
        if stopped:
            raise
        raise _refuse(
            path, f"tệp Excel bị hỏng hoặc có nội dung lạ ({exc.__class__.__name__})."
        ) from exc


def _read_plan(
    register: Register,
    path: Path,
    mapping: dict[str, str] | None,
    today: date | None,
    progress: Progress | None,
    since: date | None = None,
) -> ImportPlan:
    today = today or date.today()
    wb, ws, (data_after, fields, birth_sexes, title) = _open_sheet(path)
    years = [int(y) for t in title for y in re.findall(r"\b(20\d\d|19\d\d)\b", t)]
    plan = ImportPlan(
        path=path,
        sheet=ws.title,
        columns={f: _letter(c) for c, f in fields.items()}
        | ({"birth": "+".join(_letter(c) for c in birth_sexes)} if birth_sexes else {}),
        rows=[],
        group_texts={},
        new_villages=[],
        list_year=max(years) if years else None,
        since=min(since or today, today),
    )
    known = register.villages()
    lookups = _Lookups(
        villages={fold(v.name): v.name for v in known},
        village_ids={fold(v.name): v.id for v in known},
        existing=register.duplicate_keys(),
        ethnic_ok=set(reference.ethnic_groups()),
    )
    count = 0
    # Explicit bounds: openpyxl would otherwise trust the size the file states (rows past a
    # wrong size would be dropped) or scan the whole sheet to measure it.
    width = max([*fields, *birth_sexes]) + 1
    rows = ws.iter_rows(
        min_row=data_after + 1, max_row=_EXCEL_ROWS, max_col=width, values_only=True
    )
    for number, values in enumerate(rows, start=data_after + 1):
        # Rows actually read, blank ones included (a gap in the row numbers yields blank
        # rows): whatever the file says of itself, the reading stops here.
        if number > MAX_ROWS + _HEADER_ROWS:
            wb.close()
            raise _too_many_rows(path, ws.title)
        values = tuple(_unescape(v) for v in values)
        row = {f: values[c] if c < len(values) else None for c, f in fields.items()}
        if all(v in (None, "") for v in values):
            continue
        name = normalize_name(str(row.get("full_name") or ""))
        if importing.is_footer(name) and not row.get("stt"):
            break
        count += 1
        if count > MAX_ROWS:
            wb.close()
            raise ImportFileError(
                f"Tệp có hơn {MAX_ROWS:,} dòng dữ liệu; hãy chia nhỏ tệp.".replace(",", ".")
            )
        plan.rows.append(
            _plan_row(number, row, values, birth_sexes, lookups, mapping or {}, plan, today)
        )
        if progress and count % 500 == 0:
            stated = ws.max_row or 0  # what the file says of its size; only for the bar
            progress(min(count / stated, 0.99) if stated else 0.0, f"Đã kiểm tra {count} dòng")
    wb.close()
    return plan


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(value: Any) -> Any:
    """Excel stores characters XML cannot hold (control characters) as _xHHHH_; undo that so
    validation sees them as they are."""
    if isinstance(value, str) and "_x" in value:
        return _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
    return value


def _short(text: str, limit: int = 40) -> str:
    """A cell quoted in a message: long junk is cut so the message stays readable."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


@dataclass
class _Lookups:
    """What every row is checked against, read once per file."""

    villages: dict[str, str]  # folded name → name
    village_ids: dict[str, str]  # folded name → id
    existing: set[tuple[str, int, str | None]]  # children already in the register
    ethnic_ok: set[str]
    seen: dict[tuple[str, int, str], int] = field(default_factory=dict)  # rows of this file


def _plan_row(number, row, values, birth_sexes, lookups: _Lookups, mapping, plan, today) -> RowPlan:
    problems: list[str] = []
    name = normalize_name(str(row.get("full_name") or ""))
    sex = importing.parse_sex(row["sex"]) if row.get("sex") not in (None, "") else None
    raw_birth: Any = row.get("birth")
    for col, col_sex in birth_sexes.items():
        value = values[col] if col < len(values) else None
        if value not in (None, ""):
            raw_birth, sex = value, sex or col_sex
    birth: PartialDate | None = None
    if isinstance(raw_birth, str) and len(raw_birth) > 40:
        problems.append(f"Ngày sinh: “{_short(raw_birth)}” không phải là ngày.")
    elif raw_birth not in (None, ""):
        try:
            birth = importing.parse_birth(raw_birth, today)
        except DateTextError as exc:
            problems.append(f"Ngày sinh: {exc}.")
    ethnic_text = str(row.get("ethnic") or "").strip()
    ethnic = reference.ethnic_code_for(ethnic_text) if ethnic_text else None
    if ethnic_text and ethnic not in lookups.ethnic_ok:
        problems.append(f"Dân tộc: không nhận ra “{_short(ethnic_text)}”.")
    village = normalize_name(str(row.get("village") or ""))
    village_problems = validate_village_name(village) if village else []
    problems += [f"Thôn/bản: {p.message}" for p in village_problems]
    if (
        village
        and not village_problems
        and fold(village) not in lookups.villages
        and village not in plan.new_villages
    ):
        plan.new_villages.append(village)
    group_text = normalize_name(str(row.get("group") or ""))
    group_codes: list[str] = []
    for match in importing.guess_groups(group_text) if group_text else []:
        code = mapping.get(match.text) or match.code
        plan.group_texts.setdefault(match.text, code)
        if code is None:
            problems.append(
                f"Hoàn cảnh: chưa biết “{_short(match.text)}” thuộc nhóm nào (chọn nhóm trong "
                "bước ghép nhóm)."
            )
        elif code not in group_codes:
            group_codes.append(code)
    since, since_problem = _since(row.get("since"), today)
    if since_problem:
        problems.append(since_problem)
    draft = ChildDraft(
        full_name=name,
        sex=sex,
        birth=birth,
        ethnic_code=ethnic,
        personal_id=str(row.get("personal_id") or "").strip() or None,
        caregiver_name=normalize_name(str(row.get("caregiver") or "")),
        notes=str(row.get("notes") or "").strip(),
    )
    shown = {p.split(":")[0] for p in problems}
    for problem in validate_child(
        draft, today=today, ethnic_codes=lookups.ethnic_ok, village_ids=()
    ):
        text = str(problem)
        if text.split(":")[0] not in shown and not (
            problem.field == "birth" and birth is None and "Ngày sinh" in shown
        ):
            problems.append(text)
    if birth is not None and name:
        key = (fold(name), birth.year, fold(village))
        if key in lookups.seen:
            problems.append(
                f"Trùng với dòng {lookups.seen[key]} trong tệp (cùng tên, năm sinh, thôn/bản)."
            )
        else:
            lookups.seen[key] = number
        village_id = lookups.village_ids.get(fold(village)) if village else None
        if village_id and (fold(name), birth.year, village_id) in lookups.existing:
            problems.append("Đã có trong sổ trẻ cùng tên, năm sinh và thôn/bản.")
    if since is not None and birth is not None and since < birth.earliest():
        problems.append(f"Từ ngày: {format_date(since)} là trước ngày sinh của trẻ.")
    return RowPlan(number, name, draft, village, group_text, group_codes, since,
                   [f"{p}" for p in problems])  # fmt: skip


def _since(value: Any, today: date) -> tuple[date | None, str | None]:
    """A row's “Từ ngày” cell: (the date, or None when empty; a problem, if any)."""
    if value in (None, ""):
        return None, None
    if isinstance(value, str) and len(value) > 40:
        return None, f"Từ ngày: “{_short(value)}” không phải là ngày."
    try:
        since = importing.parse_birth(value, today).earliest()
    except DateTextError as exc:
        return None, f"Từ ngày: {exc}."
    if since > today:
        return None, f"Từ ngày: {format_date(since)} là sau ngày hôm nay."
    return since, None


def commit(
    register: Register,
    plan: ImportPlan,
    *,
    skip_invalid: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the planned rows in one transaction; returns how many children were added."""
    today = today or date.today()
    if plan.problems and not skip_invalid:
        raise ImportFileError(
            f"Còn {len(plan.problems)} lỗi trong tệp: sửa tệp hoặc chọn bỏ qua các dòng lỗi."
        )
    rows = plan.valid_rows
    with register.batch():
        _write_rows(register, plan, rows, today, progress)
        # One entry for the whole import, not one per child.
        register.record_event(
            "imported", "child", label=f"{len(rows):,} trẻ em".replace(",", "."),
            detail=plan.path.name,
        )  # fmt: skip
    return len(rows)


def _write_rows(
    register: Register,
    plan: ImportPlan,
    rows: list[RowPlan],
    today: date,
    progress: Progress | None,
) -> None:
    with register.quiet_audit():
        for name in plan.new_villages:
            if register.village_id_by_name(name) is None:
                register.add_village(name)
        village_ids = {fold(v.name): v.id for v in register.villages()}
        for i, row in enumerate(rows, start=1):
            assert row.draft is not None
            row.draft.village_id = village_ids.get(fold(row.village)) if row.village else None
            child_id = register.add_child(row.draft, today=today).created_id
            for code in row.group_codes:  # every group the cell names
                register.add_circumstance(
                    child_id,
                    CircumstanceDraft(
                        "special",
                        code,
                        plan.start_for(row, today),
                        notes=f"Nhập từ tệp {plan.path.name}, dòng {row.row}",
                    ),
                    today=today,
                )
            if progress and i % 200 == 0:
                progress(i / len(rows), f"Đã nhập {i}/{len(rows)} trẻ em")



def write_problems(plan: ImportPlan, path: Path | IO[bytes]) -> None:
    """The problem list as a workbook the officer can print or fix the source file from."""
    wb = Workbook(write_only=True)
    ws = new_sheet(wb, "Lỗi")
    for col, width in zip("ABCD", (8, 28, 70, 20), strict=True):
        ws.column_dimensions[col].width = width
    ws.append([safe(ws, f"CÁC LỖI KHI NHẬP TỆP {plan.path.name}")])
    ws.append([safe(ws, PERSONAL_DATA_NOTE)])
    ws.append([])
    ws.append(["Dòng", "Họ và tên", "Lỗi", "Hoàn cảnh trong tệp"])
    for row in plan.rows:
        for problem in row.problems:
            ws.append([row.row, safe(ws, row.name), safe(ws, problem), safe(ws, row.group_text)])
    xlsx_save(wb, path)
