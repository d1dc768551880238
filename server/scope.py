"""Which communes a caller may see, from the shipped administrative units."""

from __future__ import annotations

from functools import cache

from desktop import reference


class UnknownUnit(ValueError):
    pass


def require_commune(code: str) -> None:
    unit = reference.unit(code)
    if unit is None or unit.level != "commune":
        raise UnknownUnit(f"Mã “{code}” không phải mã xã/phường trong danh mục đơn vị hành chính.")


@cache
def reader_communes(unit_code: str, district: str | None = None) -> frozenset[str]:
    """Communes beneath a province (optionally only those of one former district) or a commune.

    Since 1 July 2025 there are no district units: a district reader is a province code plus
    the former district's name as the reference data records it ("Huyện Bát Xát").
    """
    if reference.unit(unit_code) is None:
        raise UnknownUnit(f"Mã “{unit_code}” không có trong danh mục đơn vị hành chính.")
    units = reference.units()
    communes = {
        code for code in reference.units_beneath(unit_code) if units[code].level == "commune"
    }
    if district:
        wanted = district.casefold().strip()
        communes = {
            c for c in communes if (units[c].former_district or "").casefold() == wanted
        }
        if not communes:
            raise UnknownUnit(f"Không có xã nào của “{district}” thuộc đơn vị {unit_code}.")
    return frozenset(communes)
