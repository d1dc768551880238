"""The figures of a report, computed once for PDF, Excel, JSON and the screen.

Figures for a period are taken as of the period's end from the histories (circumstances,
supports, cases, activities, courses carry their own dates), so correcting something that
started later never changes an earlier month. The area is a set of commune codes: one commune
on the desktop, every commune beneath a unit on the server.

Every counting rule is stated once, in `COUNTING_RULES`, in the words the PDF's footnote, the
Excel report's notes and the README use; the tests name the rule they check.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, text

from desktop.domain import categories as cat
from desktop.domain.cases import overdue_steps
from desktop.domain.dates import PartialDate, age_on
from desktop.domain.names import sort_key
from desktop.domain.periods import Period
from desktop.domain.vntime import VIETNAM_TZ

SCHEMA = "sotreem.tally/1"
KINH = "01"

# Indicator names of Thông tư 13/2021/TT-BLĐTBXH (child protection group) that the app computes.
INDICATORS = {
    "children_under_16": "Số trẻ em (dưới 16 tuổi)",
    "special_children": "Số trẻ em có hoàn cảnh đặc biệt",
    "special_share_pct": "Tỷ lệ trẻ em có hoàn cảnh đặc biệt (%)",
    "special_supported": "Số trẻ em có hoàn cảnh đặc biệt được trợ giúp",
    "special_supported_pct": "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp (%)",
    "abused_children": "Số trẻ em bị xâm hại (chỉ tiêu 0101)",
}
ABUSE_CASE_TYPES = ("violence", "sexual_abuse", "exploitation", "trafficking")
# Injury figures that Thông tư 13/2021/TT-BLĐTBXH defines as indicators: key of `injuries` →
# the indicator's name as the circular writes it. Empty: no injury indicator of the circular
# is confirmed here, so none is claimed (README, "The tally JSON"); add one only with its text.
TT13_INJURY_INDICATORS: dict[str, str] = {}
TT13_INJURY_NOTE = (
    "Chưa xác nhận chỉ tiêu tai nạn, thương tích, đuối nước nào của Thông tư 13/2021/"
    "TT-BLĐTBXH: số liệu mục này tính theo định nghĩa của ứng dụng, chưa gắn mã chỉ tiêu."
)


# The rules behind the figures, in Vietnamese, for the documents (PDF footnote, Excel notes).
COUNTING_RULES: tuple[tuple[str, str], ...] = (
    ("period_end",
     "Số liệu cuối kỳ tính tại ngày cuối cùng của kỳ, theo lịch sử hoàn cảnh, trợ giúp, vụ "
     "việc, hoạt động, tập huấn; việc bắt đầu sau ngày đó (kể cả nhập hay sửa muộn) không làm "
     "đổi số liệu kỳ đó."),
    ("end_day_counts",
     "Ngày kết thúc của một hoàn cảnh là ngày cuối cùng trẻ còn thuộc nhóm: hoàn cảnh kết thúc "
     "đúng ngày cuối kỳ vẫn được tính trong số cuối kỳ và cũng là một trường hợp thôi hưởng của "
     "kỳ; trẻ đó ra khỏi danh sách ở kỳ sau."),
    ("partial_birth_born",
     "Trẻ chỉ biết năm sinh (hoặc tháng và năm sinh) được coi là đã sinh từ ngày sớm nhất có "
     "thể: ngày 01/01 của năm (hoặc ngày 01 của tháng)."),
    ("partial_birth_age",
     "Tuổi và nhóm tuổi tính từ ngày sinh muộn nhất có thể: ngày 31/12 của năm (hoặc ngày cuối "
     "tháng); trẻ chỉ thôi được tính là trẻ em khi chắc chắn đã đủ 16 tuổi."),
    ("moved_deceased",
     "Trẻ đã chuyển đi hoặc đã mất không được tính ở mọi kỳ, kể cả kỳ trước ngày chuyển đi "
     "hay ngày mất (sổ chưa ghi ngày của hai tình trạng này)."),
    ("ethnic_minority",
     "Dân tộc thiểu số (DTTS): mọi dân tộc trừ dân tộc Kinh (mã 01); trẻ chưa ghi dân tộc "
     "không được tính là DTTS."),
    ("groups_and_total",
     "Trẻ thuộc nhiều nhóm được đếm ở mỗi nhóm; dòng Cộng đếm mỗi trẻ một lần, nên nhỏ hơn "
     "hoặc bằng tổng các dòng."),
    ("entries_exits",
     "Trường hợp mới, trường hợp thôi hưởng đếm hoàn cảnh (một trẻ có thể có nhiều): hoàn "
     "cảnh có ngày bắt đầu, ngày kết thúc trong kỳ. Trẻ vào, ra khỏi danh sách đếm trẻ em: có "
     "trong danh sách cuối kỳ mà không có ở cuối kỳ trước, hoặc ngược lại (ra khỏi danh sách vì "
     "hết hoàn cảnh, đủ 16 tuổi, chuyển đi hoặc đã mất)."),
    ("supported",
     "Trẻ có hoàn cảnh đặc biệt được trợ giúp: trẻ trong danh sách cuối kỳ có ít nhất một lần "
     "trợ giúp ghi ngày trong kỳ; tỷ lệ so với số trẻ trong danh sách cuối kỳ."),
    ("cases",
     "Vụ việc tính theo thời điểm nhận tin (giờ Việt Nam); đang xử lý cuối kỳ: chưa đóng đến "
     "ngày cuối kỳ; quá hạn: có bước chưa làm đã quá hạn theo Nghị định 56/2017/NĐ-CP. Trẻ bị "
     "xâm hại (chỉ tiêu 0101): trẻ của vụ việc bạo lực, xâm hại tình dục, bóc lột, mua bán "
     "tiếp nhận trong kỳ, mỗi trẻ một lần."),
    ("activities_training",
     "Hoạt động và lớp tập huấn tính theo ngày bắt đầu trong kỳ; người tham gia là lượt "
     "người."),
)  # fmt: skip


@dataclass(frozen=True)
class Area:
    codes: tuple[str, ...]
    name: str


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _in(codes: tuple[str, ...]) -> str:
    return ",".join(f"'{c}'" for c in codes if c.isalnum())  # codes are digits


def compute(conn: Connection, area: Area, period: Period, now: datetime | None = None) -> dict:
    """Every figure of the report, as plain JSON-ready data."""
    now = now or datetime.now(UTC)
    end_moment = datetime.combine(period.end, time(23, 59, 59), VIETNAM_TZ)
    as_of = min(now, end_moment)
    codes = _in(area.codes)
    p = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    children = _children(conn, codes, period.end)
    before = _children(conn, codes, period.start - timedelta(days=1))
    special = _circumstances(conn, codes, period, "special", children, before)
    risk = _circumstances(conn, codes, period, "risk", children, before)
    support = _support(conn, codes, p, set(special["child_ids"]))
    cases = _cases(conn, codes, period, as_of)
    figures: dict[str, Any] = {
        "schema": SCHEMA,
        "period": {
            "code": period.code,
            "kind": period.kind,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "area": {"codes": list(area.codes), "name": area.name},
        "generated_at": now.isoformat(timespec="seconds"),
        "children_under_16": children["totals"],
        "special": _without_ids(special)
        | {"share_of_children_pct": _pct(special["children"], children["totals"]["total"])},
        "risk": _without_ids(risk),
        "support": support,
        "cases": cases,
        "activities": _activities(conn, codes, p),
        "training": _training(conn, codes, p),
        "injuries": _injuries(conn, codes, p),
        "hazard_spots": _hazard_spots(conn, codes, period),
    }
    figures["indicators"] = [
        {"key": key, "name": name, "value": value}
        for key, name, value in (
            ("children_under_16", INDICATORS["children_under_16"], children["totals"]["total"]),
            ("special_children", INDICATORS["special_children"], special["children"]),
            (
                "special_share_pct",
                INDICATORS["special_share_pct"],
                figures["special"]["share_of_children_pct"],
            ),
            ("special_supported", INDICATORS["special_supported"], support["special_supported"]),
            (
                "special_supported_pct",
                INDICATORS["special_supported_pct"],
                support["special_supported_pct"],
            ),
            ("abused_children", INDICATORS["abused_children"], cases["abused_children"]),
        )
    ] + [
        {"key": key, "name": name, "value": figures["injuries"][key]}
        for key, name in TT13_INJURY_INDICATORS.items()
    ]
    return figures


def _without_ids(section: dict) -> dict:
    return {k: v for k, v in section.items() if k != "child_ids"}


def _children(conn: Connection, codes: str, on: date) -> dict:
    """Children under 16 on `on`: born by then (earliest possible day) and not yet certainly 16
    (latest possible day); moved or deceased children are left out."""
    sixteen_before = (
        on.replace(year=on.year - 16)
        if not (on.month == 2 and on.day == 29)
        else date(on.year - 16, 2, 28)
    )
    rows = conn.execute(
        text(
            f"""SELECT id, sex, birth_year, birth_month, birth_day, ethnic_code FROM child
            WHERE commune_code IN ({codes}) AND deleted = 0
              AND status NOT IN ('moved', 'deceased')
              AND birth_latest > :sixteen_before
              AND printf('%04d-%02d-%02d', birth_year, COALESCE(birth_month, 1),
                         COALESCE(birth_day, 1)) <= :end"""
        ),
        {"sixteen_before": sixteen_before.isoformat(), "end": on.isoformat()},
    ).all()
    info = {r[0]: (r[1], PartialDate(r[2], r[3], r[4]), r[5]) for r in rows}
    sexes = Counter(r[1] for r in rows)
    return {
        "info": info,
        "totals": {"total": len(rows), "male": sexes["M"], "female": sexes["F"]},
    }


def _age_band(birth: PartialDate, on: date) -> str:
    age = age_on(birth, on)
    return next((b.code for b in cat.AGE_BANDS if b.min_age <= age < b.max_age), "16+")


def _tally_row() -> dict[str, Any]:
    return {"total": 0, "male": 0, "female": 0, "ethnic_minority": 0,
            "by_age": {b.code: 0 for b in cat.AGE_BANDS}}  # fmt: skip


def _count(row: dict[str, Any], sex: str, birth: PartialDate, ethnic: str | None, on: date) -> None:
    row["total"] += 1
    row["male" if sex == "M" else "female"] += 1
    row["ethnic_minority"] += int(ethnic is not None and ethnic != KINH)
    band = _age_band(birth, on)
    if band in row["by_age"]:
        row["by_age"][band] += 1


def _on_list(rows: Sequence[Any], info: dict, on: date) -> dict[str, list[str]]:
    """{child id: groups} of the children on the list at the end of day `on`: a circumstance
    begun by then and not ended before it, of a child counted on that day."""
    active: dict[str, list[str]] = {}
    for child_id, group, start, end in rows:
        if start > on.isoformat() or (end is not None and end < on.isoformat()):
            continue
        if child_id in info:
            active.setdefault(child_id, []).append(group)
    return active


def _circumstances(
    conn: Connection, codes: str, period: Period, kind: str, children: dict, before: dict
) -> dict:
    """The children on the list at the period's end by group, and what changed in the period:
    circumstances begun and ended (`entries`, `exits`), children who came onto the list and
    left it since the end of the previous period (`children_entered`, `children_left`)."""
    rows = conn.execute(
        text(
            f"""SELECT child_id, group_code, start_date, end_date FROM circumstance
            WHERE commune_code IN ({codes}) AND deleted = 0 AND kind = :kind
              AND start_date <= :end"""
        ),
        {"kind": kind, "end": period.end.isoformat()},
    ).all()
    entries = sum(period.contains(date.fromisoformat(r[2])) for r in rows)
    exits = sum(r[3] is not None and period.contains(date.fromisoformat(r[3])) for r in rows)
    active = _on_list(rows, children["info"], period.end)
    earlier = _on_list(rows, before["info"], period.start - timedelta(days=1))
    groups: dict[str, dict[str, Any]] = {}
    totals = _tally_row()
    for child_id, child_groups in active.items():
        sex, birth, ethnic = children["info"][child_id]
        _count(totals, sex, birth, ethnic, period.end)
        for group in dict.fromkeys(child_groups):
            _count(groups.setdefault(group, _tally_row()), sex, birth, ethnic, period.end)
    order = [c.code for c in (cat.SPECIAL_GROUPS if kind == "special" else cat.DEFAULT_RISK_GROUPS)]
    return {
        "children": len(active),
        "child_ids": sorted(active),
        "totals": totals,
        "by_group": {code: groups[code] for code in order if code in groups}
        | {code: v for code, v in groups.items() if code not in order},
        "entries": entries,
        "exits": exits,
        "children_entered": len(active.keys() - earlier.keys()),
        "children_left": len(earlier.keys() - active.keys()),
    }


def _support(conn: Connection, codes: str, p: dict, special_ids: set[str]) -> dict:
    rows = conn.execute(
        text(
            f"""SELECT child_id, support_type, COALESCE(amount_vnd, 0) FROM support
            WHERE commune_code IN ({codes}) AND deleted = 0
              AND given_on BETWEEN :start AND :end"""
        ),
        p,
    ).all()
    by_type: dict[str, dict[str, int]] = {}
    for _child, kind, amount in rows:
        t = by_type.setdefault(kind, {"count": 0, "amount_vnd": 0})
        t["count"] += 1
        t["amount_vnd"] += amount
    supported = {child for child, _k, _a in rows} & special_ids
    return {
        "children_supported": len({child for child, _k, _a in rows}),
        "special_supported": len(supported),
        "special_supported_pct": _pct(len(supported), len(special_ids)),
        "by_type": by_type,
        "total_amount_vnd": sum(t["amount_vnd"] for t in by_type.values()),
    }


def _cases(conn: Connection, codes: str, period: Period, as_of: datetime) -> dict:
    start_moment = datetime.combine(period.start, time(0), VIETNAM_TZ).astimezone(UTC)
    cases = conn.execute(
        text(
            f"""SELECT id, child_id, case_type, received_at, status, closed_on
            FROM protectioncase WHERE commune_code IN ({codes}) AND deleted = 0"""
        )
    ).all()
    steps: defaultdict[str, dict[str, datetime]] = defaultdict(dict)
    for case_id, step, done_at in conn.execute(
        text(
            f"""SELECT case_id, step, done_at FROM casestep
            WHERE commune_code IN ({codes}) AND deleted = 0 AND done_at IS NOT NULL"""
        )
    ):
        steps[case_id][step] = _aware(done_at)
    received = open_at_end = closed = overdue = 0
    by_type: Counter[str] = Counter()
    abused: set[str] = set()
    for case_id, child_id, case_type, received_at, _status, closed_on in cases:
        got = _aware(received_at)
        if got > as_of:
            continue
        done = {s: t for s, t in steps[case_id].items() if t <= as_of}
        closed_by_end = closed_on is not None and date.fromisoformat(closed_on) <= as_of.date()
        if got >= start_moment:
            received += 1
            by_type[case_type] += 1
            if case_type in ABUSE_CASE_TYPES:
                abused.add(child_id)
        if closed_by_end and date.fromisoformat(closed_on) >= start_moment.date():
            closed += 1
        if not closed_by_end:
            open_at_end += 1
            if [s for s in overdue_steps(got, done, as_of) if s not in done]:
                overdue += 1
    return {
        "received": received,
        "open_at_end": open_at_end,
        "closed": closed,
        "overdue_at_end": overdue,
        "by_type": dict(by_type),
        "abused_children": len(abused),
    }


def _aware(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _activities(conn: Connection, codes: str, p: dict) -> dict:
    rows = conn.execute(
        text(
            f"""SELECT activity_type, COUNT(*), SUM(adult_male), SUM(adult_female),
                   SUM(child_male), SUM(child_female), SUM(special_children),
                   SUM(COALESCE(cost_vnd, 0))
            FROM activity WHERE commune_code IN ({codes}) AND deleted = 0
              AND start_date BETWEEN :start AND :end GROUP BY activity_type"""
        ),
        p,
    ).all()
    by_type = {
        r[0]: {
            "count": r[1],
            "adult_male": r[2],
            "adult_female": r[3],
            "child_male": r[4],
            "child_female": r[5],
            "participants": r[2] + r[3] + r[4] + r[5],
            "special_children": r[6],
            "cost_vnd": r[7],
        }
        for r in rows
    }
    return {
        "count": sum(t["count"] for t in by_type.values()),
        "participants": sum(t["participants"] for t in by_type.values()),
        "by_type": by_type,
    }


def _training(conn: Connection, codes: str, p: dict) -> dict:
    courses = conn.execute(
        text(
            f"""SELECT COUNT(*) FROM trainingcourse WHERE commune_code IN ({codes})
            AND deleted = 0 AND start_date BETWEEN :start AND :end"""
        ),
        p,
    ).scalar_one()
    rows = conn.execute(
        text(
            f"""SELECT tp.role, tp.sex, SUM(tp.count) FROM trainingparticipant tp
            JOIN trainingcourse tc ON tc.id = tp.course_id
            WHERE tc.commune_code IN ({codes}) AND tc.deleted = 0 AND tp.deleted = 0
              AND tc.start_date BETWEEN :start AND :end GROUP BY tp.role, tp.sex"""
        ),
        p,
    ).all()
    by_role: dict[str, dict[str, int]] = {}
    for role, sex, count in rows:
        r = by_role.setdefault(role, {"male": 0, "female": 0})
        r["male" if sex == "M" else "female"] += count
    male = sum(r["male"] for r in by_role.values())
    female = sum(r["female"] for r in by_role.values())
    return {
        "courses": courses,
        "participants": {"total": male + female, "male": male, "female": female,
                         "by_role": by_role},
    }  # fmt: skip


def _band_counts() -> dict[str, int]:
    return {b.code: 0 for b in cat.AGE_BANDS}


def _injuries(conn: Connection, codes: str, p: dict) -> dict:
    """Injuries whose incident falls in the period, by cause × severity × sex × age band at the
    incident; deaths on their own; drowning singled out. A child of the register is counted
    with its sex and birth date; a child not in it with those written on the record."""
    rows = conn.execute(
        text(
            f"""SELECT i.id, i.child_id, i.cause, i.severity, i.place, i.occurred_on,
                   COALESCE(c.sex, i.child_sex), COALESCE(c.birth_year, i.child_birth_year),
                   c.birth_month, c.birth_day
            FROM injury i LEFT JOIN child c ON c.id = i.child_id
            WHERE i.commune_code IN ({codes}) AND i.deleted = 0
              AND i.occurred_on BETWEEN :start AND :end"""
        ),
        p,
    ).all()
    severities = [s.code for s in cat.INJURY_SEVERITIES]
    by_cause: dict[str, dict[str, Any]] = {}
    by_place: Counter[str] = Counter()
    sexes: Counter[str] = Counter()
    by_age = _band_counts()
    by_severity = dict.fromkeys(severities, 0)
    deaths: dict[str, Any] = {
        "total": 0, "male": 0, "female": 0, "by_age": _band_counts(), "by_cause": {}
    }  # fmt: skip
    drowning: dict[str, Any] = {
        "incidents": 0, "deaths": 0, "severe": 0, "minor": 0, "male": 0, "female": 0,
        "by_age": _band_counts(), "by_place": {},
    }  # fmt: skip
    children: set[str] = set()
    for row_id, child_id, cause, severity, place, occurred, sex, year, month, day in rows:
        children.add(child_id or row_id)
        sex_key = "male" if sex == "M" else "female"
        band = _age_band(PartialDate(year, month, day), date.fromisoformat(str(occurred)))
        c = by_cause.setdefault(
            cause,
            {"total": 0, **dict.fromkeys(severities, 0), "male": 0, "female": 0,
             "by_age": _band_counts(),
             "by_severity": {s: {"male": _band_counts(), "female": _band_counts()}
                             for s in severities}},
        )  # fmt: skip
        c["total"] += 1
        c[severity] += 1
        c[sex_key] += 1
        by_place[place] += 1
        sexes[sex_key] += 1
        by_severity[severity] += 1
        if band in by_age:
            by_age[band] += 1
            c["by_age"][band] += 1
            c["by_severity"][severity][sex_key][band] += 1
        if severity == "death":
            deaths["total"] += 1
            deaths[sex_key] += 1
            deaths["by_cause"][cause] = deaths["by_cause"].get(cause, 0) + 1
            if band in deaths["by_age"]:
                deaths["by_age"][band] += 1
        if cause == cat.DROWNING:
            drowning["incidents"] += 1
            drowning[{"death": "deaths"}.get(severity, severity)] += 1
            drowning[sex_key] += 1
            drowning["by_place"][place] = drowning["by_place"].get(place, 0) + 1
            if band in drowning["by_age"]:
                drowning["by_age"][band] += 1
    order = [c.code for c in cat.INJURY_CAUSES]
    return {
        "incidents": len(rows),
        "children": len(children),
        "male": sexes["male"],
        "female": sexes["female"],
        "by_age": by_age,
        "by_severity": by_severity,
        "by_cause": {code: by_cause[code] for code in order if code in by_cause},
        "by_place": {c.code: by_place[c.code] for c in cat.INJURY_PLACES if by_place[c.code]},
        "deaths": deaths,
        "drowning": drowning,
        "tt13_note": TT13_INJURY_NOTE,
    }


def _hazard_spots(conn: Connection, codes: str, period: Period) -> dict:
    """The drowning hazard spots known by the period's end (found on or before it), with the
    measures in place and the latest check as recorded now (they keep no history)."""
    rows = conn.execute(
        text(
            f"""SELECT h.kind, h.measures, h.checked_on, COALESCE(v.name, '')
            FROM hazardspot h LEFT JOIN village v ON v.id = h.village_id
            WHERE h.commune_code IN ({codes}) AND h.deleted = 0 AND h.found_on <= :end"""
        ),
        {"end": period.end.isoformat()},
    ).all()
    kinds: Counter[str] = Counter()
    villages: dict[str, dict[str, int]] = {}
    with_sign = with_fence = bare = checked = 0
    for kind, measures, checked_on, village in rows:
        done = set(filter(None, measures.split(",")))
        kinds[kind] += 1
        with_sign += "sign" in done
        with_fence += "fence" in done
        bare += not done
        checked += period.contains(date.fromisoformat(str(checked_on)))
        v = villages.setdefault(village, {"total": 0, "without_measures": 0})
        v["total"] += 1
        v["without_measures"] += not done
    return {
        "total": len(rows),
        "by_kind": {c.code: kinds[c.code] for c in cat.HAZARD_KINDS if kinds[c.code]},
        "with_sign": with_sign,
        "with_fence": with_fence,
        "without_measures": bare,
        "checked_in_period": checked,
        "by_village": dict(sorted(villages.items(), key=lambda item: sort_key(item[0]))),
    }


def differences(sent: dict, now: dict) -> list[tuple[str, Any, Any]]:
    """What changed since a report was sent: (what, as sent, now), indicators first by name."""
    changed: list[tuple[str, Any, Any]] = []
    sent_ind = {i["key"]: i for i in sent.get("indicators", [])}
    for ind in now.get("indicators", []):
        old = sent_ind.get(ind["key"], {}).get("value")
        if old != ind["value"]:
            changed.append((ind["name"], old, ind["value"]))
    flat_sent, flat_now = _flatten(sent), _flatten(now)
    for key in sorted(set(flat_sent) | set(flat_now)):
        if key.startswith(("generated_at", "indicators")):
            continue
        if flat_sent.get(key) != flat_now.get(key):
            changed.append((key, flat_sent.get(key), flat_now.get(key)))
    return changed


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out |= _flatten(value, f"{prefix}{key}.")
        return out
    return {prefix.rstrip("."): data}
