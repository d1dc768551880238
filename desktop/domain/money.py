"""Money in VND, written and typed the Vietnamese way: 1.250.000 đ, "1,5 triệu", "500k".

One parser serves every money field of the application (supports, activities, courses, the
fund, plan targets): what an officer types is either read exactly or refused with a message
that says how to write it — never guessed ("1,5" alone might mean 1.5 million or 15).
"""

from __future__ import annotations

import re

from desktop.domain.names import fold

# Units an officer writes after a number, folded (no tones, đ → d); "tr" is the usual shorthand.
_UNITS = {
    "ty": 1_000_000_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "k": 1_000,
}
_CURRENCY = re.compile(r"\s*(dong|vnd|d)\s*$")
_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
# One "number unit" part: "1,5 triệu", "500k", "2tr"; a decimal separator is . or ,
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ty|trieu|tr|nghin|ngan|k)\b")
LARGEST = 10**15  # a sanity bound: far above any commune's fund, far below 64-bit overflow


class MoneyTextError(ValueError):
    """What was typed is not an amount of money; the message says how to write one."""


def _refuse(text: str) -> MoneyTextError:
    return MoneyTextError(
        f"“{text.strip()}” không phải số tiền (nhập ví dụ 1.500.000, 1,5 triệu hoặc 500 nghìn)"
    )


def _with_unit(number: str, unit: str, text: str) -> int:
    """ "1,5" triệu → 1.500.000. A dot before three digits groups thousands, as Vietnamese
    writes them ("1.500 triệu" = 1.500.000.000); a comma before three digits could be either
    habit and is refused."""
    scale = _UNITS[unit]
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", number):
        return int(number.replace(".", "")) * scale
    whole, separator, fraction = number.replace(",", ".").partition(".")
    if separator and (len(fraction) >= 3 and "," in number):
        raise _refuse(text)
    numerator = int(whole + fraction) * scale
    denominator: int = 10 ** len(fraction)
    if numerator % denominator:
        raise _refuse(text)  # "1,2345 nghìn" is not a whole number of đồng
    return numerator // denominator


def parse_vnd(text: str) -> int | None:
    """Money as officers type it → đồng; "" → None. Raises MoneyTextError otherwise.

    Accepted: "540000", "540.000", "540 000", "540,000", "1500000 đ"; "1,5 triệu", "1.5tr",
    "2 triệu", "500 nghìn", "500 ngàn", "500k", "1 tỷ 200 triệu", "1 triệu 500 nghìn đồng".
    Refused: a bare "1,5" (1.5 million or 15?), negative amounts, words without digits
    ("năm trăm nghìn"), and anything above 10^15.
    """
    folded = fold(text).strip()
    cleaned = _CURRENCY.sub("", folded).strip()
    if not cleaned:
        return None
    if cleaned.isdigit():
        value = int(cleaned)
    elif _GROUPED.match(cleaned):
        value = int(re.sub(r"[.,\s]", "", cleaned))
    else:
        parts = list(_PART.finditer(cleaned))
        rest = _PART.sub("", cleaned).strip()
        units = [_UNITS[m.group(2)] for m in parts]
        # Parts come largest first, each unit once: "1 tỷ 200 triệu", not "200 triệu 1 tỷ".
        if not parts or rest or units != sorted(set(units), reverse=True):
            raise _refuse(text)
        value = sum(_with_unit(m.group(1), m.group(2), text) for m in parts)
    if value > LARGEST:
        raise MoneyTextError(f"“{text.strip()}” quá lớn để là một số tiền")
    return value


def format_vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đ"


def format_percent(value: float) -> str:
    """Vietnamese decimal comma: 4.2 → "4,2%"."""
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + "%"
