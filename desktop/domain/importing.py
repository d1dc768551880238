"""Reading registers as officers keep them in Excel: headers, dates, sexes and groups.

Headers come in many spellings (with or without diacritics: "Họ và tên", "Ho ten", "Ngày
tháng năm sinh", "Năm sinh" split into "Nam"/"Nữ" columns …); groups are free text ("KT
nặng", "Mo coi ca cha va me") mapped to the legal letters, which the officer confirms. One cell
may name several groups ("Mồ côi cả cha và mẹ, khuyết tật"): `guess_groups` finds every one,
each with the words that named it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.dates import DateTextError, PartialDate, parse_partial_date
from desktop.domain.names import fold

# Folded header text → field. Longer phrases are tried first.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten tre",
        "ho ten tre",
        "ten tre",
        "ho va ten tre em",
    ),
    "birth": ("ngay sinh", "ngay thang nam sinh", "ngay/thang/nam sinh", "nam sinh", "sinh ngay"),
    "sex": ("gioi tinh", "gioi", "nam/nu"),
    "ethnic": ("dan toc",),
    "village": (
        "thon",
        "ban",
        "to",
        "thon/ban",
        "thon, ban",
        "thon/ban/to",
        "thon/to",
        "thon ban",
        "dia chi",
        "noi o",
    ),
    "group": (
        "hoan canh",
        "hoan canh dac biet",
        "nhom doi tuong",
        "doi tuong",
        "nhom",
        "nhom hoan canh",
        "nhom hcdb",
        "hcdb",
        "hoan canh tre",
    ),
    "caregiver": (
        "nguoi cham soc",
        "ho ten cha/me hoac nguoi cham soc",
        "cha me",
        "ho ten cha me",
        "nguoi nuoi duong",
        "ho ten nguoi cham soc",
        "cha/me",
    ),
    "personal_id": (
        "so dinh danh",
        "ma dinh danh",
        "so dinh danh ca nhan",
        "cccd",
        "ma so dinh danh",
    ),
    "notes": ("ghi chu",),
    # When the circumstance began (otherwise the date the officer chooses for the whole file).
    "since": ("tu ngay", "ngay bat dau", "bat dau tu", "ngay bat dau hoan canh", "tu thang"),
}
FIELD_NAMES = {
    "stt": "STT", "full_name": "Họ và tên", "birth": "Ngày sinh", "sex": "Giới tính",
    "ethnic": "Dân tộc", "village": "Thôn/bản", "group": "Hoàn cảnh", "caregiver": "Người chăm sóc",
    "personal_id": "Số định danh", "notes": "Ghi chú", "since": "Từ ngày",
}  # fmt: skip

_SPACES = re.compile(r"\s+")


def _key(text: object) -> str:
    return _SPACES.sub(" ", fold(str(text))).strip(" .:*")


def match_header(text: object) -> str | None:
    """The field a header cell names, or None."""
    key = _key(text)
    if not key:
        return None
    for field, phrases in HEADER_SYNONYMS.items():
        if key in phrases:
            return field
    for field, phrases in HEADER_SYNONYMS.items():  # "Họ và tên trẻ em (viết hoa)" …
        if any(len(p) > 3 and key.startswith(p) for p in phrases):
            return field
    return None


def sex_of_column(text: object) -> str | None:
    """Sub-headers "Nam"/"Nữ" under a birth column say the child's sex."""
    return {"nam": "M", "nu": "F"}.get(_key(text))


def parse_sex(text: object) -> str | None:
    key = _key(text)
    if key in ("nam", "m", "trai", "male", "1"):
        return "M"
    if key in ("nu", "f", "gai", "female", "0", "2"):
        return "F"
    return None


def parse_birth(value: object, today: date) -> PartialDate:
    """An Excel date, a year number, or text the officer typed (dd/mm/yyyy, d/m/yy, yyyy)."""
    if isinstance(value, datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= int(value) <= 2200:
            return PartialDate(int(value))
        raise DateTextError(f"“{value}” không phải là ngày hay năm sinh")
    return parse_partial_date(str(value), today=today)


# Free-text groups → legal letter, by folded keywords (first match wins; order matters).
GROUP_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("a", ("mo coi ca cha va me", "mo coi ca cha me", "mo coi ca hai", "mo coi cha me")),
    ("b", ("bo roi",)),
    ("c", ("khong noi nuong tua", "khong nguoi nuoi duong")),
    ("d", ("khuyet tat", "kt nang", "kt dac biet nang", "tan tat")),
    ("đ", ("hiv", "aids")),
    ("e", ("vi pham phap luat",)),
    ("g", ("nghien ma tuy", "ma tuy")),
    ("h", ("bo hoc",)),
    ("i", ("bao luc",)),
    ("k", ("boc lot", "lao dong tre em")),
    ("l", ("xam hai tinh duc", "xam hai")),
    ("m", ("mua ban",)),
    ("n", ("benh hiem ngheo", "dieu tri dai ngay", "benh nang")),
    ("o", ("di cu", "lanh nan", "ti nan")),
)
_LETTERS = {"a", "b", "c", "d", "đ", "dd", "e", "g", "h", "i", "k", "l", "m", "n", "o"}


def guess_group(text: object) -> str | None:
    """The legal group a free-text entry most likely means, or None if unsure."""
    raw = str(text).strip().lower().rstrip(".)")
    if raw in _LETTERS:
        return "đ" if raw == "dd" else raw
    key = _key(text)
    for code, keywords in GROUP_RULES:  # whole words: "đi cùng bố" is no "di cư"
        if any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", key) for k in keywords):
            return code
    return None


@dataclass(frozen=True)
class GroupMatch:
    """One group a cell names: the words that name it, as written, and its legal letter
    (None when nothing says which group it is)."""

    text: str
    code: str | None


# What separates the groups a cell lists ("a, d", "Mồ côi cả cha và mẹ; KT nặng", "HIV + bỏ học").
_LIST_SEPARATORS = re.compile(r"[,;+\n]")


def guess_groups(text: object) -> list[GroupMatch]:
    """Every group a cell names, in the order it names them, none dropped.

    "Mồ côi cả cha và mẹ, khuyết tật" → [("Mồ côi cả cha và mẹ", "a"), ("khuyết tật", "d")];
    a part of the list that names two groups without a separator ("khuyết tật và bệnh hiểm
    nghèo") gives each group the words that named it; a part naming none is returned with
    code None, for the officer to map.
    """
    cell = unicodedata.normalize("NFC", str(text)).strip()
    found: list[GroupMatch] = []
    for part in _LIST_SEPARATORS.split(cell):
        part = _SPACES.sub(" ", part).strip(" .")
        if not part:
            continue
        hits = _keyword_hits(part)
        if len({code for _, _, code in hits}) > 1:
            found += [GroupMatch(part[start:end], code) for start, end, code in hits]
        else:
            found.append(GroupMatch(part, guess_group(part)))
    return found


def _keyword_hits(part: str) -> list[tuple[int, int, str]]:
    """(start, end, code) of each group keyword found as whole words in `part`, by position
    in `part` itself (folding keeps one position per character), without overlaps."""
    folded, where = "", []
    for i, ch in enumerate(part):
        piece = " " if ch.isspace() else fold(ch)
        folded += piece
        where += [i] * len(piece)
    hits: list[tuple[int, int, str]] = []
    for code, keywords in GROUP_RULES:
        for keyword in keywords:
            for m in re.finditer(rf"(?<!\w){re.escape(keyword)}(?!\w)", folded):
                start, end = where[m.start()], where[m.end() - 1] + 1
                if not any(s < end and start < e for s, e, _ in hits):
                    hits.append((start, end, code))
    return sorted(hits)


_FOOTERS = ("tong cong", "tong so", "cong", "nguoi lap bieu", "nguoi lap", "thu truong",
            "chu tich", "xac nhan", "ky ten")  # fmt: skip


def is_footer(text: object) -> bool:
    """Rows below the list: totals and signature lines."""
    key = _key(text)
    return any(key == f or key.startswith(f + " ") for f in _FOOTERS)
