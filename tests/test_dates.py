from datetime import date

import pytest

from desktop.domain.dates import (
    DateTextError,
    PartialDate,
    Precision,
    age_on,
    is_child_on,
    parse_partial_date,
    sixteenth_birthday,
)

TODAY = date(2026, 11, 25)


def test_precision_follows_what_is_known():
    assert PartialDate(2016).precision is Precision.YEAR
    assert PartialDate(2016, 2).precision is Precision.MONTH
    assert PartialDate(2016, 2, 25).precision is Precision.DAY


def test_age_with_full_date():
    born = PartialDate(2010, 11, 26)
    assert age_on(born, date(2026, 11, 25)) == 15
    assert age_on(born, date(2026, 11, 26)) == 16


def test_age_with_year_only_counts_from_the_last_day_of_the_year():
    # A child born "in 2010" is certainly 16 only from 31/12/2026.
    assert age_on(PartialDate(2010), date(2026, 12, 30)) == 15
    assert age_on(PartialDate(2010), date(2026, 12, 31)) == 16


def test_age_with_month_and_year_counts_from_the_last_day_of_the_month():
    assert age_on(PartialDate(2010, 2), date(2026, 2, 27)) == 15
    assert age_on(PartialDate(2010, 2), date(2026, 2, 28)) == 16


def test_child_means_under_16():
    assert is_child_on(PartialDate(2011, 1, 1), TODAY)
    assert not is_child_on(PartialDate(2010, 1, 1), TODAY)


def test_sixteenth_birthday_from_a_partial_date():
    assert sixteenth_birthday(PartialDate(2010, 5)) == date(2026, 5, 31)
    assert sixteenth_birthday(PartialDate(2010)) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25/02/2016", PartialDate(2016, 2, 25)),
        ("5/3/16", PartialDate(2016, 3, 5)),
        ("5-3-2016", PartialDate(2016, 3, 5)),
        ("02/2016", PartialDate(2016, 2)),
        ("2016", PartialDate(2016)),
        ("2016-02-25", PartialDate(2016, 2, 25)),
        ("3/4/99", PartialDate(1999, 4, 3)),
    ],
)
def test_parse_the_ways_officers_write_dates(text, expected):
    assert parse_partial_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2015", "ngày 31/02/2015 không có thật"),
        ("13/2016", "tháng 13 không hợp lệ"),
        ("mười hai", "không phải là ngày"),
    ],
)
def test_parse_rejects_impossible_dates_in_vietnamese(text, message):
    with pytest.raises(DateTextError, match=message):
        parse_partial_date(text, today=TODAY)


def test_display_matches_precision():
    assert PartialDate(2016, 2, 5).display() == "05/02/2016"
    assert PartialDate(2016, 2).display() == "02/2016"
    assert PartialDate(2016).display() == "2016"
