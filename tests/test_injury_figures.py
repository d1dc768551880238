"""The tally's injuries and hazard-spot figures, recounted from first principles.

A commune is filled with injuries and hazard spots whose figures are known by hand; each figure
of `figures.compute` is then counted again here, record by record, from what the officer typed
(the injuries list of the register and the spots as entered), with the README's definitions —
never with the code under test. JSON, PDF and Excel carry the same numbers.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.domain import categories as cat
from desktop.domain.dates import PartialDate, age_on
from desktop.domain.injuries import HazardDraft, InjuryDraft
from desktop.domain.periods import parse_period
from desktop.reports import service
from tests.conftest import TODAY, draft, village

BANDS = [(b.code, b.min_age, b.max_age) for b in cat.AGE_BANDS]


@pytest.fixture
def commune(register):
    """Injuries of 2026 and one of 2025, of register children and of children not in it."""
    reg = register
    sin, lao = village(reg, "Sín Chải"), village(reg, "Lao Chải")
    add = lambda name, **kw: reg.add_child(draft(reg, name, **kw), today=TODAY).created_id  # noqa: E731
    mai = add("Đặng Thị Mai", birth=PartialDate(2016, 2, 25))  # F
    dinh = add("Vàng A Dính", sex="M", birth=PartialDate(2023))  # M, born "2023"
    an = add("Nguyễn Văn An", sex="M", birth=PartialDate(2011, 7, 1))  # M

    def hurt(day, cause, severity, place, where=sin, **child):
        return reg.add_injury(InjuryDraft(day, cause, severity, place, where, **child),
                              today=TODAY).created_id  # fmt: skip

    ids = {
        # Mai is 10 on 05/06/2026: drowned in a stream, died
        "mai_drown": hurt(date(2026, 6, 5), "drowning", "death", "river", child_id=mai),
        # Mai again in October (a fall at school, minor): one child, two incidents
        "mai_fall": hurt(date(2026, 10, 2), "fall", "minor", "school", lao, child_id=mai),
        # Dính, born "2023" (counted from 31/12/2023), is 2 on 10/03/2026: burn, severe
        "dinh_burn": hurt(date(2026, 3, 10), "burn", "severe", "home", child_id=dinh),
        # An turns 15 on 01/07/2026, is 14 on 30/06: traffic, severe
        "an_road": hurt(date(2026, 6, 30), "traffic", "severe", "road", child_id=an),
        # A girl not in the register, born 2019 (6 on 31/12/2019 + 6 = 31/12/2025 → 6 in 2026)
        "guest_pond": hurt(date(2026, 7, 14), "drowning", "severe", "pond", lao,
                           child_name="Giàng Thị Súa", child_sex="F", child_birth_year=2019,
                           child_village_id=sin),
        # A boy not in the register, born 2021: drowned in a well, died
        "guest_well": hurt(date(2026, 8, 1), "drowning", "death", "well",
                           child_name="Sùng A Páo", child_sex="M", child_birth_year=2021,
                           child_village_id=lao),
        # Last year: outside every 2026 period
        "old": hurt(date(2025, 12, 31), "fall", "minor", "home", child_id=mai),
        # Entered by mistake, then removed: counts nowhere
        "mistake": hurt(date(2026, 6, 6), "animal", "minor", "other", child_id=dinh),
    }  # fmt: skip
    reg.remove_injury(ids["mistake"], "Nhập nhầm")

    def spot(where, kind, text, measures, found, checked):
        return reg.add_hazard_spot(HazardDraft(where, kind, text, measures, found, checked),
                                   today=TODAY).created_id  # fmt: skip

    spot(sin, "pond", "Ao cá nhà ông Vàng A Chứ", ("sign", "fence"), date(2025, 4, 1),
         date(2026, 5, 10))  # fmt: skip
    spot(sin, "river", "Suối Nậm Cang đoạn qua bản", (), date(2026, 4, 20), date(2026, 4, 20))
    spot(lao, "well", "Giếng chung xóm trên", ("cover",), date(2026, 9, 1), date(2026, 9, 1))
    gone = spot(lao, "pit", "Hố móng nhà văn hóa", (), date(2026, 3, 1), date(2026, 3, 1))
    reg.remove_hazard_spot(gone, "Đã san lấp")
    return ids


def recount_injuries(register, period) -> dict:
    """Every injuries figure, counted again from the injuries as the register lists them."""
    records = [r for r in register.injuries() if period.contains(r.draft.occurred_on)]

    def band(record) -> str | None:
        age = age_on(record.birth, record.draft.occurred_on)
        return next((code for code, low, high in BANDS if low <= age < high), None)

    def sex_key(record) -> str:
        return "male" if record.sex == "M" else "female"

    def bands(items) -> dict[str, int]:
        found = Counter(band(r) for r in items)
        return {code: found[code] for code, _low, _high in BANDS}

    severities = [s.code for s in cat.INJURY_SEVERITIES]
    by_cause = {}
    for cause in [c.code for c in cat.INJURY_CAUSES]:
        mine = [r for r in records if r.draft.cause == cause]
        if not mine:
            continue
        by_cause[cause] = {
            "total": len(mine),
            **{s: sum(r.draft.severity == s for r in mine) for s in severities},
            "male": sum(sex_key(r) == "male" for r in mine),
            "female": sum(sex_key(r) == "female" for r in mine),
            "by_age": bands(mine),
            "by_severity": {
                s: {
                    sex: bands([r for r in mine if r.draft.severity == s and sex_key(r) == sex])
                    for sex in ("male", "female")
                }
                for s in severities
            },
        }
    dead = [r for r in records if r.draft.severity == "death"]
    drowned = [r for r in records if r.draft.cause == "drowning"]
    return {
        "incidents": len(records),
        "children": len({r.draft.child_id or r.id for r in records}),
        "male": sum(sex_key(r) == "male" for r in records),
        "female": sum(sex_key(r) == "female" for r in records),
        "by_age": bands(records),
        "by_severity": {s: sum(r.draft.severity == s for r in records) for s in severities},
        "by_cause": by_cause,
        "by_place": {
            p.code: n
            for p in cat.INJURY_PLACES
            if (n := sum(r.draft.place == p.code for r in records))
        },
        "deaths": {
            "total": len(dead),
            "male": sum(sex_key(r) == "male" for r in dead),
            "female": sum(sex_key(r) == "female" for r in dead),
            "by_age": bands(dead),
            "by_cause": dict(Counter(r.draft.cause for r in dead)),
        },
        "drowning": {
            "incidents": len(drowned),
            "deaths": sum(r.draft.severity == "death" for r in drowned),
            "severe": sum(r.draft.severity == "severe" for r in drowned),
            "minor": sum(r.draft.severity == "minor" for r in drowned),
            "male": sum(sex_key(r) == "male" for r in drowned),
            "female": sum(sex_key(r) == "female" for r in drowned),
            "by_age": bands(drowned),
            "by_place": dict(Counter(r.draft.place for r in drowned)),
        },
    }


def recount_spots(register, period) -> dict:
    spots = [s for s in register.hazard_spots() if s.draft.found_on <= period.end]
    by_village: dict[str, dict[str, int]] = {}
    for s in spots:
        v = by_village.setdefault(s.village, {"total": 0, "without_measures": 0})
        v["total"] += 1
        v["without_measures"] += not s.draft.measures
    return {
        "total": len(spots),
        "by_kind": dict(Counter(s.draft.kind for s in spots)),
        "with_sign": sum("sign" in s.draft.measures for s in spots),
        "with_fence": sum("fence" in s.draft.measures for s in spots),
        "without_measures": sum(not s.draft.measures for s in spots),
        "checked_in_period": sum(period.contains(s.draft.checked_on) for s in spots),
        "by_village": by_village,
    }


@pytest.mark.parametrize("code", ["2026", "2026-H1", "2026-H2", "2026-06", "2026-10", "2025"])
def test_every_injury_and_spot_figure_recounts(register, commune, code):
    period = parse_period(code)
    figures = service.tally(register, period)
    got = {k: v for k, v in figures["injuries"].items() if k != "tt13_note"}
    assert got == recount_injuries(register, period)
    spots = figures["hazard_spots"]
    expected = recount_spots(register, period)
    assert {k: v for k, v in spots.items() if k != "by_kind"} == {
        k: v for k, v in expected.items() if k != "by_kind"
    }
    assert spots["by_kind"] == expected["by_kind"]


def test_the_year_counted_by_hand(register, commune):
    f = service.tally(register, parse_period("2026"))["injuries"]
    # Mai twice, Dính, An, Súa, Páo: 6 incidents of 5 children; the removed one and 2025's left
    assert (f["incidents"], f["children"]) == (6, 5)
    assert (f["male"], f["female"]) == (3, 3)
    assert f["by_severity"] == {"death": 2, "severe": 3, "minor": 1}
    # Dính 2 (0-2); Páo born 2021 → 4 on 01/08/2026 (3-5); Súa 6, Mai 10 twice (6-10); An 14
    assert f["by_age"] == {"0-2": 1, "3-5": 1, "6-10": 3, "11-15": 1}
    assert f["deaths"] == {"total": 2, "male": 1, "female": 1,
                           "by_age": {"0-2": 0, "3-5": 1, "6-10": 1, "11-15": 0},
                           "by_cause": {"drowning": 2}}  # fmt: skip
    assert f["drowning"]["incidents"] == 3 and f["drowning"]["deaths"] == 2
    assert f["drowning"]["by_place"] == {"river": 1, "pond": 1, "well": 1}
    assert f["by_cause"]["drowning"]["by_severity"]["death"]["male"]["3-5"] == 1  # Páo
    assert f["by_cause"]["traffic"]["by_severity"]["severe"]["male"]["11-15"] == 1  # An
    assert "Thông tư 13/2021" in f["tt13_note"]
    spots = service.tally(register, parse_period("2026-06"))["hazard_spots"]
    # Known by 30/06: the pond (sign + fence) and the stream (nothing); the well is found in
    # September; the pit was removed
    assert (spots["total"], spots["with_sign"], spots["with_fence"]) == (2, 1, 1)
    assert spots["without_measures"] == 1 and spots["checked_in_period"] == 0
    assert spots["by_village"] == {"Sín Chải": {"total": 2, "without_measures": 1}}


def test_no_injury_indicator_number_is_claimed(register, commune):
    """Thông tư 13/2021's indicators list keeps its own; injury figures carry no code."""
    figures = service.tally(register, parse_period("2026"))
    keys = [i["key"] for i in figures["indicators"]]
    assert keys == ["children_under_16", "special_children", "special_share_pct",
                    "special_supported", "special_supported_pct", "abused_children"]  # fmt: skip


def test_pdf_json_and_excel_carry_the_same_injury_figures(register, commune, tmp_path):
    period = parse_period("2026")
    figures = service.write_report(register, "annual", period, "json", tmp_path / "t.json")
    data = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert data["injuries"] == figures["injuries"]
    service.write_report(register, "annual", period, "pdf", tmp_path / "t.pdf")
    text = " ".join(
        subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True,
                       text=True, check=True).stdout.split()
    )  # fmt: skip
    for expected in (
        "Tai nạn, thương tích trẻ em trong kỳ: 6 trường hợp (5 trẻ em; nam 3, nữ 3), trong đó "
        "tử vong 2. Đuối nước: 3 trường hợp, tử vong 2, nặng 1, nhẹ 0.",
        "Bảng 5. Tai nạn, thương tích trẻ em theo nguyên nhân, mức độ, giới tính, độ tuổi",
        "Đuối nước 3 2 1 0 1 2 0 1 2 0",  # total, death, severe, minor, M, F, bands
        "Cộng 6 2 3 1 3 3 1 1 3 1",
        "Bảng 6. Trẻ em tử vong do tai nạn, thương tích",
        "Điểm có nguy cơ đuối nước đã rà soát: 3 điểm (có biển cảnh báo 1, có rào chắn 1, chưa "
        "có biện pháp nào 1); kiểm tra trong kỳ: 3 điểm.",
        "Chưa xác nhận chỉ tiêu tai nạn, thương tích, đuối nước nào của Thông tư 13/2021",
    ):  # fmt: skip
        assert expected in text, expected
    service.write_report(register, "annual", period, "xlsx", tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    ws = wb["Tai nạn thương tích"]
    rows = [r for r in ws.iter_rows(values_only=True) if r and r[1]]
    cells = {(r[1], r[2]): r[3:] for r in rows if r[2]}
    # drowning, died: total 2, male 1, female 1; male 3-5 one (Páo), female 6-10 one (Mai)
    assert cells[("Đuối nước", "Tử vong")] == (2, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0)
    totals = {r[1]: r[3:6] for r in rows if not r[2]}
    assert totals["Cộng"] == (6, 3, 3)
    assert totals["Trong đó tử vong"] == (2, 1, 1)
    assert totals["Trong đó đuối nước"] == (3, 1, 2)
    spots = {r[1]: r[2:4] for r in wb["Điểm nguy cơ đuối nước"].iter_rows(values_only=True)
             if r and isinstance(r[0], int)}  # fmt: skip
    assert spots == {"Sín Chải": (2, 1), "Lao Chải": (1, 0)}
