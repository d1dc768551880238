"""The child-friendly commune self-assessment: criteria as data, values from the register,
the officer's entries with evidence, frozen once sent, printed for the chair's signature."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime

import pytest

from desktop import criteria
from desktop.domain.assessment import (
    MEASURE_KEYS,
    UNCONFIRMED,
    CriteriaError,
    parse_criteria,
)
from desktop.domain.dates import PartialDate
from desktop.domain.injuries import InjuryDraft
from desktop.domain.validation import CircumstanceDraft, ValidationError
from desktop.reports import prevention
from tests.conftest import TODAY, draft, village


def shipped() -> dict:
    path = criteria.resources_dir() / criteria.SHIPPED_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_shipped_criteria_say_what_is_not_confirmed(fresh_home):
    active = criteria.active()
    assert active.source.endswith("child_friendly_criteria.json")
    assert [c.number for c in active.criteria] == [str(n) for n in range(1, 14)]
    assert active.decision == "Quyết định 06/2019/QĐ-TTg"
    for c in active.criteria:  # nothing is presented as the decision's own text
        assert not c.text_confirmed and c.display_text().endswith(f"({UNCONFIRMED})")
        assert not c.rule_confirmed and UNCONFIRMED in c.rule_text()
        assert set(c.measures) <= MEASURE_KEYS and c.text_en
    six = active.criterion("6")
    assert six is not None and [d.describe() for d in six.conditions] == [
        "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp ≥ 95%",
        "Tỷ lệ vụ xâm hại tình dục, bỏ rơi, mua bán trẻ em có kế hoạch hỗ trợ ≥ 100%",
    ]


@pytest.mark.bad_input
@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(schema="khác"), "không đúng định dạng sotreem.criteria/1"),
        (lambda d: d.pop("version"), "thiếu “version”"),
        (lambda d: d["criteria"][1].update(number="1"), "số tiêu chí trùng nhau: 1"),
        (lambda d: d["criteria"][1].update(measures=["so_tre_dep"]),
         "tiêu chí 2: không có cách tính “so_tre_dep”"),
        (lambda d: d["criteria"][5]["rule"]["all"].append(
            {"measure": "injury_deaths", "op": ">=", "value": 1}),
         "tiêu chí 6: điều kiện dùng “injury_deaths” không nằm trong “measures”"),
        (lambda d: d["criteria"][6].update(kind="tự nhập"), "tiêu chí 7: “kind” phải là"),
        (lambda d: d["criteria"][5]["rule"]["all"][0].update(value="95%"),
         "tiêu chí 6: “value” phải là số"),
    ],
)  # fmt: skip
def test_a_criteria_file_that_cannot_be_used_is_named(change, message):
    data = shipped()
    change(data)
    with pytest.raises(CriteriaError, match=message):
        parse_criteria(data)


def test_the_province_replaces_the_criteria_file(fresh_home, register, tmp_path):
    own = shipped()
    own["version"] = "Lào Cai 2027"
    own["criteria"] = own["criteria"][:2]
    own["criteria"][0]["text_confirmed"] = True
    folder = tmp_path / "settings"
    folder.mkdir(exist_ok=True)
    (folder / criteria.PROVINCE_FILE).write_text(json.dumps(own), encoding="utf-8")
    state = register.assessment(2026)
    assert state.document["criteria_version"] == "Lào Cai 2027"
    assert [c["text"] for c in state.document["criteria"]] == [
        own["criteria"][0]["text"],  # confirmed: shown as it is
        f"{own['criteria'][1]['text']} ({UNCONFIRMED})",
    ]
    (folder / criteria.PROVINCE_FILE).write_text("{ không phải JSON", encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"tieu-chi-xa-phu-hop-voi-tre-em\.json"):
        register.assessment(2026)


@pytest.fixture
def commune(register):
    """A commune whose measures are counted by hand (the year 2026, assessed on TODAY)."""
    reg = register
    add = lambda name, **kw: reg.add_child(draft(reg, name, **kw), today=TODAY).created_id  # noqa: E731
    ids = {
        # under 6 on 31/12/2026 (born 2021 or later), 3–5: born 2021–2023
        "a": add("Lò Thị A", birth=PartialDate(2022, 3, 1), birth_registered=True,
                 health_insurance=True, schooling="preschool"),
        "b": add("Lò Thị B", birth=PartialDate(2025, 1, 1), birth_registered=False,
                 health_insurance=False),
        "c": add("Lò Văn C", sex="M", birth=PartialDate(2021), birth_registered=True,
                 schooling="none"),
        "d": add("Lò Văn D", sex="M", birth=PartialDate(2012, 1, 1), birth_registered=True),
        # not counted: moved away; already 16 (born 2010) in the register as aged out
        "gone": add("Lò Văn E", sex="M", birth=PartialDate(2020), status="moved",
                    birth_registered=True, health_insurance=True),
        "old": add("Lò Văn G", sex="M", birth=PartialDate(2010, 1, 1), status="aged_out",
                   birth_registered=True),
    }  # fmt: skip
    circ = reg.add_circumstance
    circ(ids["a"], CircumstanceDraft("special", "d", date(2025, 1, 1)), today=TODAY)
    circ(ids["d"], CircumstanceDraft("special", "e", date(2026, 3, 1)), today=TODAY)
    circ(ids["c"], CircumstanceDraft("special", "g", date(2024, 1, 1), date(2025, 12, 31)),
         today=TODAY)  # ended before 2026: not in the year  # fmt: skip
    reg.add_support(ids["a"], "allowance", date(2026, 2, 1), 540_000, "state", today=TODAY)
    plan = reg.open_case(ids["b"], "abandonment", datetime(2026, 5, 2, 8, tzinfo=UTC)).created_id
    reg.complete_case_step(plan, "plan", datetime(2026, 5, 6, 9, tzinfo=UTC))
    reg.open_case(ids["a"], "sexual_abuse", datetime(2026, 7, 1, 8, tzinfo=UTC))  # no plan yet
    reg.open_case(ids["d"], "violence", datetime(2026, 8, 1, 8, tzinfo=UTC))
    reg.open_case(ids["d"], "violence", datetime(2025, 8, 1, 8, tzinfo=UTC))  # last year
    sin = village(reg, "Sín Chải")
    for day, cause, severity in ((date(2026, 6, 1), "drowning", "death"),
                                 (date(2026, 7, 1), "fall", "minor"),
                                 (date(2025, 7, 1), "drowning", "death")):  # fmt: skip
        reg.add_injury(InjuryDraft(day, cause, severity, "river", sin, child_id=ids["d"]),
                       today=TODAY)  # fmt: skip
    return ids


def values_of(state) -> dict[str, tuple[int, int | None]]:
    return {
        v["measure"]: (v["amount"], v["whole"])
        for c in state.document["criteria"]
        for v in c["values"]
    }


def test_the_computed_criteria_counted_by_hand(fresh_home, register, commune):
    values = values_of(register.assessment(2026))
    assert values == {
        "birth_registered_pct": (3, 4),  # A, C, D of A, B, C, D (E moved, G is 16)
        "abused_children": (2, None),  # A (sexual abuse) and D (violence) in 2026
        "law_conflict_children": (1, None),  # D in group e; C's group g ended in 2025
        "injury_incidents": (2, None),
        "injury_deaths": (1, None),
        "drowning_deaths": (1, None),
        "special_supported_pct": (1, 2),  # A supported, D not
        "abuse_plan_pct": (1, 2),  # the abandonment has its plan, the sexual abuse not yet
        "health_insurance_under6_pct": (1, 3),  # A of A, B, C (C born "2021": 5 on 31/12)
        "preschool_pct": (1, 2),  # A of A (4) and C (5); B is 1
    }
    six = next(c for c in register.assessment(2026).document["criteria"] if c["number"] == "6")
    assert six["met"] is False
    assert six["reason"].startswith("chưa đạt: Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp")
    assert six["value"] == (
        "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp: 50% (1/2); "
        "Tỷ lệ vụ xâm hại tình dục, bỏ rơi, mua bán trẻ em có kế hoạch hỗ trợ: 50% (1/2)"
    )


def test_entries_decide_and_the_sent_assessment_is_frozen(fresh_home, register, commune,
                                                          tmp_path):  # fmt: skip
    year = 2026
    with pytest.raises(ValidationError, match=r"còn 12 tiêu chí chưa xác định .*\(1, 2, 3, 4"):
        register.mark_assessment_sent(year, TODAY)
    with pytest.raises(ValidationError, match="tỷ lệ không được quá 100%"):
        register.set_assessment_entry(year, "7", value="120", met=True)
    with pytest.raises(ValidationError, match="không có tiêu chí 99"):
        register.set_assessment_entry(year, "99", met=True)
    for number in ("1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13"):
        register.set_assessment_entry(
            year, number, value="97" if number in ("7", "13") else "", met=number != "8",
            evidence=f"Minh chứng tiêu chí {number}",
        )  # fmt: skip
    register.set_assessment_signer(year, "  Lò Văn   Chủ ")
    state = register.assessment(year)
    assert (state.document["met"], state.document["total"]) == (11, 13)
    assert not state.document["meets_standard"] and not state.frozen
    register.mark_assessment_sent(year, TODAY)
    sent = register.assessment(year)
    assert sent.frozen and sent.sent_on == TODAY and sent.assessment is None
    assert sent.document == {**state.document}
    with pytest.raises(ValidationError, match="đã gửi ngày 25/11/2026: không sửa được nữa"):
        register.set_assessment_entry(year, "8", met=True)
    # later records change the live figures, not the assessment as sent
    register.add_injury(
        InjuryDraft(date(2026, 11, 1), "drowning", "death", "pond", village(register, "Sín Chải"),
                    child_id=commune["a"]), today=TODAY,
    )  # fmt: skip
    assert register.assessment(year).document == sent.document
    [summary] = register.area_assessments(year)
    assert (summary.sent_on, summary.met, summary.total, summary.unmet) == (
        "2026-11-25", 11, 13, ("6", "8"),
    )
    path = tmp_path / "tu-danh-gia.pdf"
    prevention.write_assessment(register, year, path)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                       check=True).stdout.split()
    )  # fmt: skip
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "XÃ BẢN XÈO",
        "Số:", "/BC-UBND", "BÁO CÁO", "Kết quả tự đánh giá xã phù hợp với trẻ em năm 2026",
        "Quyết định 06/2019/QĐ-TTg", "Ủy ban nhân dân xã Bản Xèo",
        "Tự đánh giá năm 2026: đạt 11/13 tiêu chí.", "Xã chưa đạt đủ các tiêu chí",
        "Minh chứng tiêu chí 13", "Chưa đạt", f"({UNCONFIRMED})",
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lò Văn Chủ", "Nơi nhận:", "UBND tỉnh Lào Cai;",
    ):  # fmt: skip
        assert expected in text, expected
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "841.89 pts (A4)" in pages  # portrait
