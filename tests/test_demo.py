from datetime import date

from sqlalchemy import text

from desktop import reference
from desktop.db.register import Register
from desktop.demo import fill_demo


def test_demo_commune_is_realistic(tmp_path):
    register = Register.open(tmp_path / "demo.db")
    register.init_commune("02725")
    fill_demo(register, 2000, seed=7, today=date(2026, 11, 25))
    assert register.child_count() == 2000
    with register.engine.connect() as conn:

        def scalar(sql):
            return conn.execute(text(sql)).scalar_one()

        special = scalar("SELECT COUNT(DISTINCT child_id) FROM circumstance WHERE kind = 'special'")
        assert 0.03 * 2000 <= special <= 0.07 * 2000
        assert scalar("SELECT COUNT(*) FROM circumstance WHERE kind = 'risk'") > 0
        assert scalar("SELECT COUNT(*) FROM circumstance WHERE end_date IS NOT NULL") > 0
        assert scalar("SELECT COUNT(*) FROM support") > 0
        assert scalar("SELECT COUNT(*) FROM protectioncase") >= 2
        assert scalar("SELECT COUNT(*) FROM activity") > 0
        assert scalar("SELECT COUNT(*) FROM trainingcourse") > 0
        assert (
            scalar("SELECT target_value FROM plantarget WHERE indicator = 'courses'"),
            scalar("SELECT target_value FROM plantarget WHERE indicator = 'course_participants'"),
        ) == (9, 540)
        mix = dict(conn.execute(text("SELECT ethnic_code, COUNT(*) FROM child GROUP BY 1")).all())
    names = {reference.ethnic_groups()[c].name for c in mix}
    assert {"Mông", "Dao", "Tày", "Giáy", "Nùng", "Kinh"} <= names
    assert max(mix, key=mix.get) == "08"  # Mông the largest group, as in a Lào Cai highland commune
    assert len(register.villages()) >= 6


def test_same_seed_same_people(tmp_path):
    names = []
    for n in (1, 2):
        register = Register.open(tmp_path / f"d{n}.db")
        register.init_commune("02725")
        fill_demo(register, 100, seed=3, today=date(2026, 11, 25))
        with register.engine.connect() as conn:
            names.append(conn.execute(text("SELECT full_name FROM child ORDER BY rowid")).all())
    assert names[0] == names[1]
