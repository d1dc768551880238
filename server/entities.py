"""What a device may send: the desktop's synced tables and their columns, named in Vietnamese."""

from __future__ import annotations

from sqlmodel import SQLModel

from desktop.db import models
from desktop.db.models import SYNCED_TABLES, table_name
from desktop.sync.protocol import CONFLICT_ENTITY, DERIVED_FIELDS
from desktop.sync.records import printable

# Sync bookkeeping: merged by the later clock, never reported as a conflict.
BOOKKEEPING = frozenset({"commune_code", "created_at", "updated_at", "updated_by"})
INSERT_ONLY = frozenset({table_name(models.AuditEntry)})

_LABELS: dict[type[SQLModel], str] = {
    models.Village: "Thôn/bản",
    models.Child: "Trẻ em",
    models.Circumstance: "Hoàn cảnh",
    models.Support: "Hỗ trợ",
    models.ProtectionCase: "Vụ việc bảo vệ",
    models.CaseStep: "Bước xử lý vụ việc",
    models.Activity: "Hoạt động",
    models.TrainingCourse: "Lớp tập huấn",
    models.TrainingParticipant: "Học viên tập huấn",
    models.PlanTarget: "Chỉ tiêu kế hoạch",
    models.FundEntry: "Kinh phí",
    models.SentReport: "Báo cáo đã gửi",
    models.AuditEntry: "Nhật ký",
    models.Injury: "Tai nạn, thương tích",
    models.HazardSpot: "Điểm nguy cơ đuối nước",
    models.ChildFriendlyAssessment: "Tự đánh giá xã phù hợp với trẻ em",
    models.AssessmentEntry: "Kết quả tiêu chí",
}
# Entity names on the wire are the desktop's table names ("child", "protectioncase" …).
LABELS = {table_name(m): text for m, text in _LABELS.items()}
LABELS[CONFLICT_ENTITY] = "Xung đột đồng bộ"


def known(entity: str) -> bool:
    return entity in SYNCED_TABLES


def label(entity: str, row_id: str) -> str:
    """How a message names a record: “Trẻ em 0193…” (whatever a device sent, printable)."""
    return f"{printable(LABELS.get(entity, entity))[:60]} {printable(row_id)[:60]}"


def without_derived(fields: dict) -> dict:
    """The fields to check and store: derived ones are dropped (receivers recompute them)."""
    return {k: v for k, v in fields.items() if k not in DERIVED_FIELDS}
