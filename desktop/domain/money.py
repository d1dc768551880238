"""Money in VND, written the Vietnamese way: 1.250.000 đ."""


def format_vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đ"


def format_percent(value: float) -> str:
    """Vietnamese decimal comma: 4.2 → "4,2%"."""
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + "%"
