"""The legal groups of children in special circumstances, risk groups and other code lists.

Codes are stable identifiers stored in the database and sent upward; labels are what people
read. The 14 legal groups are the letters of Luật Trẻ em 2016, Điều 10 khoản 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Category:
    code: str
    label: str


SPECIAL_GROUPS: tuple[Category, ...] = (
    Category("a", "Trẻ em mồ côi cả cha và mẹ"),
    Category("b", "Trẻ em bị bỏ rơi"),
    Category("c", "Trẻ em không nơi nương tựa"),
    Category("d", "Trẻ em khuyết tật"),
    Category("đ", "Trẻ em nhiễm HIV/AIDS"),
    Category("e", "Trẻ em vi phạm pháp luật"),
    Category("g", "Trẻ em nghiện ma túy"),
    Category(
        "h",
        "Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở",
    ),
    Category("i", "Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực"),
    Category("k", "Trẻ em bị bóc lột"),
    Category("l", "Trẻ em bị xâm hại tình dục"),
    Category("m", "Trẻ em bị mua bán"),
    Category(
        "n",
        "Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo "
        "hoặc hộ cận nghèo",
    ),
    Category(
        "o",
        "Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có "
        "người chăm sóc",
    ),
)

# Nghị định 56/2017/NĐ-CP Điều 3 splits group a (orphaned of both parents) into sub-cases.
ORPHAN_SUBCASES: tuple[Category, ...] = (
    Category("a1", "Không có người chăm sóc"),
    Category("a2", "Đang được chăm sóc tại cơ sở trợ giúp xã hội"),
    Category("a3", "Đang sống cùng người thân thích"),
    Category("a4", "Đang được chăm sóc thay thế (không phải nhận con nuôi)"),
)

# Children at risk have no statutory list: this is the default the province may change.
DEFAULT_RISK_GROUPS: tuple[Category, ...] = (
    Category("r01", "Trẻ em mồ côi cha hoặc mẹ"),
    Category("r02", "Trẻ em có cha mẹ ly hôn, ly thân"),
    Category("r03", "Trẻ em có cha mẹ đi làm ăn xa, sống với ông bà, người thân"),
    Category("r04", "Trẻ em có cha hoặc mẹ đang chấp hành án phạt tù"),
    Category("r05", "Trẻ em có cha hoặc mẹ nghiện ma túy, nghiện rượu"),
    Category("r06", "Trẻ em sống trong gia đình có bạo lực"),
    Category("r07", "Trẻ em thuộc hộ nghèo, hộ cận nghèo"),
    Category("r08", "Trẻ em phải lao động, làm việc"),
    Category("r09", "Trẻ em bỏ học, có nguy cơ bỏ học"),
    Category("r10", "Trẻ em có nguy cơ bị xâm hại, bóc lột"),
    Category("r11", "Trẻ em có nguy cơ tảo hôn"),
)

CIRCUMSTANCE_KINDS: tuple[Category, ...] = (
    Category("special", "Hoàn cảnh đặc biệt"),
    Category("risk", "Có nguy cơ rơi vào hoàn cảnh đặc biệt"),
)

SEXES: tuple[Category, ...] = (Category("M", "Nam"), Category("F", "Nữ"))

CHILD_STATUSES: tuple[Category, ...] = (
    Category("active", "Đang theo dõi"),
    Category("moved", "Chuyển đi"),
    Category("aged_out", "Đủ 16 tuổi"),
    Category("deceased", "Đã mất"),
)

SCHOOLING: tuple[Category, ...] = (
    Category("none", "Chưa đi học"),
    Category("preschool", "Mầm non"),
    Category("primary", "Tiểu học"),
    Category("lower_secondary", "Trung học cơ sở"),
    Category("upper_secondary", "Trung học phổ thông"),
    Category("dropped_out", "Bỏ học"),
)

POVERTY: tuple[Category, ...] = (
    Category("poor", "Hộ nghèo"),
    Category("near_poor", "Hộ cận nghèo"),
    Category("none", "Không"),
)

# Forms of support: Luật Trẻ em Điều 49–50; Nghị định 56/2017.
SUPPORT_TYPES: tuple[Category, ...] = (
    Category("health", "Chăm sóc sức khỏe, bảo hiểm y tế"),
    Category("allowance", "Trợ cấp xã hội hằng tháng"),
    Category("education", "Hỗ trợ giáo dục (miễn giảm học phí, chi phí học tập)"),
    Category("legal_aid", "Trợ giúp pháp lý"),
    Category("counselling", "Tư vấn, trị liệu tâm lý"),
    Category("shelter", "Nơi tạm trú an toàn"),
    Category("alternative_care", "Chăm sóc thay thế"),
    Category("gift", "Quà, hiện vật"),
    Category("scholarship", "Học bổng"),
    Category("other", "Khác"),
)

FUNDING_SOURCES: tuple[Category, ...] = (
    Category("state", "Ngân sách nhà nước"),
    Category("fund", "Quỹ Bảo trợ trẻ em"),
    Category("ngo", "Tổ chức, dự án"),
    Category("community", "Cộng đồng, nhà hảo tâm"),
    Category("other", "Khác"),
)

# Where a case's information came from (Mẫu số 01: "nguồn thông tin").
REPORT_SOURCES: tuple[Category, ...] = (
    Category("hotline_111", "Tổng đài điện thoại quốc gia 111"),
    Category("village", "Trưởng thôn, cộng tác viên thôn/bản"),
    Category("school", "Nhà trường, giáo viên"),
    Category("health", "Cơ sở y tế"),
    Category("police", "Công an"),
    Category("family", "Gia đình, người thân"),
    Category("community", "Hàng xóm, người dân"),
    Category("child", "Trẻ em tự báo tin"),
    Category("other", "Khác"),
)

CASE_TYPES: tuple[Category, ...] = (
    Category("violence", "Bạo lực"),
    Category("sexual_abuse", "Xâm hại tình dục"),
    Category("exploitation", "Bóc lột, lao động trẻ em"),
    Category("trafficking", "Mua bán"),
    Category("abandonment", "Bỏ rơi, bỏ mặc"),
    Category("child_marriage", "Tảo hôn"),
    Category("other", "Khác"),
)

ACTIVITY_TYPES: tuple[Category, ...] = (
    Category("communication", "Truyền thông"),
    Category("month_of_action", "Tháng hành động vì trẻ em"),
    Category("forum", "Diễn đàn trẻ em"),
    Category("festival", "Tết Trung thu / Quốc tế Thiếu nhi / Tết Nguyên đán"),
    Category("gifts", "Thăm hỏi, tặng quà"),
    Category("scholarship", "Trao học bổng"),
    Category("inspection", "Kiểm tra, giám sát"),
    Category("model", "Mô hình bảo vệ trẻ em"),
    # Children taught are counted (child_male + child_female): plan targets measure them.
    Category("swimming", "Dạy bơi cho trẻ em"),
    Category("injury_skills", "Dạy kỹ năng phòng, chống tai nạn thương tích, đuối nước"),
    Category("other", "Khác"),
)

TRAINING_TOPICS: tuple[Category, ...] = (
    Category("abuse_prevention", "Phòng chống bạo lực, xâm hại trẻ em"),
    Category("injury_drowning", "Phòng chống tai nạn thương tích, đuối nước"),
    Category("child_labour", "Phòng ngừa lao động trẻ em"),
    Category("skills", "Kỹ năng sống, kỹ năng bảo vệ trẻ em"),
    Category("other", "Khác"),
)

TRAINING_ROLES: tuple[Category, ...] = (
    Category("collaborator", "Cộng tác viên"),
    Category("volunteer", "Tình nguyện viên"),
    Category("party_secretary", "Bí thư chi bộ"),
    Category("village_head", "Trưởng thôn/bản, tổ dân phố"),
    Category("parent", "Cha mẹ / người chăm sóc"),
    Category("child", "Trẻ em"),
    Category("teacher", "Giáo viên"),
    Category("official", "Cán bộ"),
    Category("other", "Khác"),
)

PLAN_INDICATORS: tuple[Category, ...] = (
    Category("courses", "Số lớp tập huấn"),
    Category("course_participants", "Số lượt người tham gia tập huấn"),
    Category("special_supported_pct", "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp (%)"),
    Category("communication_events", "Số buổi truyền thông"),
    Category("forums", "Số diễn đàn trẻ em"),
    Category("month_of_action", "Số hoạt động Tháng hành động vì trẻ em"),
    Category("fund_raised", "Số tiền vận động Quỹ Bảo trợ trẻ em (đồng)"),
    # Shares of the children of the target's ages (its denominator) taught in the year.
    Category("swimming_taught_pct", "Tỷ lệ trẻ em được học bơi, biết bơi (%)"),
    Category(
        "injury_skills_pct",
        "Tỷ lệ trẻ em biết kỹ năng phòng, chống tai nạn thương tích, đuối nước (%)",
    ),
    Category("custom", "Chỉ tiêu khác"),
)

# Who set a plan target: the commune itself or the province; plans made before 1 July 2025
# were often set by the district, which no longer exists as a level of government.
PLAN_LEVELS: tuple[Category, ...] = (
    Category("commune", "Xã tự đặt"),
    Category("district", "Huyện cũ giao (kế hoạch trước 1/7/2025)"),
    Category("province", "Tỉnh giao"),
)

# Quỹ Bảo trợ trẻ em: money or goods coming in (contributions) and going out (spending).
FUND_DIRECTIONS: tuple[Category, ...] = (
    Category("received", "Thu (tiếp nhận ủng hộ)"),
    Category("spent", "Chi"),
)

FUND_FORMS: tuple[Category, ...] = (
    Category("cash", "Tiền mặt"),
    Category("in_kind", "Hiện vật"),
)


# ---- injuries, drowning and the places where children risk drowning ---------------------------
# The groupings the provincial plans and the injury issue use; lists are data, codes are stored.

INJURY_CAUSES: tuple[Category, ...] = (
    Category("drowning", "Đuối nước"),
    Category("traffic", "Tai nạn giao thông"),
    Category("fall", "Ngã"),
    Category("burn", "Bỏng"),
    Category("electric", "Điện giật"),
    Category("animal", "Động vật cắn, húc, đốt"),
    Category("poisoning", "Ngộ độc"),
    Category("sharp", "Vật sắc nhọn"),
    Category("other", "Khác"),
)
DROWNING = "drowning"

INJURY_PLACES: tuple[Category, ...] = (
    Category("home", "Tại nhà"),
    Category("school", "Trường học"),
    Category("road", "Đường giao thông"),
    Category("river", "Sông, suối"),
    Category("pond", "Ao, hồ"),
    Category("well", "Giếng"),
    Category("other", "Nơi khác"),
)

INJURY_SEVERITIES: tuple[Category, ...] = (
    Category("death", "Tử vong"),
    Category("severe", "Nặng"),
    Category("minor", "Nhẹ"),
)

HAZARD_KINDS: tuple[Category, ...] = (
    Category("river", "Sông, suối"),
    Category("pond", "Ao, hồ"),
    Category("dam", "Đập, hồ chứa nước"),
    Category("well", "Giếng, bể chứa nước"),
    Category("pit", "Hố công trình, hố khai thác"),
    Category("ford", "Ngầm, tràn, bến đò"),
    Category("other", "Khác"),
)

# What has been done at a spot; a spot may have several, or none.
HAZARD_MEASURES: tuple[Category, ...] = (
    Category("sign", "Biển cảnh báo"),
    Category("fence", "Rào chắn"),
    Category("cover", "Nắp đậy"),
    Category("rescue", "Phao, dụng cụ cứu hộ"),
    Category("watch", "Người trông coi"),
)


@dataclass(frozen=True)
class AgeBand:
    code: str
    label: str
    min_age: int  # inclusive
    max_age: int  # exclusive


AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("0-2", "Dưới 3 tuổi", 0, 3),
    AgeBand("3-5", "Từ 3 đến 5 tuổi", 3, 6),
    AgeBand("6-10", "Từ 6 đến 10 tuổi", 6, 11),
    AgeBand("11-15", "Từ 11 đến dưới 16 tuổi", 11, 16),
)


def codes(categories: tuple[Category, ...]) -> frozenset[str]:
    return frozenset(c.code for c in categories)


@cache
def _labels(categories: tuple[Category, ...]) -> dict[str, str]:
    return {c.code: c.label for c in categories}


def label(categories: tuple[Category, ...], code: str | None) -> str:
    """The Vietnamese label of a code, or the code itself when unknown (never raises).

    A dictionary per list: exports and tallies call this for every row.
    """
    return _labels(categories).get(code or "", code or "")


SPECIAL_GROUP_CODES = codes(SPECIAL_GROUPS)
