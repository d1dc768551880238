from datetime import date

from desktop.domain.deadlines import upcoming


def test_lao_cai_calendar():
    dues = {d.kind: d for d in upcoming(date(2026, 5, 1), "15")}
    assert (dues["semiannual"].period, dues["semiannual"].due) == ("2026-H1", date(2026, 5, 15))
    assert (dues["annual"].period, dues["annual"].due) == ("2026", date(2026, 10, 10))
    assert (dues["monthly"].period, dues["monthly"].due) == ("2026-04", date(2026, 5, 20))
    assert upcoming(date(2026, 5, 1), "15")[0].kind == "semiannual"  # soonest first


def test_after_the_dates_the_next_year_is_due():
    dues = {d.kind: d for d in upcoming(date(2026, 11, 25), "15")}
    assert dues["annual"].due == date(2027, 10, 10)
    assert (dues["monthly"].period, dues["monthly"].due) == ("2026-11", date(2026, 12, 20))
    december = {d.kind: d for d in upcoming(date(2026, 12, 25), None)}
    assert december["monthly"].due == date(2027, 1, 20)


def test_other_provinces_use_the_default_calendar():
    dues = {d.kind: d for d in upcoming(date(2026, 1, 5), "01")}
    assert dues["semiannual"].due == date(2026, 5, 20)
    assert dues["annual"].due == date(2026, 11, 15)


def test_the_settings_file_can_override_the_calendar():
    dues = {d.kind: d for d in upcoming(date(2026, 1, 5), "15", {"annual": [12, 1]})}
    assert dues["annual"].due == date(2026, 12, 1)
    assert dues["semiannual"].due == date(2026, 5, 15)  # the province's date is kept
