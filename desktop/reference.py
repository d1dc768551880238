"""Reference data shipped in `resources/`: administrative units and ethnic groups.

These are official facts, not synced and not edited by the officer: dated JSON snapshots made
by scripts in `resources/` and read once per process.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.domain.names import fold


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # inside a PyInstaller bundle
    base = Path(frozen) if frozen else Path(__file__).resolve().parent.parent
    return base / "resources"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    short_name: str
    level: str  # province | commune
    kind: str
    parent_code: str | None
    former_district: str | None


@dataclass(frozen=True)
class EthnicGroup:
    code: str
    name: str
    aliases: tuple[str, ...]


@cache
def units() -> dict[str, Unit]:
    data = json.loads((resources_dir() / "admin_units.json").read_text(encoding="utf-8"))
    return {
        u["code"]: Unit(
            u["code"], u["name"], u["short_name"], u["level"], u["kind"],
            u.get("parent_code"), u.get("former_district"),
        )
        for u in data["units"]
    }  # fmt: skip


def provinces() -> list[Unit]:
    return [u for u in units().values() if u.level == "province"]


def communes_of(province_code: str) -> list[Unit]:
    return [u for u in units().values() if u.parent_code == province_code]


def unit(code: str) -> Unit | None:
    return units().get(code)


def units_beneath(code: str) -> set[str]:
    """Codes of the unit and every unit below it (the tree may have any depth)."""
    children: dict[str, list[str]] = {}
    for u in units().values():
        if u.parent_code:
            children.setdefault(u.parent_code, []).append(u.code)
    found, stack = set(), [code]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(children.get(current, ()))
    return found


@cache
def ethnic_groups() -> dict[str, EthnicGroup]:
    data = json.loads((resources_dir() / "ethnic_groups.json").read_text(encoding="utf-8"))
    return {
        g["code"]: EthnicGroup(g["code"], g["name"], tuple(g.get("aliases", ())))
        for g in data["groups"]
    }


def _squash(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


@cache
def _ethnic_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for group in ethnic_groups().values():
        for name in (group.name, *group.aliases):
            lookup.setdefault(_squash(name), group.code)
        lookup[group.code] = group.code
        lookup[str(int(group.code))] = group.code
    return lookup


def ethnic_code_for(text: str) -> str | None:
    """The official code for a loosely written name: "H'Mông", "Hmông", "Mông" → "08"."""
    return _ethnic_lookup().get(_squash(text))
