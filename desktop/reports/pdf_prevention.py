"""Two printed documents of the injury-prevention work.

- The pre-summer review list of the drowning hazard spots, one village per page (landscape A4),
  with blank columns for the village head to fill in on the walk round.
- The child-friendly commune self-assessment as an administrative document in the layout of
  Nghị định 30/2020/NĐ-CP, for the chair's signature.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from desktop.db.hazards import HazardRecord
from desktop.domain import categories as cat
from desktop.domain.assessment import UNCONFIRMED
from desktop.reports.pdf import P, data_table


def hazard_review_body(records: list[HazardRecord], year: int) -> list:
    """A section per village (each on its own page): the spots, what is there, the last check,
    and empty columns for this review."""
    body: list = []
    by_village = groupby(records, key=lambda r: (r.commune_code, r.village))
    for number, ((_commune, village), spots) in enumerate(by_village):
        if number:
            body.append(PageBreak())
        body.append(P(f"Thôn/bản: {village}", "heading"))
        rows = []
        for i, spot in enumerate(spots, start=1):
            d = spot.draft
            measures = ", ".join(cat.label(cat.HAZARD_MEASURES, m) for m in d.measures)
            rows.append(
                [i, cat.label(cat.HAZARD_KINDS, d.kind), d.description,
                 measures or "Chưa có", f"{d.checked_on:%d/%m/%Y}" if d.checked_on else "",
                 "", ""]
            )  # fmt: skip
        body.append(
            data_table(
                ["STT", "Loại", "Mô tả, vị trí", "Biện pháp đã có", "Kiểm tra gần nhất",
                 f"Rà soát {year} (ngày, hiện trạng)", "Việc cần làm, người phụ trách"],
                rows, [13 * mm, 30 * mm, 60 * mm, 40 * mm, 28 * mm, 43 * mm, 48 * mm],
            )
        )  # fmt: skip
        body.append(Spacer(1, 8 * mm))
        body.append(
            P("Người rà soát: ........................................"
              "          Trưởng thôn/bản: ........................................", "text")
        )  # fmt: skip
    if not body:
        body.append(P("Chưa ghi điểm có nguy cơ đuối nước nào.", "text"))
    return body


def hazard_review_pages() -> tuple[float, float]:
    return landscape(A4)


def assessment_body(document: dict, commune_name: str) -> list:
    """The self-assessment's text and its table of criteria (from the evaluation as data)."""
    year = document["year"]
    body = [
        P(
            f"Căn cứ {document['decision']} của Thủ tướng Chính phủ về tiêu chuẩn xã, phường, "
            "thị trấn phù hợp với trẻ em; theo bộ tiêu chí phiên bản "
            f"{document['criteria_version']}, Ủy ban nhân dân {commune_name} báo cáo kết quả tự "
            f"đánh giá năm {year} như sau:",
            "text",
        ),
        P("I. KẾT QUẢ TỰ ĐÁNH GIÁ THEO TỪNG TIÊU CHÍ", "heading"),
    ]
    rows = []
    for c in document["criteria"]:
        verdict = {True: "Đạt", False: "Chưa đạt", None: "Chưa xác định"}[c["met"]]
        rows.append(
            [c["number"], c["text"], c["rule"], c["value"], c["entry"]["evidence"], verdict]
        )
    body.append(
        data_table(
            ["Số", "Tiêu chí", "Cách xét", "Kết quả", "Minh chứng", "Đánh giá"],
            rows, [10 * mm, 42 * mm, 32 * mm, 31 * mm, 32 * mm, 18 * mm],
        )
    )  # fmt: skip
    met, total = document["met"], document["total"]
    conclusion = (
        "Xã đạt đủ các tiêu chí; đề nghị xem xét công nhận xã phù hợp với trẻ em."
        if document["meets_standard"]
        else "Xã chưa đạt đủ các tiêu chí; tiếp tục thực hiện các giải pháp để đạt chuẩn."
    )
    body += [
        P("II. KẾT LUẬN", "heading"),
        P(f"Tự đánh giá năm {year}: đạt {met}/{total} tiêu chí. {conclusion}", "text"),
    ]
    if any(UNCONFIRMED in c["text"] or UNCONFIRMED in c["rule"] for c in document["criteria"]):
        body.append(
            P(
                f"Ghi chú: nội dung và cách xét đánh dấu “{UNCONFIRMED}” là diễn đạt lại, chưa "
                f"đối chiếu nguyên văn {document['decision']}; kết quả tính theo bộ tiêu chí "
                f"phiên bản {document['criteria_version']}.",
                "text",
            )
        )
    return body


def sent_line(sent_on: date | None) -> str:
    return f"Đã gửi ngày {sent_on:%d/%m/%Y}" if sent_on else ""
