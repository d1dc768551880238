"""The child-friendly commune self-assessment ("xã, phường, thị trấn phù hợp với trẻ em").

Quyết định 06/2019/QĐ-TTg sets the standard a commune assesses itself against every year. Its
criteria, their wording and their pass rules change with the decisions and differ in practice
between provinces, so they are *data*: a versioned JSON file the province can replace
(`resources/child_friendly_criteria.json`, read by `desktop.criteria`). This module checks
such a file and evaluates a year's assessment against it. Where the exact wording of a
criterion is not known, the file says so (`text_confirmed: false`) and every screen and print
marks it "chưa xác nhận": nothing invented is presented as the decision's text.

A criterion is either *computed* from the register (one or more `MEASURES`, each with its
stated definition) or *entered* by the officer with an evidence note. Its rule decides whether
it is met: `conditions` on its values (every one must hold), or `officer` — the officer states
met or not met, with evidence. No I/O, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.validation import Problem

SCHEMA = "sotreem.criteria/1"
UNCONFIRMED = "chưa xác nhận"


@dataclass(frozen=True)
class Measure:
    """A figure the register computes for a year, with the definition every screen states."""

    key: str
    label: str
    definition: str
    share: bool  # a percentage with its numerator and denominator, or a plain count


MEASURES: tuple[Measure, ...] = (
    Measure(
        "birth_registered_pct",
        "Tỷ lệ trẻ em dưới 16 tuổi đã đăng ký khai sinh",
        "Trẻ em trong sổ dưới 16 tuổi vào cuối năm (trừ chuyển đi, đã mất) được ghi “đã đăng ký "
        "khai sinh”, trên tổng số trẻ em đó.",
        True,
    ),
    Measure(
        "health_insurance_under6_pct",
        "Tỷ lệ trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế",
        "Trẻ em trong sổ dưới 6 tuổi vào cuối năm (trừ chuyển đi, đã mất) được ghi “có thẻ "
        "BHYT”, trên tổng số trẻ em dưới 6 tuổi đó.",
        True,
    ),
    Measure(
        "preschool_pct",
        "Tỷ lệ trẻ em từ 3 đến 5 tuổi đi học mầm non",
        "Trẻ em trong sổ từ 3 đến 5 tuổi vào cuối năm (trừ chuyển đi, đã mất) được ghi học "
        "tập “Mầm non”, trên tổng số trẻ em từ 3 đến 5 tuổi đó.",
        True,
    ),
    Measure(
        "special_supported_pct",
        "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp",
        "Trẻ em có hoàn cảnh đặc biệt vào bất kỳ lúc nào trong năm được ít nhất một lần trợ "
        "giúp trong năm, trên tổng số trẻ em có hoàn cảnh đặc biệt trong năm.",
        True,
    ),
    Measure(
        "abuse_plan_pct",
        "Tỷ lệ vụ xâm hại tình dục, bỏ rơi, mua bán trẻ em có kế hoạch hỗ trợ",
        "Vụ việc xâm hại tình dục, bỏ rơi, mua bán trẻ em tiếp nhận trong năm đã ghi bước “Lập "
        "kế hoạch hỗ trợ, can thiệp” (Mẫu số 04, 05), trên tổng số vụ việc đó.",
        True,
    ),
    Measure(
        "abused_children",
        "Số trẻ em bị xâm hại",
        "Số trẻ em (không tính trùng) trong các vụ bạo lực, xâm hại tình dục, bóc lột, mua bán "
        "tiếp nhận trong năm.",
        False,
    ),
    Measure(
        "law_conflict_children",
        "Số trẻ em vi phạm pháp luật, nghiện ma túy",
        "Số trẻ em thuộc nhóm e (vi phạm pháp luật) hoặc g (nghiện ma túy) vào bất kỳ lúc nào "
        "trong năm.",
        False,
    ),
    Measure(
        "injury_incidents",
        "Số lượt trẻ em bị tai nạn, thương tích",
        "Số trường hợp tai nạn, thương tích trẻ em xảy ra trong năm (mỗi lần một trường hợp).",
        False,
    ),
    Measure(
        "injury_deaths",
        "Số trẻ em tử vong do tai nạn, thương tích",
        "Số trường hợp tai nạn, thương tích xảy ra trong năm có mức độ “Tử vong”.",
        False,
    ),
    Measure(
        "drowning_deaths",
        "Số trẻ em tử vong do đuối nước",
        "Số trường hợp đuối nước xảy ra trong năm có mức độ “Tử vong”.",
        False,
    ),
)
MEASURE_KEYS = frozenset(m.key for m in MEASURES)
ENTERED = "entered"  # the value a condition reads when the criterion is entered by hand

ENTRY_KINDS = ("met", "percent", "number")  # what the officer enters for an entered criterion
OPERATORS = (">=", "<=")


def measure(key: str) -> Measure:
    return next(m for m in MEASURES if m.key == key)


class CriteriaError(ValueError):
    """A criteria file that cannot be used; the message is Vietnamese and names the place."""


@dataclass(frozen=True)
class Condition:
    measure: str  # a key of MEASURES, or ENTERED for the officer's value
    op: str  # ">=" or "<="
    value: float

    def holds(self, amount: float) -> bool:
        return amount >= self.value if self.op == ">=" else amount <= self.value

    def describe(self) -> str:
        name = "kết quả nhập" if self.measure == ENTERED else measure(self.measure).label
        unit = "%" if self.measure == ENTERED or measure(self.measure).share else ""
        number = f"{self.value:g}".replace(".", ",")
        return f"{name} {'≥' if self.op == '>=' else '≤'} {number}{unit}".replace(" %", "%")


@dataclass(frozen=True)
class Criterion:
    number: str
    text: str
    text_en: str
    text_confirmed: bool
    kind: str  # computed | entered
    measures: tuple[str, ...]  # computed: the figures shown (and read by conditions)
    entry: str  # entered: met | percent | number; computed: ""
    conditions: tuple[Condition, ...]  # empty: the officer states met or not
    rule_confirmed: bool

    @property
    def by_officer(self) -> bool:
        return not self.conditions

    def display_text(self) -> str:
        """The wording, marked when it is not the decision's exact text."""
        return self.text if self.text_confirmed else f"{self.text} ({UNCONFIRMED})"

    def rule_text(self) -> str:
        if self.by_officer:
            text = "cán bộ xác định đạt/chưa đạt, kèm minh chứng"
        else:
            text = "; ".join(c.describe() for c in self.conditions)
        return text if self.rule_confirmed else f"{text} ({UNCONFIRMED})"


@dataclass(frozen=True)
class CriteriaSet:
    version: str
    title: str
    decision: str
    note: str
    criteria: tuple[Criterion, ...]
    source: str = ""  # the file it was read from
    title_en: str = ""  # the title and decision in English, when the file gives them
    decision_en: str = ""

    def criterion(self, number: str) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    @property
    def all_confirmed(self) -> bool:
        return all(c.text_confirmed and c.rule_confirmed for c in self.criteria)


def parse_criteria(data: Any, source: str = "") -> CriteriaSet:
    """A criteria file's content, checked; raises CriteriaError naming what is wrong."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CriteriaError(f"tệp tiêu chí không đúng định dạng {SCHEMA}.")
    for key in ("version", "title", "decision"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise CriteriaError(f"tệp tiêu chí thiếu “{key}”.")
    items = data.get("criteria")
    if not isinstance(items, list) or not items:
        raise CriteriaError("tệp tiêu chí không có tiêu chí nào.")
    criteria = [_criterion(item, i) for i, item in enumerate(items, start=1)]
    numbers = [c.number for c in criteria]
    twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if twice:
        raise CriteriaError(f"số tiêu chí trùng nhau: {', '.join(twice)}.")
    return CriteriaSet(
        data["version"].strip(), data["title"].strip(), data["decision"].strip(),
        str(data.get("note", "")), tuple(criteria), source, str(data.get("title_en", "")).strip(),
        str(data.get("decision_en", "")).strip(),
    )  # fmt: skip


def _criterion(item: Any, position: int) -> Criterion:
    where = f"tiêu chí thứ {position}"
    if not isinstance(item, dict):
        raise CriteriaError(f"{where} không phải một đối tượng JSON.")
    number = str(item.get("number", "")).strip()
    if not number:
        raise CriteriaError(f"{where} thiếu số thứ tự (“number”).")
    where = f"tiêu chí {number}"
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CriteriaError(f"{where} thiếu nội dung (“text”).")
    kind = item.get("kind")
    if kind not in ("computed", "entered"):
        raise CriteriaError(f"{where}: “kind” phải là “computed” hoặc “entered”.")
    measures: tuple[str, ...] = ()
    entry = ""
    if kind == "computed":
        raw = item.get("measures")
        if not isinstance(raw, list) or not raw:
            raise CriteriaError(f"{where}: tiêu chí tính từ sổ cần “measures”.")
        unknown = [m for m in raw if m not in MEASURE_KEYS]
        if unknown:
            raise CriteriaError(f"{where}: không có cách tính “{unknown[0]}”.")
        measures = tuple(raw)
    else:
        entry = item.get("entry", "met")
        if entry not in ENTRY_KINDS:
            raise CriteriaError(f"{where}: “entry” phải là một trong {', '.join(ENTRY_KINDS)}.")
    rule = item.get("rule", {"kind": "officer"})
    if not isinstance(rule, dict) or rule.get("kind") not in ("officer", "conditions"):
        raise CriteriaError(f"{where}: “rule.kind” phải là “officer” hoặc “conditions”.")
    conditions: tuple[Condition, ...] = ()
    if rule["kind"] == "conditions":
        conditions = tuple(_condition(c, where, measures, entry) for c in rule.get("all", []))
        if not conditions:
            raise CriteriaError(f"{where}: “rule.all” cần ít nhất một điều kiện.")
    return Criterion(
        number=number,
        text=text.strip(),
        text_en=str(item.get("text_en", "")).strip(),
        text_confirmed=item.get("text_confirmed") is True,
        kind=kind,
        measures=measures,
        entry=entry,
        conditions=conditions,
        rule_confirmed=rule.get("confirmed") is True,
    )


def _condition(raw: Any, where: str, measures: Sequence[str], entry: str) -> Condition:
    if not isinstance(raw, dict):
        raise CriteriaError(f"{where}: điều kiện không phải một đối tượng JSON.")
    key = raw.get("measure", ENTERED)
    if key == ENTERED:
        if entry not in ("percent", "number"):
            raise CriteriaError(f"{where}: điều kiện trên kết quả nhập cần “entry” là số.")
    elif key not in measures:
        raise CriteriaError(f"{where}: điều kiện dùng “{key}” không nằm trong “measures”.")
    op, value = raw.get("op"), raw.get("value")
    if op not in OPERATORS:
        raise CriteriaError(f"{where}: “op” phải là “>=” hoặc “<=”.")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CriteriaError(f"{where}: “value” phải là số.")
    return Condition(key, op, float(value))


# ---- one year's assessment -------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A computed figure: a count, or a share with its numerator and denominator."""

    measure: str
    amount: int  # the count, or the numerator of a share
    whole: int | None = None  # the denominator of a share

    @property
    def percent(self) -> float | None:
        """The share in percent, one decimal (None when nothing to divide by)."""
        if self.whole is None:
            return float(self.amount)
        return round(100 * self.amount / self.whole, 1) if self.whole else None

    def text(self) -> str:
        if self.whole is None:
            return f"{self.amount:,}".replace(",", ".")
        if not self.whole:
            return "không có trường hợp nào (không áp dụng)"
        pct = f"{self.percent:g}".replace(".", ",")
        return f"{pct}% ({self.amount}/{self.whole})"


@dataclass(frozen=True)
class Entry:
    """What the officer wrote for a criterion: a value (entered kinds), met or not (rules the
    officer decides), and the evidence."""

    value: str = ""
    met: bool | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Result:
    criterion: Criterion
    values: tuple[Value, ...]
    entry: Entry
    met: bool | None  # None: not decided yet (nothing entered)
    reason: str

    def value_text(self) -> str:
        if self.criterion.kind == "computed":
            return "; ".join(f"{measure(v.measure).label}: {v.text()}" for v in self.values)
        if self.criterion.entry == "met":
            return ""
        if not self.entry.value:
            return ""
        return self.entry.value + ("%" if self.criterion.entry == "percent" else "")


@dataclass(frozen=True)
class Assessment:
    year: int
    criteria: CriteriaSet
    results: tuple[Result, ...]

    @property
    def met(self) -> int:
        return sum(r.met is True for r in self.results)

    @property
    def undecided(self) -> int:
        return sum(r.met is None for r in self.results)

    @property
    def meets_standard(self) -> bool:
        """Every criterion met (how the file's criteria combine is unconfirmed: see README)."""
        return all(r.met is True for r in self.results)


def entered_number(text: str) -> float | None:
    """ "95", "95,5", "95.5 %" → 95.5; None when empty; raises ValueError otherwise."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    if not cleaned:
        return None
    return float(cleaned)


def entry_problems(criterion: Criterion, entry: Entry) -> list[Problem]:
    problems: list[Problem] = []
    if criterion.kind == "entered" and criterion.entry in ("percent", "number") and entry.value:
        try:
            number = entered_number(entry.value)
        except ValueError:
            problems.append(Problem("value", f"“{entry.value}” không phải là số."))
        else:
            if number is not None and number < 0:
                problems.append(Problem("value", "không được âm."))
            elif number is not None and criterion.entry == "percent" and number > 100:
                problems.append(Problem("value", "tỷ lệ không được quá 100%."))
    if len(entry.evidence) > 4000:
        problems.append(Problem("evidence", f"dài {len(entry.evidence)} ký tự, tối đa 4000."))
    if len(entry.value) > 100:
        problems.append(Problem("value", "dài quá 100 ký tự."))
    return problems


def evaluate(
    year: int,
    criteria: CriteriaSet,
    values: Mapping[str, Value],
    entries: Mapping[str, Entry],
) -> Assessment:
    """Every criterion with its values, the officer's entry and whether it is met."""
    results = []
    for c in criteria.criteria:
        entry = entries.get(c.number, Entry())
        shown = tuple(values[m] for m in c.measures if m in values)
        met, reason = _decide(c, shown, entry)
        results.append(Result(c, shown, entry, met, reason))
    return Assessment(year, criteria, tuple(results))


def _decide(c: Criterion, shown: tuple[Value, ...], entry: Entry) -> tuple[bool | None, str]:
    if c.by_officer:
        if entry.met is None:
            return None, "chưa xác định"
        return entry.met, "cán bộ xác định"
    by_key = {v.measure: v for v in shown}
    failed = []
    for condition in c.conditions:
        if condition.measure == ENTERED:
            try:
                amount = entered_number(entry.value)
            except ValueError:
                amount = None
            if amount is None:
                return None, "chưa nhập kết quả"
        else:
            value = by_key.get(condition.measure)
            amount = value.percent if value is not None else None
            if amount is None:
                continue  # a share of nobody: the condition does not apply
        if not condition.holds(amount):
            failed.append(condition.describe())
    if failed:
        return False, "chưa đạt: " + "; ".join(failed)
    return True, "đạt theo điều kiện"


# ---- the frozen copy sent upward ---------------------------------------------------------------


def snapshot(assessment: Assessment) -> dict[str, Any]:
    """The assessment as sent: wording, values, entries and results, frozen as JSON data."""
    cs = assessment.criteria
    return {
        "schema": "sotreem.assessment/1",
        "year": assessment.year,
        "criteria_version": cs.version,
        "title": cs.title,
        "decision": cs.decision,
        "met": assessment.met,
        "total": len(assessment.results),
        "meets_standard": assessment.meets_standard,
        "criteria": [
            {
                "number": r.criterion.number,
                "text": r.criterion.display_text(),
                "kind": r.criterion.kind,
                "rule": r.criterion.rule_text(),
                "value": r.value_text(),
                "values": [
                    {"measure": v.measure, "amount": v.amount, "whole": v.whole} for v in r.values
                ],
                "entry": {"value": r.entry.value, "met": r.entry.met,
                          "evidence": r.entry.evidence},
                "met": r.met,
                "reason": r.reason,
            }
            for r in assessment.results
        ],
    }  # fmt: skip


@dataclass(frozen=True)
class SentSummary:
    """What a province list shows of one commune's assessment."""

    commune_code: str
    year: int
    sent_on: str | None  # ISO date; None: not sent yet
    met: int
    total: int
    meets_standard: bool
    criteria_version: str = ""
    unmet: tuple[str, ...] = field(default=())  # numbers of the criteria not (yet) met
