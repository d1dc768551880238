"""The vocabulary of the audit trail: what someone did, to what kind of record.

Codes are stored; labels are what the Audit page, the CLI and the Excel export show.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.categories import Category

ACTIONS: tuple[Category, ...] = (
    Category("viewed", "Xem"),
    Category("created", "Thêm mới"),
    Category("changed", "Sửa"),
    Category("deleted", "Xóa"),
    Category("merged", "Gộp hồ sơ trùng"),
    Category("exported", "Xuất tệp"),
    Category("sent", "Đánh dấu đã gửi"),
    Category("printed", "In"),
    Category("imported", "Nhập từ tệp"),
    Category("restored", "Khôi phục bản sao lưu"),
    Category("login", "Đăng nhập"),
    Category("login_failed", "Đăng nhập sai"),
)

ENTITIES: tuple[Category, ...] = (
    Category("child", "Trẻ em"),
    Category("circumstance", "Hoàn cảnh của trẻ"),
    Category("support", "Trợ giúp"),
    Category("protectioncase", "Vụ việc bảo vệ trẻ em"),
    Category("casestep", "Bước xử lý vụ việc"),
    Category("village", "Thôn/bản"),
    Category("activity", "Hoạt động"),
    Category("trainingcourse", "Lớp tập huấn"),
    Category("plantarget", "Chỉ tiêu kế hoạch"),
    Category("fundentry", "Quỹ Bảo trợ trẻ em"),
    Category("sentreport", "Báo cáo đã gửi"),
    Category("injury", "Tai nạn, thương tích trẻ em"),
    Category("hazardspot", "Điểm có nguy cơ đuối nước"),
    Category("hazard_review", "Danh sách rà soát điểm nguy cơ đuối nước"),
    Category("childfriendlyassessment", "Tự đánh giá xã phù hợp với trẻ em"),
    Category("assessmententry", "Kết quả tiêu chí xã phù hợp với trẻ em"),
    Category("register", "Sổ trẻ em"),
    Category("activities", "Danh sách hoạt động"),
    Category("trainings", "Danh sách lớp tập huấn"),
    Category("all", "Sổ trẻ em, hoạt động và tập huấn"),
    Category("report", "Báo cáo số liệu"),
    Category("import_problems", "Danh sách lỗi khi nhập"),
    Category("auditentry", "Nhật ký truy cập"),
    Category("database", "Cơ sở dữ liệu"),
    Category("user", "Tài khoản"),
)

# Opening the same record again within this window adds no new "viewed" entry.
VIEW_COALESCE = timedelta(minutes=5)


def is_repeat_view(last_view: datetime | None, now: datetime) -> bool:
    """Whether a view at `now` only repeats one recorded at `last_view` (same user, record)."""
    return last_view is not None and timedelta(0) <= now - last_view < VIEW_COALESCE

# Fields whose change an entry names (their values stay out of the trail).
FIELD_LABELS: dict[str, str] = {
    "full_name": "Họ và tên",
    "sex": "Giới tính",
    "birth_year": "Ngày sinh",
    "birth_month": "Ngày sinh",
    "birth_day": "Ngày sinh",
    "ethnic_code": "Dân tộc",
    "village_id": "Thôn/bản",
    "personal_id": "Số định danh cá nhân",
    "birth_registered": "Đăng ký khai sinh",
    "health_insurance": "Thẻ BHYT",
    "schooling": "Học tập",
    "poverty": "Hộ nghèo/cận nghèo",
    "caregiver_name": "Người chăm sóc",
    "caregiver_relation": "Quan hệ",
    "contact_phone": "Điện thoại",
    "status": "Tình trạng",
    "notes": "Ghi chú",
    "end_date": "Ngày kết thúc",
    "end_reason": "Lý do kết thúc",
    "closed_on": "Ngày đóng vụ việc",
    "kind": "Loại hoàn cảnh",
    "group_code": "Nhóm",
    "sub_code": "Trường hợp",
    "start_date": "Ngày bắt đầu",
    "support_type": "Hình thức trợ giúp",
    "given_on": "Ngày trợ giúp",
    "amount_vnd": "Số tiền",
    "funding_source": "Nguồn kinh phí",
    "done_at": "Thời điểm hoàn thành",
    "report_source": "Nguồn tin",
    "occurred_on": "Ngày xảy ra",
    "cause": "Nguyên nhân",
    "severity": "Mức độ",
    "child_name": "Họ tên trẻ",
    "child_sex": "Giới tính của trẻ",
    "child_birth_year": "Năm sinh của trẻ",
    "child_village_id": "Thôn/bản nơi trẻ ở",
    "description": "Mô tả vị trí",
    "measures": "Biện pháp đã có",
    "found_on": "Ngày phát hiện",
    "checked_on": "Ngày kiểm tra",
    "value": "Kết quả",
    "met": "Đạt/chưa đạt",
    "evidence": "Minh chứng",
    "signer": "Người ký",
}
