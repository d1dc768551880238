"""The injuries, drowning and hazard-spot part of the printed tally (inside its section II).

`pdf.tally_body` calls `protection_tables` with its own paragraph and table makers, so this
module needs nothing of `pdf` (which imports it) and the figures are `figures.compute`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm

from desktop.domain import categories as cat
from desktop.reports.pdf import NO_ENTRIES

Paragraph = Callable[[str, str], Any]  # pdf.P: text and style name → a flowable
DataTable = Callable[..., Any]  # pdf.data_table(headers, rows, widths)


def _bands() -> list[str]:
    return [b.code for b in cat.AGE_BANDS]


def _counts(numbers: dict[str, int], codes: list[str]) -> list[int]:
    return [numbers.get(code, 0) for code in codes]


def protection_tables(
    figures: dict, P: Paragraph, data_table: DataTable, caption: Callable[[str], str]
) -> list:
    """Injuries by cause × severity × sex × age band, deaths on their own, drowning singled
    out, and the drowning hazard spots; nothing when the figures predate them."""
    injuries, spots = figures.get("injuries"), figures.get("hazard_spots")
    if injuries is None or spots is None:
        return []
    bands = _bands()
    band_heads = [b.replace("-", "–") for b in bands]
    deaths, drowning = injuries["deaths"], injuries["drowning"]
    out = [
        P(
            f"Tai nạn, thương tích trẻ em trong kỳ: {injuries['incidents']} trường hợp "
            f"({injuries['children']} trẻ em; nam {injuries['male']}, nữ {injuries['female']}), "
            f"trong đó tử vong {deaths['total']}. Đuối nước: {drowning['incidents']} trường hợp, "
            f"tử vong {drowning['deaths']}, nặng {drowning['severe']}, nhẹ {drowning['minor']}.",
            "text",
        )
    ]
    rows = []
    for code, c in injuries["by_cause"].items():
        rows.append(
            [cat.label(cat.INJURY_CAUSES, code), c["total"], c["death"], c["severe"], c["minor"],
             c["male"], c["female"], *_counts(c["by_age"], bands)]
        )  # fmt: skip
    sev = injuries["by_severity"]
    rows.append(
        ["Cộng", injuries["incidents"], sev["death"], sev["severe"], sev["minor"],
         injuries["male"], injuries["female"], *_counts(injuries["by_age"], bands)]
    )  # fmt: skip
    out.append(
        P(caption("Tai nạn, thương tích trẻ em theo nguyên nhân, mức độ, giới tính, độ tuổi"),
          "caption")
    )  # fmt: skip
    out.append(
        data_table(
            ["Nguyên nhân", "Tổng", "Tử vong", "Nặng", "Nhẹ", "Nam", "Nữ", *band_heads],
            rows, [26 * mm] + [13.5 * mm] * 6 + [14.5 * mm] * len(bands),
        ) if injuries["incidents"] else P(NO_ENTRIES, "text")
    )  # fmt: skip
    death_rows = []
    for code, c in injuries["by_cause"].items():
        died = c["by_severity"]["death"]
        if c["death"]:
            by_band = [died["male"][b] + died["female"][b] for b in bands]
            death_rows.append(
                [cat.label(cat.INJURY_CAUSES, code), c["death"], sum(died["male"].values()),
                 sum(died["female"].values()), *by_band]
            )  # fmt: skip
    death_rows.append(
        ["Cộng", deaths["total"], deaths["male"], deaths["female"],
         *_counts(deaths["by_age"], bands)]
    )  # fmt: skip
    out.append(P(caption("Trẻ em tử vong do tai nạn, thương tích"), "caption"))
    out.append(
        data_table(["Nguyên nhân", "Tử vong", "Nam", "Nữ", *band_heads], death_rows,
                   [53 * mm] + [14 * mm] * 3 + [17 * mm] * len(bands))
        if deaths["total"] else P(NO_ENTRIES, "text")
    )  # fmt: skip
    places = "; ".join(
        f"{cat.label(cat.INJURY_PLACES, place).lower()} {n}"
        for place, n in drowning["by_place"].items()
    )
    out.append(
        P(
            f"Trẻ em đuối nước: nam {drowning['male']}, nữ {drowning['female']}; theo độ tuổi "
            + ", ".join(f"{b.replace('-', '–')} tuổi: {drowning['by_age'][b]}" for b in bands)
            + (f"; nơi xảy ra: {places}." if places else "."),
            "text",
        )
    )
    out.append(P(injuries["tt13_note"], "text"))
    out.append(
        P(
            f"Điểm có nguy cơ đuối nước đã rà soát: {spots['total']} điểm (có biển cảnh báo "
            f"{spots['with_sign']}, có rào chắn {spots['with_fence']}, chưa có biện pháp nào "
            f"{spots['without_measures']}); kiểm tra trong kỳ: {spots['checked_in_period']} điểm.",
            "text",
        )
    )
    if spots["by_village"]:
        village_rows = [[name, v["total"], v["without_measures"]]
                        for name, v in spots["by_village"].items()]  # fmt: skip
        out.append(P(caption("Điểm có nguy cơ đuối nước theo thôn/bản"), "caption"))
        out.append(
            data_table(["Thôn/bản", "Số điểm", "Chưa có biện pháp"], village_rows,
                       [95 * mm, 30 * mm, 40 * mm])
        )  # fmt: skip
    return out
