"""The criteria of the child-friendly commune in use: the province's file, else the shipped one.

The shipped file (`resources/child_friendly_criteria.json`) marks every criterion whose wording
or pass rule is not confirmed. A province replaces it by putting its own file, in the same
format, into the application's data folder as `tieu-chi-xa-phu-hop-voi-tre-em.json`; it is read
instead from the next start. A file that cannot be used is said in Vietnamese, naming it; the
shipped one is not used silently in its place.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from desktop import config
from desktop.domain.assessment import CriteriaError, CriteriaSet, parse_criteria
from desktop.reference import resources_dir

PROVINCE_FILE = "tieu-chi-xa-phu-hop-voi-tre-em.json"
SHIPPED_FILE = "child_friendly_criteria.json"


def path_in_use() -> Path:
    own = config.data_dir() / PROVINCE_FILE
    return own if own.exists() else resources_dir() / SHIPPED_FILE


def active() -> CriteriaSet:
    """The criteria to assess against (read once per file and change time)."""
    path = path_in_use()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise CriteriaError(f"không đọc được tệp tiêu chí {path}: {exc.strerror}.") from exc
    return _read(str(path), stamp)


@cache
def _read(path: str, _stamp: int) -> CriteriaSet:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CriteriaError(f"tệp tiêu chí {path} không đọc được ({exc}).") from exc
    try:
        return parse_criteria(data, path)
    except CriteriaError as exc:
        raise CriteriaError(f"tệp tiêu chí {path}: {exc}") from exc
