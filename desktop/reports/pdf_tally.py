"""The sections of the tally report (a commune's, or an area's with one row per commune), laid
out by `pdf.build`. The numbers are `figures.compute`'s; nothing is counted here."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm

from desktop import reference
from desktop.domain import categories as cat
from desktop.domain.money import format_percent, format_vnd
from desktop.domain.names import fold
from desktop.reports import pdf_injuries
from desktop.reports.figures import COUNTING_RULES
from desktop.reports.pdf import CONTENT_WIDTH, P, data_table, notes, table_or_none

BANDS = [b.code for b in cat.AGE_BANDS]
BAND_HEADERS = [b.replace("-", "–") for b in BANDS]


def number(value: object) -> str:
    if isinstance(value, float):
        return format_percent(value)
    return "" if value is None else f"{value:,}".replace(",", ".")


def _value(indicator: dict) -> str:
    value = indicator["value"]
    return format_percent(value) if indicator["key"].endswith("_pct") else number(value)


def _group_row(name: str, g: dict) -> list:
    return [name, g["total"], g["male"], g["female"], *[g["by_age"][b] for b in BANDS],
            g["ethnic_minority"]]  # fmt: skip


class Captions:
    """"Bảng 1. …", "Bảng 2. …": tables numbered in the order they are printed (the injury
    tables come and go with the figures' version)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, text: str) -> str:
        self.count += 1
        return f"Bảng {self.count}. {text}"


def tally_body(
    figures: dict,
    label: Callable[[tuple, str], str] = cat.label,
    caption: Captions | None = None,
) -> list:
    """The sections of the tally report, in the order district and province forms use."""
    caption = caption or Captions()
    out: list = []
    kids, special, support, cases = (figures["children_under_16"], figures["special"],
                                     figures["support"], figures["cases"])  # fmt: skip
    out.append(P("I. TÌNH HÌNH TRẺ EM", "heading"))
    out.append(
        P(
            f"Tổng số trẻ em dưới 16 tuổi cuối kỳ: {number(kids['total'])} (nam "
            f"{number(kids['male'])}, nữ {number(kids['female'])}). Trẻ em có hoàn cảnh đặc "
            f"biệt: {number(special['children'])} "
            f"({format_percent(special['share_of_children_pct'])}); trẻ em có nguy cơ rơi vào "
            f"hoàn cảnh đặc biệt: {number(figures['risk']['children'])}.",
            "text",
        )
    )
    out.append(
        P(
            f"Trong kỳ: {number(special['children_entered'])} trẻ em vào danh sách trẻ em có "
            f"hoàn cảnh đặc biệt, {number(special['children_left'])} trẻ em ra khỏi danh sách; "
            f"{number(special['entries'])} trường hợp hoàn cảnh mới bắt đầu, "
            f"{number(special['exits'])} trường hợp kết thúc (thôi hưởng).",
            "text",
        )
    )
    groups = [("Nhóm (Điều 10 Luật Trẻ em)", 1), ("Tổng", 1), ("Giới tính", 2),
              ("Độ tuổi", len(BANDS)), ("DTTS", 1)]  # fmt: skip
    headers = ["Nhóm (Điều 10 Luật Trẻ em)", "Tổng", "Nam", "Nữ", *BAND_HEADERS, "DTTS"]
    numeric = (len(headers) - 1) * [12 * mm]
    widths = [CONTENT_WIDTH - sum(numeric), *numeric]
    rows = [_group_row(f"{code}. {label(cat.SPECIAL_GROUPS, code)}", g)
            for code, g in special["by_group"].items()]  # fmt: skip
    total = _group_row("Cộng (mỗi trẻ một lần)", special["totals"])
    out += table_or_none(caption("Trẻ em có hoàn cảnh đặc biệt theo nhóm, giới tính, độ tuổi"),
                         headers, rows, widths, total=total, groups=groups)  # fmt: skip
    risk = figures["risk"]
    risk_rows = [_group_row(label(cat.DEFAULT_RISK_GROUPS, c), g)
                 for c, g in risk["by_group"].items()]  # fmt: skip
    out += table_or_none(
        caption("Trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt"),
        ["Nhóm nguy cơ", *headers[1:]], risk_rows, widths,
        total=_group_row("Cộng (mỗi trẻ một lần)", risk["totals"]),
        groups=[("Nhóm nguy cơ", 1), *groups[1:]],
    )  # fmt: skip

    out.append(P("II. CÔNG TÁC TRỢ GIÚP, BẢO VỆ TRẺ EM", "heading"))
    out.append(
        P(
            f"Số trẻ em có hoàn cảnh đặc biệt được trợ giúp trong kỳ: "
            f"{number(support['special_supported'])} "
            f"({format_percent(support['special_supported_pct'])}). Tổng kinh phí trợ giúp: "
            f"{format_vnd(support['total_amount_vnd'])}.",
            "text",
        )
    )
    by_type = support["by_type"]
    sup_rows = [[label(cat.SUPPORT_TYPES, t), v["count"], format_vnd(v["amount_vnd"])]
                for t, v in by_type.items()]  # fmt: skip
    out += table_or_none(
        caption("Trợ giúp theo hình thức"), ["Hình thức trợ giúp", "Lượt", "Số tiền"], sup_rows,
        [CONTENT_WIDTH - 65 * mm, 20 * mm, 45 * mm],
        total=["Cộng", sum(v["count"] for v in by_type.values()),
               format_vnd(support["total_amount_vnd"])],
    )  # fmt: skip
    out.append(
        P(
            f"Vụ việc xâm hại, bạo lực, bóc lột, bỏ rơi trẻ em: tiếp nhận trong kỳ "
            f"{number(cases['received'])}, đã đóng {number(cases['closed'])}, đang xử lý cuối "
            f"kỳ {number(cases['open_at_end'])} (quá hạn {number(cases['overdue_at_end'])}); số "
            f"trẻ em bị xâm hại: {number(cases['abused_children'])}.",
            "text",
        )
    )
    case_rows = [[label(cat.CASE_TYPES, t), n] for t, n in cases["by_type"].items()]
    out += table_or_none(
        caption("Vụ việc tiếp nhận trong kỳ theo loại"), ["Loại vụ việc", "Số vụ việc"],
        case_rows, [CONTENT_WIDTH - 30 * mm, 30 * mm], total=["Cộng", cases["received"]],
    )  # fmt: skip
    out += pdf_injuries.protection_tables(
        figures, P, data_table, caption
    )  # injuries, drowning, spots

    acts = figures["activities"]
    out.append(P("III. HOẠT ĐỘNG TRUYỀN THÔNG, TẬP HUẤN", "heading"))
    act_rows = [[label(cat.ACTIVITY_TYPES, t), v["count"], v["participants"],
                 v["special_children"], format_vnd(v["cost_vnd"])]
                for t, v in acts["by_type"].items()]  # fmt: skip
    act_total = ["Cộng", acts["count"], acts["participants"],
                 sum(v["special_children"] for v in acts["by_type"].values()),
                 format_vnd(sum(v["cost_vnd"] for v in acts["by_type"].values()))]  # fmt: skip
    out += table_or_none(
        caption("Hoạt động theo loại"),
        ["Loại hoạt động", "Số hoạt động", "Lượt người tham gia", "Trẻ em HCĐB", "Kinh phí"],
        act_rows, [CONTENT_WIDTH - 104 * mm, 20 * mm, 26 * mm, 22 * mm, 36 * mm], total=act_total,
    )  # fmt: skip
    training = figures["training"]
    people = training["participants"]
    out.append(
        P(
            f"Tập huấn: {number(training['courses'])} lớp, {number(people['total'])} lượt "
            f"người tham gia (nam {number(people['male'])}, nữ {number(people['female'])}).",
            "text",
        )
    )
    role_rows = [[label(cat.TRAINING_ROLES, r), v["male"] + v["female"], v["male"], v["female"]]
                 for r, v in people["by_role"].items()]  # fmt: skip
    out += table_or_none(
        caption("Người tham gia tập huấn theo vai trò"), ["Vai trò", "Tổng", "Nam", "Nữ"],
        role_rows, [CONTENT_WIDTH - 60 * mm, 20 * mm, 20 * mm, 20 * mm],
        total=["Cộng", people["total"], people["male"], people["female"]],
    )  # fmt: skip

    out.append(P("IV. CHỈ TIÊU THỐNG KÊ (Thông tư 13/2021/TT-BLĐTBXH)", "heading"))
    out.append(data_table(["Chỉ tiêu", "Giá trị"],
                          [[i["name"], _value(i)] for i in figures["indicators"]],
                          [CONTENT_WIDTH - 35 * mm, 35 * mm]))  # fmt: skip
    return out


def corrections_body(
    corrections: tuple[str, list[tuple[str, object, object]]] | None, numeral: str = "V"
) -> list:
    """A section correcting the previous report when its figures changed after it was sent."""
    if not corrections or not corrections[1]:
        return []
    label, changes = corrections
    rows = [[name, number(old), number(new)] for name, old, new in changes]
    return [
        P(f"{numeral}. ĐIỀU CHỈNH SỐ LIỆU BÁO CÁO {label.upper()}", "heading"),
        P(
            "Số liệu đã báo cáo kỳ trước được cập nhật sau khi gửi; đề nghị sử dụng số liệu "
            "điều chỉnh dưới đây.",
            "text",
        ),
        data_table(["Chỉ tiêu", "Đã báo cáo", "Điều chỉnh"], rows,
                   [CONTENT_WIDTH - 60 * mm, 30 * mm, 30 * mm]),
    ]  # fmt: skip


COMMUNE_HEADERS = [
    "STT",
    "Xã, phường",
    "Trẻ em dưới 16 tuổi",
    "Trẻ em HCĐB",
    "Tỷ lệ",
    "Được trợ giúp",
    "Trẻ em nguy cơ",
    "Vụ việc",
    "Hoạt động",
    "Lớp tập huấn",
]
COMMUNE_WIDTHS = [9 * mm, 0, 17 * mm, 15 * mm, 14 * mm, 16 * mm, 15 * mm, 14 * mm, 16 * mm,
                  16 * mm]  # fmt: skip
COMMUNE_WIDTHS[1] = CONTENT_WIDTH - sum(COMMUNE_WIDTHS)


def commune_row(f: dict) -> list:
    """One commune's (or the area's) line of the per-commune table."""
    return [f["children_under_16"]["total"], f["special"]["children"],
            format_percent(f["special"]["share_of_children_pct"]),
            f["support"]["special_supported"], f["risk"]["children"], f["cases"]["received"],
            f["activities"]["count"], f["training"]["courses"]]  # fmt: skip


def communes_in_order(tallies: dict) -> list[tuple[str, str, dict]]:
    """(code, name, figures) of every commune, in Vietnamese order of their names."""
    named = []
    for code, f in tallies["communes"].items():
        unit = reference.unit(code)
        named.append((code, unit.name if unit else f["area"]["name"] or code, f))
    return sorted(named, key=lambda item: fold(item[1]))


def area_body(tallies: dict) -> list:
    """The area's document: its tally, then one row per commune and the area total."""
    caption = Captions()
    out = tally_body(tallies["area"], caption=caption)
    rows = [
        [i, name, *commune_row(f)]
        for i, (_code, name, f) in enumerate(communes_in_order(tallies), start=1)
    ]
    out.append(P("V. SỐ LIỆU TỪNG XÃ, PHƯỜNG", "heading"))
    out += table_or_none(
        caption("Số liệu chính của từng xã, phường cuối kỳ"), COMMUNE_HEADERS, rows,
        COMMUNE_WIDTHS, total=["", _whole(tallies["area"]["area"]["name"]),
                               *commune_row(tallies["area"])],
    )  # fmt: skip
    return out


def _whole(name: str) -> str:
    """ "Tỉnh Lào Cai" → "Toàn tỉnh Lào Cai"."""
    return f"Toàn {name[:1].lower()}{name[1:]}" if name else "Toàn địa bàn"


def rules_notes() -> list:
    return notes("Ghi chú — cách tính số liệu:", [text for _key, text in COUNTING_RULES])
