"""Build ``resources/admin_units.json``: Vietnam's post-1/7/2025 administrative units.

Source of the new units: the ``vietnam_provinces`` package (PyPI ``vietnam-provinces``
2025.10.1), i.e. ``Province.iter_all()`` and ``Ward.iter_all()``: 34 provinces and
3,321 commune-level units (xã / phường / đặc khu), no districts (Nghị quyết
202/2025/QH15 and the 2025 UBTVQH resolutions on commune-level rearrangement).

``former_district`` (the pre-2025 district, e.g. "Huyện Bát Xát")
-----------------------------------------------------------------
vietnam-provinces 2025.10.1 ships no pre-2025 data and no old-to-new mapping (it has no
``legacy`` module). The pre-merger data set (provinces > districts > wards, retrieved
2025-01-04) is in the same package's last pre-2025 release, 0.6.0. Both versions cannot
be imported in one interpreter, so this script reads that release's wheel as a plain
zip file (stdlib only); pass it with ``--legacy``::

    pip download --no-deps -d /tmp/vpl vietnam-provinces==0.6.0
    python resources/make_units_snapshot.py --legacy /tmp/vpl/vietnam_provinces-0.6.0-*.whl

Without ``--legacy`` every ``former_district`` is null (a warning is printed).

Method, in order of preference:

1. Inherited code. Under the 2025 rearrangement a new commune-level unit keeps the GSO
   code of one of the old communes it was formed from (in the data, 3,310 of the 3,321
   new codes are old ward codes, and each lies in an old province that merged into the
   unit's new province; the script checks the latter). If the new code exists as an
   old ward code, ``former_district`` is that old ward's district. The new unit
   contains (all or part of) that old ward, so the value is one of its former
   districts. For a unit formed across two districts it names only one of them (the
   full list of constituent old wards is not available).
2. Code bracket. If the code is not an old ward code (a ward merged on 1/1/2025 and
   missing from the 2025-01-04 data, for example), the nearest lower and higher old
   ward codes are used. GSO allocates codes in blocks per district, so if both
   neighbours are in the same district, that district is used.
3. Name match (special zones). Đặc khu that replaced island districts without
   communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) are matched to the old
   district of the same name within the old provinces of the new province. The old
   provinces of a new province are the old provinces of its other units' inherited codes.

Otherwise ``former_district`` is null. Plain name matching (new commune name = old ward
name) was tried and rejected as the main method: 75 of its ~2,080 unique matches
disagreed with the inherited code, either false matches (e.g. Phường Thanh Xuân, Hà Nội
to Xã Thanh Xuân, Huyện Sóc Sơn) or communes formed across district lines.

Usage: ``python resources/make_units_snapshot.py [--legacy WHEEL_OR_JSON] [--out PATH]
[--snapshot-date YYYY-MM-DD]``. The script exits non-zero if a sanity check fails.
"""

import argparse
import bisect
import datetime as dt
import json
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, NamedTuple

import vietnam_provinces
from vietnam_provinces import Province, VietNamDivisionType, Ward

EXPECTED_PROVINCES = 34
EXPECTED_COMMUNES = 3321
GENERATED_BY = "resources/make_units_snapshot.py"
DEFAULT_OUT = Path(__file__).resolve().parent / "admin_units.json"
LEGACY_MEMBER = "vietnam_provinces/data/nested-divisions.json"
LEGACY_INIT = "vietnam_provinces/__init__.py"

KIND_BY_TYPE: dict[VietNamDivisionType, str] = {
    VietNamDivisionType.TINH: "tỉnh",
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: "thành phố",
    VietNamDivisionType.XA: "xã",
    VietNamDivisionType.PHUONG: "phường",
    VietNamDivisionType.DAC_KHU: "đặc khu",
}
PREFIX_BY_KIND: dict[str, str] = {
    "tỉnh": "Tỉnh ",
    "thành phố": "Thành phố ",
    "xã": "Xã ",
    "phường": "Phường ",
    "đặc khu": "Đặc khu ",
}
OLD_DISTRICT_PREFIXES = (
    "Huyện đảo ",
    "Huyện ",
    "Quận ",
    "Thị xã ",
    "Thành phố ",
)


class OldWard(NamedTuple):
    """A pre-2025 commune-level unit with its district and province."""

    code: int
    province_code: int
    district_name: str


class OldData(NamedTuple):
    """Pre-2025 units read from vietnam-provinces 0.6.0."""

    label: str
    wards: dict[int, OldWard]
    sorted_codes: list[int]
    districts_by_province: dict[int, list[str]]


class SanityError(Exception):
    """A check on the generated data failed."""


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC form with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", text).strip()


def strip_prefix(name: str, prefix: str) -> str:
    """Remove a unit-type prefix such as "Xã " from ``name``, or fail."""
    if not name.startswith(prefix):
        msg = f"{name!r} does not start with {prefix!r}"
        raise SanityError(msg)
    return name[len(prefix) :]


def load_legacy(path: Path) -> OldData:
    """Read pre-2025 provinces/districts/wards from a 0.6.0 wheel or its nested JSON."""
    label = f"vietnam-provinces legacy data from {path.name}"
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as wheel:
            raw = wheel.read(LEGACY_MEMBER)
            init_text = wheel.read(LEGACY_INIT).decode("utf-8")
        version = data_version = "?"
        for line in init_text.splitlines():
            if line.startswith("__version__"):
                version = line.split("=", 1)[1].strip().strip("'\"")
            elif line.startswith("__data_version__"):
                data_version = line.split("=", 1)[1].strip().strip("'\"")
        label = f"vietnam-provinces {version} (PyPI), pre-2025 units retrieved {data_version}"
    else:
        raw = path.read_bytes()
    provinces: list[dict[str, Any]] = json.loads(raw)
    wards: dict[int, OldWard] = {}
    districts_by_province: dict[int, list[str]] = defaultdict(list)
    for province in provinces:
        if "districts" not in province:
            msg = f"{path} is not pre-2025 nested data (no 'districts' key)"
            raise SanityError(msg)
        province_code = int(province["code"])
        for district in province["districts"]:
            district_name = nfc(district["name"])
            districts_by_province[province_code].append(district_name)
            for ward in district["wards"]:
                code = int(ward["code"])
                wards[code] = OldWard(code, province_code, district_name)
    return OldData(label, wards, sorted(wards), dict(districts_by_province))


def old_district_short(name: str) -> str:
    """Return an old district name without its type prefix ("Huyện Lý Sơn")."""
    for prefix in OLD_DISTRICT_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def derive_former_districts(
    communes: list[dict[str, Any]], old: OldData
) -> tuple[dict[str, str], Counter[str]]:
    """Map commune code -> former district name; also count the method used."""
    result: dict[str, str] = {}
    methods: Counter[str] = Counter()
    old_provinces: dict[str, set[int]] = defaultdict(set)
    pending: list[dict[str, Any]] = []
    for unit in communes:
        old_ward = old.wards.get(int(unit["code"]))
        if old_ward is None:
            pending.append(unit)
            continue
        result[unit["code"]] = old_ward.district_name
        old_provinces[unit["parent_code"]].add(old_ward.province_code)
        methods["inherited code"] += 1

    # Old provinces were merged whole, so each must feed exactly one new province.
    new_by_old: dict[int, set[str]] = defaultdict(set)
    for new_code, old_codes in old_provinces.items():
        for old_code in old_codes:
            new_by_old[old_code].add(new_code)
    split = {old_code: sorted(new) for old_code, new in new_by_old.items() if len(new) > 1}
    if split:
        msg = f"inherited codes put old provinces in several new ones: {split}"
        raise SanityError(msg)

    for unit in pending:
        code = int(unit["code"])
        allowed = old_provinces[unit["parent_code"]]
        if unit["kind"] == "đặc khu":
            matches = {
                district
                for province_code in allowed
                for district in old.districts_by_province.get(province_code, [])
                if old_district_short(district) == unit["short_name"]
            }
            if len(matches) == 1:
                result[unit["code"]] = matches.pop()
                methods["special-zone name match"] += 1
            continue
        index = bisect.bisect_left(old.sorted_codes, code)
        if 0 < index < len(old.sorted_codes):
            lower = old.wards[old.sorted_codes[index - 1]]
            upper = old.wards[old.sorted_codes[index]]
            if (
                lower.district_name == upper.district_name
                and lower.province_code == upper.province_code
                and lower.province_code in allowed
            ):
                result[unit["code"]] = lower.district_name
                methods["code bracket"] += 1
    return result, methods


def build_units() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (provinces, communes) as snapshot records, sorted by code."""
    provinces: list[dict[str, Any]] = []
    for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        kind = KIND_BY_TYPE[province.division_type]
        prefix = PREFIX_BY_KIND[kind]
        raw_name = nfc(province.name)
        # The package spells cities in full ("Thành phố Hà Nội"),
        # provinces bare ("Lào Cai").
        short_name = raw_name.removeprefix(prefix)
        provinces.append(
            {
                "code": f"{int(province.code):02d}",
                "name": prefix + short_name,
                "short_name": short_name,
                "level": "province",
                "kind": kind,
                "parent_code": None,
                "former_district": None,
            }
        )
    communes: list[dict[str, Any]] = []
    wards = sorted(Ward.iter_all(), key=lambda w: (int(w.province_code), int(w.code)))
    for ward in wards:
        kind = KIND_BY_TYPE[ward.division_type]
        name = nfc(ward.name)
        communes.append(
            {
                "code": f"{int(ward.code):05d}",
                "name": name,
                "short_name": strip_prefix(name, PREFIX_BY_KIND[kind]),
                "level": "commune",
                "kind": kind,
                "parent_code": f"{int(ward.province_code):02d}",
                "former_district": None,
            }
        )
    return provinces, communes


def check(provinces: list[dict[str, Any]], communes: list[dict[str, Any]]) -> None:
    """Raise SanityError unless the unit counts and parent links are as expected."""
    if len(provinces) != EXPECTED_PROVINCES:
        msg = f"expected {EXPECTED_PROVINCES} provinces, got {len(provinces)}"
        raise SanityError(msg)
    if len(communes) != EXPECTED_COMMUNES:
        msg = f"expected {EXPECTED_COMMUNES} communes, got {len(communes)}"
        raise SanityError(msg)
    codes = [u["code"] for u in provinces + communes]
    if len(set(codes)) != len(codes):
        msg = "duplicate unit codes"
        raise SanityError(msg)
    province_codes = {p["code"] for p in provinces}
    orphans = [c["code"] for c in communes if c["parent_code"] not in province_codes]
    if orphans:
        msg = f"{len(orphans)} communes have no parent province, e.g. {orphans[:5]}"
        raise SanityError(msg)
    empty = province_codes - {c["parent_code"] for c in communes}
    if empty:
        msg = f"provinces without communes: {sorted(empty)}"
        raise SanityError(msg)


def render(header: dict[str, Any], units: list[dict[str, Any]]) -> str:
    """Serialise as JSON with one unit per line."""
    lines = ["{"]
    for key, value in header.items():
        encoded = json.dumps(value, ensure_ascii=False)
        lines.append(f"{json.dumps(key, ensure_ascii=False)}: {encoded},")
    lines.append('"units": [')
    body = [json.dumps(unit, ensure_ascii=False) for unit in units]
    lines.append(",\n".join(body))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--legacy",
        type=Path,
        help="vietnam_provinces-0.6.0 wheel (or its data/nested-divisions.json)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON path")
    parser.add_argument(
        "--snapshot-date",
        type=dt.date.fromisoformat,
        default=dt.datetime.now(tz=dt.UTC).date(),
        help="date recorded in the snapshot (default: today, UTC)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate the snapshot; return the process exit status."""
    args = parse_args(argv)
    try:
        provinces, communes = build_units()
        check(provinces, communes)
        legacy_label = None
        methods: Counter[str] = Counter()
        if args.legacy is None:
            sys.stderr.write("warning: no --legacy given; former_district will be null\n")
        else:
            old = load_legacy(args.legacy)
            legacy_label = old.label
            former, methods = derive_former_districts(communes, old)
            for unit in communes:
                unit["former_district"] = former.get(unit["code"])
    except (SanityError, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1

    header: dict[str, Any] = {
        "source": (
            f"vietnam-provinces {vietnam_provinces.__version__} (PyPI), "
            "post-1/7/2025 units (Nghị quyết 202/2025/QH15)"
        ),
        "snapshot_date": args.snapshot_date.isoformat(),
        "generated_by": GENERATED_BY,
        "former_district_source": legacy_label,
    }
    args.out.write_text(render(header, provinces + communes), encoding="utf-8")
    with_district = sum(1 for c in communes if c["former_district"])
    sys.stdout.write(
        f"wrote {args.out}: {len(provinces)} provinces, {len(communes)} communes, "
        f"{with_district} with former_district {dict(methods)}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
