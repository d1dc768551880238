"""Money as officers type it: one parser for every money field, exact or refused."""

import pytest

from desktop.domain.money import MoneyTextError, format_vnd, parse_vnd


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("540000", 540_000), ("540.000", 540_000), ("540 000", 540_000),
        ("2,000,000", 2_000_000), ("1500000 đ", 1_500_000), ("300000đồng", 300_000),
        ("540.000 VNĐ", 540_000),
        ("1,5 triệu", 1_500_000), ("1.5 triệu", 1_500_000), ("1,5tr", 1_500_000),
        ("2 triệu", 2_000_000), ("2 Triệu đồng", 2_000_000), ("1,25 triệu", 1_250_000),
        ("500 nghìn", 500_000), ("500 ngàn", 500_000), ("500k", 500_000), ("500K", 500_000),
        ("1 tỷ 200 triệu", 1_200_000_000), ("1 triệu 500 nghìn", 1_500_000),
        ("1.500 triệu", 1_500_000_000), ("0,5 tỷ", 500_000_000),
        ("  ", None), ("", None), ("0", 0),
    ],
)  # fmt: skip
def test_money_as_officers_type_it(typed, amount):
    assert parse_vnd(typed) == amount


@pytest.mark.parametrize(
    "typed",
    [
        "1,5",  # 1.5 million or 15?
        "năm trăm nghìn",  # words without digits
        "-500.000",
        "abc",
        "1.50.000",
        "1,500 triệu",
        "1,2345 nghìn",
        "200 triệu 1 tỷ",
        "500 nghìn 500 nghìn",
        "15 triệu abc",
    ],
)
def test_money_that_could_be_misread_is_refused(typed):
    with pytest.raises(MoneyTextError, match="không phải số tiền"):
        parse_vnd(typed)


def test_absurd_amounts_are_refused():
    with pytest.raises(MoneyTextError, match="quá lớn"):
        parse_vnd("9" * 20)


def test_amounts_are_written_with_dots():
    assert format_vnd(1_500_000) == "1.500.000 đ"
    assert format_vnd(-2_000) == "-2.000 đ"
    assert format_vnd(None) == ""
