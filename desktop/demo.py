"""A realistic, fully synthetic mountain commune for demos, screenshots and benchmarks.

Every name is drawn at random from pools typical of each ethnic group; no record describes a
real child. The same seed gives the same people (dates move with `today`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.dates import PartialDate
from desktop.domain.injuries import HazardDraft, InjuryDraft
from desktop.domain.programme import FundDraft
from desktop.domain.validation import ChildDraft, CircumstanceDraft

DEMO_COMMUNE = "02725"  # Xã Bản Xèo, tỉnh Lào Cai
DEMO_ACCOUNT = ("canbo", "Cán bộ (dữ liệu mẫu)")
DEMO_PASSWORD = "sotreem-demo"


@dataclass(frozen=True)
class NamePool:
    ethnic_code: str
    weight: float
    families: tuple[str, ...]
    male_middles: tuple[str, ...]
    female_middles: tuple[str, ...]
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]


def _t(words: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in words.split(",") if w.strip())


POOLS: tuple[NamePool, ...] = (
    NamePool(
        "08",
        0.38,
        _t("Giàng, Sùng, Vàng, Lý, Thào, Hờ, Ma, Lồ, Mùa, Sình, Chảo, Cư"),
        _t("A, Seo, Văn"),
        _t("Thị"),
        _t("Dính, Chứ, Pó, Sử, Dợ, Chá, Lử, Páo, Sày, Súa, Chư, Tủa, Vừ, Cở, Dơ"),
        _t("Mỷ, Mai, Dua, Pàng, Chi, Lan, Dế, Sú, Mỉ, Say, Chía, Máy, Dở, Mống"),
    ),  # Mông
    NamePool(
        "09",
        0.20,
        _t("Triệu, Bàn, Đặng, Lý, Chảo, Phàn, Tẩn, Dương, Hoàng"),
        _t("Văn, Láo, Kim, Tả, Quẩy"),
        _t("Thị, Mùi, Tả"),
        _t("Chàn, Phẩy, Quẩy, Sành, Lở, Chòi, Kiều, Phù, Sơn, Tiến, Hùng"),
        _t("Mẩy, Chiêm, Nái, Mây, Xuân, Diệu Chi, Làn, Lìu, Tá, Hương"),
    ),  # Dao
    NamePool(
        "02",
        0.12,
        _t("Hoàng, Nông, Lương, Ma, Hà, Lục, Vi, Triệu, Hứa"),
        _t("Văn, Đức, Minh"),
        _t("Thị, Thu, Ngọc"),
        _t("Tùng, Thắng, Sơn, Cường, Hải, Dũng, Quân, Hiếu, Khánh, Ơn"),
        _t("Ánh, Hương, Hoa, Lan, Ngân, Thảo, Trang, Ưng, Yến, Huyền"),
    ),  # Tày
    NamePool(
        "26",
        0.10,
        _t("Lò, Hoàng, Lù, Lục, Vương, Sần, Ly"),
        _t("Văn, Minh, Quốc"),
        _t("Thị"),
        _t("Sử, Quý, Phong, Thành, Hưng, Chiến, Tuấn"),
        _t("Lan, Mai, Thơ, Hiền, Liên, Nhung"),
    ),  # Giáy
    NamePool(
        "07",
        0.06,
        _t("Nông, Hoàng, Vi, Lăng, Lục, Chu, Mã"),
        _t("Văn, Đình"),
        _t("Thị"),
        _t("Phúc, Lộc, Thọ, Tài, Vinh, Khải"),
        _t("Hằng, Thúy, Dung, Nguyệt, Lụa, Mến"),
    ),  # Nùng
    NamePool(
        "01",
        0.10,
        _t("Nguyễn, Trần, Lê, Phạm, Đặng, Vũ, Đỗ, Bùi, Đinh, Phan"),
        _t("Văn, Minh, Đức, Quang, Hữu"),
        _t("Thị, Ngọc, Thu, Thanh, Phương"),
        _t("An, Anh, Bình, Hùng, Dũng, Huy, Long, Nam, Khoa, Đạt, Ơn"),
        _t("Ánh, Hương, Lan, Mai, Ngọc, Linh, Trang, Hà, Ân, Ưng"),
    ),  # Kinh
    NamePool(
        "33",
        0.04,
        _t("Chu, Ly, Pờ, Lỳ, Sừ, Phu"),
        _t("Xá, Chừ"),
        _t("Mé, Cà"),
        _t("Phạ, Giá, Xe, Lừ, Chà"),
        _t("Mì, Xá, Pà, Lé, Chà"),
    ),  # Hà Nhì
)

VILLAGE_NAMES = _t(
    "Sín Chải, Lao Chải, Tả Van, Nậm Cang, Pờ Hồ, Cốc Lầy, Suối Thầu, Bản Xèo, Phìn Ngan, "
    "Mường Hum, Trung Lèng Hồ, Nậm Pung, Tòng Sành, Ngải Thầu, Séo Mý Tỷ, Ý Tý, Cán Cấu, "
    "Làng Mô, Khoang Thuông, Nậm Chạc, Pa Cheo, Mồ Sì San, Dền Sáng, Sàng Ma Sáo"
)
SPECIAL_WEIGHTS = {
    "d": 40, "a": 10, "n": 12, "c": 6, "h": 8, "b": 2, "i": 4, "l": 3, "k": 3, "đ": 2,
    "e": 2, "g": 1, "m": 1, "o": 1,
}  # fmt: skip


def _family_name(rng: random.Random, pool: NamePool) -> str:
    return rng.choice(pool.families)


def _person(rng: random.Random, pool: NamePool, sex: str, family: str | None = None) -> str:
    family = family or _family_name(rng, pool)
    middle = rng.choice(pool.male_middles if sex == "M" else pool.female_middles)
    given = rng.choice(pool.male_given if sex == "M" else pool.female_given)
    return f"{family} {middle} {given}"


def _birth(rng: random.Random, today: date) -> PartialDate:
    born = today - timedelta(days=rng.randint(20, 16 * 365 - 40))
    roll = rng.random()
    if roll < 0.12:
        return PartialDate(born.year)
    if roll < 0.25:
        return PartialDate(born.year, born.month)
    return PartialDate(born.year, born.month, born.day)


def _personal_id(rng: random.Random, sex: str, birth: PartialDate) -> str:
    century_sex = 2 if sex == "M" else 3  # born 2000–2099
    return f"015{century_sex}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def fill_demo(
    register: Register,
    children: int,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> None:
    """Fill an initialised register with a synthetic commune (one transaction)."""
    rng = random.Random(seed)
    today = today or date.today()
    weights = [p.weight for p in POOLS]
    with register.batch():
        with register.quiet_audit():  # one summary entry below, not one per row
            n_villages = max(6, min(len(VILLAGE_NAMES), children // 300 + 4))
            village_ids = [
                register.village_id_by_name(name) or register.add_village(name).created_id
                for name in VILLAGE_NAMES[:n_villages]
            ]
            child_ids = []
            for i in range(children):
                child_ids.append(_add_child(register, rng, today, weights, village_ids))
                if progress and i % 1000 == 0:
                    progress(i / max(children, 1) * 0.9, f"Đã tạo {i:,} trẻ em".replace(",", "."))
            _add_cases(register, rng, today, child_ids, max(2, children // 1000))
            _add_activities_and_courses(register, rng, today, village_ids)
            _add_injuries_and_hazards(
                register, random.Random(f"{seed}-injuries"), today, child_ids, village_ids
            )
        register.record_event(
            "created", "child", label=f"{children:,} trẻ em mẫu".replace(",", "."),
            detail="dữ liệu mẫu (hư cấu)",
        )  # fmt: skip
    if progress:
        progress(1.0, "Xong")


def _add_child(
    register: Register,
    rng: random.Random,
    today: date,
    weights: list[float],
    village_ids: list[str],
) -> str:
    pool = rng.choices(POOLS, weights)[0]
    sex = rng.choice("MF")
    family = _family_name(rng, pool)
    birth = _birth(rng, today)
    caregiver_sex = rng.choice("MF")
    draft = ChildDraft(
        full_name=_person(rng, pool, sex, family),
        sex=sex,
        birth=birth,
        ethnic_code=pool.ethnic_code,
        village_id=rng.choice(village_ids),
        personal_id=_personal_id(rng, sex, birth) if rng.random() < 0.6 else None,
        birth_registered=rng.random() < 0.93,
        health_insurance=rng.random() < 0.9 if today.year - birth.year < 6 else None,
        schooling=_schooling(rng, today.year - birth.year),
        poverty=rng.choices(["poor", "near_poor", "none"], [0.35, 0.2, 0.45])[0],
        caregiver_name=_person(rng, pool, caregiver_sex, family if caregiver_sex == "M" else None),
        caregiver_relation="Bố" if caregiver_sex == "M" else rng.choice(["Mẹ", "Bà", "Cô"]),
    )
    child_id = register.add_child(draft, today=today).created_id
    roll = rng.random()
    if roll < 0.05:
        _add_special(register, rng, today, child_id, birth)
    elif roll < 0.11:
        start = _random_day(
            rng, max(min(birth.latest(), today), today - timedelta(days=3 * 365)), today
        )
        register.add_circumstance(
            child_id,
            CircumstanceDraft("risk", rng.choice(cat.DEFAULT_RISK_GROUPS).code, start),
            today=today,
        )
    return child_id


def _schooling(rng: random.Random, age: int) -> str:
    if age < 3:
        return "none"
    if age < 6:
        return "preschool"
    if age < 11:
        return "primary"
    return "dropped_out" if rng.random() < 0.08 else "lower_secondary"


def _add_special(
    register: Register, rng: random.Random, today: date, child_id: str, birth: PartialDate
) -> None:
    group = rng.choices(list(SPECIAL_WEIGHTS), list(SPECIAL_WEIGHTS.values()))[0]
    start = _random_day(
        rng, max(min(birth.latest(), today), today - timedelta(days=5 * 365)), today
    )
    ended = rng.random() < 0.15 and (today - start).days > 60
    end = _random_day(rng, start + timedelta(days=30), today) if ended else None
    register.add_circumstance(
        child_id,
        CircumstanceDraft(
            "special",
            group,
            start,
            end,
            sub_code=rng.choice(cat.ORPHAN_SUBCASES).code if group == "a" else None,
            end_reason="Đã ổn định" if end else "",
        ),
        today=today,
    )
    for _ in range(rng.randint(0, 4)):
        kind = rng.choice(["allowance", "health", "education", "gift", "scholarship"])
        amount = {"allowance": 540_000, "gift": 300_000, "scholarship": 1_000_000}.get(kind)
        register.add_support(
            child_id,
            kind,
            _random_day(rng, start, today),
            amount,
            rng.choice(["state", "fund", "ngo", "community"]),
            today=today,
        )


def _add_cases(
    register: Register, rng: random.Random, today: date, child_ids: list[str], count: int
) -> None:
    # Reports arrive during office hours of the last four months, never after this moment (the
    # register refuses a time to come): at 7 in the morning, today's afternoon has not come.
    latest = min(datetime.now(UTC), datetime.combine(today, time(23, 59), UTC))
    for _ in range(min(count, len(child_ids))):
        child_id = rng.choice(child_ids)
        day = latest.date() - timedelta(days=rng.randint(0, 120))
        received = min(datetime.combine(day, time(rng.randint(7, 17)), UTC), latest)
        case_id = register.open_case(
            child_id,
            rng.choice([c.code for c in cat.CASE_TYPES]),
            received,
            reported_by=rng.choice(["Tổng đài 111", "Trưởng thôn", "Giáo viên", "Hàng xóm"]),
            summary="Nội dung vụ việc (dữ liệu mẫu).",
            emergency=rng.random() < 0.3,
        ).created_id
        done = received
        for step in ("risk_assessment", "detailed_assessment", "plan"):
            if rng.random() < 0.6:
                done = done + timedelta(hours=rng.randint(2, 150))
                if done <= latest:
                    register.complete_case_step(case_id, step, done)


def _add_activities_and_courses(
    register: Register, rng: random.Random, today: date, village_ids: list[str]
) -> None:
    for code, label in (
        ("courses", ""), ("course_participants", ""), ("communication_events", ""),
        ("forums", ""), ("month_of_action", ""), ("special_supported_pct", ""),
        ("fund_raised", ""),
    ):  # fmt: skip
        target = {
            "courses": 9, "course_participants": 540, "communication_events": 12, "forums": 2,
            "month_of_action": 4, "special_supported_pct": 95, "fund_raised": 20_000_000,
        }[code]  # fmt: skip
        register.set_plan_target(today.year, code, target, label, set_by="province")
    _add_activities(register, rng, today, village_ids)
    _add_courses(register, rng, today)
    _add_fund(register, rng, today)


ACTIVITY_TITLES = {
    "communication": ("Truyền thông phòng chống đuối nước",
                      "Truyền thông phòng chống xâm hại trẻ em",
                      "Truyền thông Luật Trẻ em tại nhà văn hóa thôn"),
    "month_of_action": ("Lễ phát động Tháng hành động vì trẻ em",
                        "Tặng quà trẻ em nhân Tháng hành động vì trẻ em"),
    "forum": ("Diễn đàn trẻ em: Tiếng nói của chúng em", "Diễn đàn trẻ em về phòng chống tảo hôn"),
    "festival": ("Vui Tết Trung thu cho trẻ em", "Ngày Quốc tế Thiếu nhi 1/6"),
    "gifts": ("Thăm hỏi, tặng quà trẻ em có hoàn cảnh đặc biệt",),
    "scholarship": ("Trao học bổng cho học sinh nghèo vượt khó",),
    "inspection": ("Kiểm tra công tác bảo vệ trẻ em tại thôn",),
    "model": ("Sinh hoạt mô hình Ngôi nhà an toàn",),
    "swimming": ("Lớp dạy bơi an toàn cho trẻ em",),
    "injury_skills": ("Dạy kỹ năng phòng, chống đuối nước cho học sinh",),
    "other": ("Họp giao ban cộng tác viên thôn, bản",),
}  # fmt: skip


def _add_activities(
    register: Register, rng: random.Random, today: date, village_ids: list[str]
) -> None:
    year_start = date(today.year, 1, 1)
    for _ in range(20):
        start = _random_day(rng, year_start, today)
        kind = rng.choice(cat.ACTIVITY_TYPES).code
        title = rng.choice(ACTIVITY_TITLES[kind])
        if kind == "month_of_action":
            start = date(today.year, 6, rng.randint(1, 30))
        elif kind == "festival":  # 1 June, or Mid-Autumn in September
            start = date(today.year, 6, 1) if "1/6" in title else date(today.year, 9, 20)
        cost = rng.choice([0, 500_000, 1_500_000, 3_000_000])
        child_male, child_female = rng.randint(0, 60), rng.randint(0, 60)
        register.add_activity(
            activity_type=kind,
            title=title,
            start_date=min(start, today),
            village_id=rng.choice(village_ids),
            place=rng.choice(["Nhà văn hóa thôn", "Trường Tiểu học", "Sân UBND xã"]),
            organiser="UBND xã",
            partners=rng.choice(["", "Đoàn Thanh niên xã", "Hội Liên hiệp Phụ nữ xã"]),
            adult_male=rng.randint(5, 40),
            adult_female=rng.randint(5, 40),
            child_male=child_male,
            child_female=child_female,
            # Of the children who took part: never more than there were.
            special_children=rng.randint(0, min(8, child_male + child_female)),
            cost_vnd=cost,
            funding_source=rng.choice(["state", "fund", "ngo"]) if cost else None,
            today=today,
        )


def _add_courses(register: Register, rng: random.Random, today: date) -> None:
    year_start = date(today.year, 1, 1)
    weights = [p.weight for p in POOLS]
    for n in range(5):
        topic = rng.choice(cat.TRAINING_TOPICS[:4]).code
        if n == 0:  # the collaborators' course keeps its list of names
            participants: list[dict[str, Any]] = []
            for _ in range(24):
                pool, sex = rng.choices(POOLS, weights)[0], rng.choice("MF")
                role = rng.choice(["collaborator", "collaborator", "village_head", "volunteer"])
                participants.append({"role": role, "sex": sex, "name": _person(rng, pool, sex)})
        else:
            participants = [
                {"role": role, "sex": sex, "count": rng.randint(3, 12)}
                for role in ("collaborator", "village_head", "parent", "child")
                for sex in "MF"
            ]
        register.add_course(
            participants,
            topic=topic,
            title=f"Tập huấn {cat.label(cat.TRAINING_TOPICS, topic).lower()}",
            start_date=_random_day(rng, year_start, today),
            place="Hội trường UBND xã",
            trainer=rng.choice(["Cán bộ Sở Y tế", "Cán bộ văn hóa - xã hội xã"]),
            cost_vnd=5_000_000,
            funding_source="state",
            today=today,
        )


def _add_fund(register: Register, rng: random.Random, today: date) -> None:
    """A year of the fund's book; the balance carried over is dated 31/12 of the year before,
    so it opens the year without counting as money raised in it."""
    year_start = date(today.year, 1, 1)
    register.add_fund_entry(
        FundDraft("received", "cash", year_start - timedelta(days=1), 3_500_000,
                  donor="Số dư quỹ năm trước chuyển sang"),
        today=today,
    )  # fmt: skip
    donors = ("Cán bộ, công chức xã", "Hội Chữ thập đỏ xã", "Nhà hảo tâm (không nêu tên)",
              "Hợp tác xã chè Bản Xèo", "Trường Tiểu học xã")  # fmt: skip
    for donor in donors:
        register.add_fund_entry(
            FundDraft("received", "cash", _random_day(rng, year_start, today),
                      rng.choice([500_000, 1_000_000, 2_000_000, 3_000_000]), donor=donor,
                      purpose="Vận động ủng hộ Quỹ Bảo trợ trẻ em"),
            today=today,
        )  # fmt: skip
    register.add_fund_entry(
        FundDraft("received", "in_kind", _random_day(rng, year_start, today), 4_000_000,
                  donor="Đoàn Thanh niên tỉnh", items="200 quyển vở, 50 áo ấm"),
        today=today,
    )  # fmt: skip
    for purpose, amount in (("Tặng quà Tết Trung thu cho trẻ em có hoàn cảnh đặc biệt", 1_500_000),
                            ("Hỗ trợ trẻ em bị tai nạn thương tích", 1_000_000)):  # fmt: skip
        register.add_fund_entry(
            FundDraft("spent", "cash", _random_day(rng, year_start, today), amount,
                      recipient="Trẻ em có hoàn cảnh đặc biệt", purpose=purpose),
            today=today,
        )  # fmt: skip


# ---- injuries, drowning hazard spots and the child-friendly commune (issue 18) -------------------

INJURY_WEIGHTS = {
    "drowning": 14, "traffic": 18, "fall": 30, "burn": 10, "electric": 3, "animal": 12,
    "poisoning": 5, "sharp": 6, "other": 2,
}  # fmt: skip
HAZARD_SPOTS = (
    ("pond", "Ao cá nhà ông {name}, sát đường vào trường"),
    ("river", "Đoạn suối gần cầu treo, nước sâu về mùa mưa"),
    ("dam", "Hồ chứa nước thủy lợi đầu bản"),
    ("well", "Giếng nước chung của xóm, chưa có nắp"),
    ("pit", "Hố đào móng nhà văn hóa, đọng nước"),
)


def _add_injuries_and_hazards(
    register: Register,
    rng: random.Random,
    today: date,
    child_ids: list[str],
    village_ids: list[str],
) -> None:
    """Injuries of the year (some of children not in the register), the villages' drowning
    hazard spots, swimming lessons and skills sessions with their targets, and the year's
    child-friendly commune self-assessment begun (not sent)."""
    year_start = date(today.year, 1, 1)
    places = {"drowning": ["river", "pond", "well"], "traffic": ["road"],
              "fall": ["home", "school", "other"]}  # fmt: skip
    for _ in range(min(max(6, len(child_ids) // 150), 300)):
        cause = rng.choices(list(INJURY_WEIGHTS), list(INJURY_WEIGHTS.values()))[0]
        occurred = _random_day(rng, year_start, today)
        severity = rng.choices(["death", "severe", "minor"], [1, 4, 15])[0]
        if cause == "drowning":
            severity = rng.choices(["death", "severe", "minor"], [3, 3, 4])[0]
        draft = InjuryDraft(
            occurred, cause, severity, rng.choice(places.get(cause, ["home", "other"])),
            rng.choice(village_ids), notes="Dữ liệu mẫu (hư cấu).",
        )  # fmt: skip
        if rng.random() < 0.8 and child_ids:
            draft.child_id = rng.choice(child_ids)
            try:
                register.add_injury(draft, today=today)
                continue
            except ValueError:  # the child chosen was born after the day drawn, or is 16
                draft.child_id = None
        pool, sex = rng.choice(POOLS), rng.choice("MF")
        draft.child_name = _person(rng, pool, sex)
        draft.child_sex = sex
        draft.child_birth_year = rng.randint(occurred.year - 14, occurred.year - 2)
        draft.child_village_id = rng.choice(village_ids)
        register.add_injury(draft, today=today)
    pool = POOLS[0]
    for village_id in village_ids[:8]:
        for kind, text in rng.sample(HAZARD_SPOTS, 2):
            measures = rng.choice([(), ("sign",), ("sign", "fence"), ("fence",), ("cover",)])
            checked = _random_day(rng, today - timedelta(days=400), today)
            register.add_hazard_spot(
                HazardDraft(village_id, kind, text.format(name=_person(rng, pool, "M")),
                            measures, None, checked),
                today=today,
            )  # fmt: skip
    for kind, month in (("swimming", 5), ("swimming", 7), ("injury_skills", 5)):
        start = min(date(today.year, month, rng.randint(1, 28)), today)
        register.add_activity(
            activity_type=kind, title=ACTIVITY_TITLES[kind][0], start_date=start,
            village_id=rng.choice(village_ids), place="Hồ bơi di động tại sân trường",
            organiser="UBND xã", partners="Trường Tiểu học và THCS xã",
            child_male=rng.randint(15, 40), child_female=rng.randint(15, 40), today=today,
        )  # fmt: skip
    register.set_plan_target(
        today.year, "swimming_taught_pct", 30, set_by="province", age_from=6, age_to=15
    )
    register.set_plan_target(
        today.year, "injury_skills_pct", 93, set_by="province", age_from=6, age_to=15
    )
    register.set_assessment_entry(
        today.year, "1", met=True,
        evidence="Kế hoạch thực hiện công tác trẻ em năm của UBND xã; dự toán kinh phí.",
    )  # fmt: skip
    register.set_assessment_entry(
        today.year, "7", value="96", met=True, evidence="Báo cáo của Trạm Y tế xã."
    )
