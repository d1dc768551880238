"""Injuries, hazard spots and self-assessments travel upward: the province reader sees every
commune's, and which communes meet the child-friendly standard."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.db.errors import ReadOnlyRegister
from desktop.db.injuries import InjuryFilter
from desktop.domain.injuries import HazardDraft, InjuryDraft
from tests.sync.conftest import COMMUNE, NEIGHBOUR, child_draft, new_desk, new_reader

TODAY = date(2026, 11, 25)


def test_the_reader_sees_every_communes_injuries_spots_and_assessments(hub, tmp_path,
                                                                          fresh_home):  # fmt: skip
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    b = new_desk(hub, tmp_path / "b.db", NEIGHBOUR, villages=("Phìn Hồ",))
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai"), today=TODAY).created_id
    sin = a.register.village_id_by_name("Sín Chải")
    a.register.add_injury(InjuryDraft(date(2026, 6, 5), "drowning", "death", "river", sin,
                                      child_id=mai), today=TODAY)  # fmt: skip
    phin = b.register.villages()[0].id
    b.register.add_child(child_draft(b.register, "Vàng A Páo", sex="M"), today=TODAY)
    b.register.add_injury(
        InjuryDraft(date(2026, 7, 1), "traffic", "severe", "road", phin, child_name="Sùng A Dơ",
                    child_sex="M", child_birth_year=2015, child_village_id=phin), today=TODAY,
    )  # fmt: skip
    a.register.add_hazard_spot(
        HazardDraft(sin, "pond", "Ao đầu bản", ("sign",), None, date(2026, 5, 1)), today=TODAY
    )
    for number in [str(n) for n in range(1, 14)]:
        a.register.set_assessment_entry(2026, number, value="90", met=True, evidence="Có")
    a.register.mark_assessment_sent(2026, TODAY)
    b.register.set_assessment_entry(2026, "1", met=False, evidence="Chưa có kế hoạch")
    a.sync()
    b.sync()
    assert a.register.unsent_count() == 0 and b.register.unsent_count() == 0
    reader = new_reader(hub, tmp_path / "reader.db")
    reader.sync()
    seen = reader.register.injuries()
    assert {(r.commune_code, r.child_name, r.draft.cause) for r in seen} == {
        (COMMUNE, "Lò Thị Mai", "drowning"),
        (NEIGHBOUR, "Sùng A Dơ", "traffic"),
    }
    assert [r.child_name for r in reader.register.injuries(InjuryFilter(commune_code=NEIGHBOUR))
            ] == ["Sùng A Dơ"]  # fmt: skip
    [spot] = reader.register.hazard_spots()
    assert (spot.commune_code, spot.village, spot.draft.measures) == (COMMUNE, "Sín Chải",
                                                                      ("sign",))  # fmt: skip
    summaries = {s.commune_code: s for s in reader.register.area_assessments(2026)}
    assert summaries[COMMUNE].sent_on == "2026-11-25" and summaries[COMMUNE].meets_standard
    assert summaries[COMMUNE].met == 13
    assert summaries[NEIGHBOUR].sent_on is None and not summaries[NEIGHBOUR].meets_standard
    assert "1" in summaries[NEIGHBOUR].unmet
    with pytest.raises(ReadOnlyRegister):
        reader.register.set_assessment_entry(2026, "2", met=True)
    with pytest.raises(ReadOnlyRegister):
        reader.register.add_hazard_spot(
            HazardDraft(sin, "pond", "Ao", (), None, date(2026, 5, 1)), today=TODAY
        )
