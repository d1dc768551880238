"""Use cases of the injury-prevention documents the CLI and the GUI share: the pre-summer review
list of drowning hazard spots, and the child-friendly commune self-assessment for signature."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from desktop import reference
from desktop.db.register import Register
from desktop.reports import pdf, pdf_prevention
from desktop.reports.service import atomic_file, document_info


def write_hazard_review(
    register: Register, path: Path, village_id: str | None = None, year: int | None = None
) -> int:
    """The review list of one village (or every village, a page each); returns the spots."""
    year = year or date.today().year
    records = register.hazard_spots(village_id)
    commune = reference.unit(register.commune_code or "")
    with atomic_file(path) as tmp:
        pdf.build_plain(
            tmp,
            "DANH SÁCH ĐIỂM CÓ NGUY CƠ ĐUỐI NƯỚC TRẺ EM",
            f"Rà soát trước mùa hè năm {year} — {commune.name if commune else ''}",
            pdf_prevention.hazard_review_body(records, year),
            pagesize=pdf_prevention.hazard_review_pages(),
        )
    register.record_export("hazard_review", path.name, detail=f"{len(records)} điểm")
    return len(records)


def write_assessment(register: Register, year: int, path: Path) -> dict:
    """The year's self-assessment (as sent, if it was) as a document for the chair to sign."""
    state = register.assessment(year)
    commune = reference.unit(register.commune_code or "")
    info = dataclasses.replace(document_info(register), signer=state.signer)
    with atomic_file(path) as tmp:
        pdf.build(
            tmp,
            info,
            "BÁO CÁO",
            f"Kết quả tự đánh giá xã phù hợp với trẻ em năm {year}",
            pdf_prevention.assessment_body(
                state.document, _lower_first(commune.name) if commune else ""
            ),
        )
    register.record_export(
        "childfriendlyassessment", path.name, label=f"Tự đánh giá xã phù hợp với trẻ em {year}"
    )
    return state.document


def _lower_first(name: str) -> str:
    """ "Xã Bản Xèo" in a sentence: "xã Bản Xèo"."""
    return name[:1].lower() + name[1:]
