"""The narrative of protection cases, sealed inside the encrypted database.

The database is encrypted with the data key, which every account's password opens. What
happened in a case — its summary, who reported it, the notes of each step — is sealed once
more, to the newest cases key (`keyfile`): anyone can seal (an assistant's session storing a
case pulled from the server), only a session holding a cases private key opens, and only
officer slots carry those. So an assistant's password and plain `sqlcipher3` show that a case
exists, its type, dates, status and child (the tallies count them), but not the narrative.

Sealed values are text, `sealed1:` + base64(key id ‖ sealed box), in the rows, in their
change-log entries and in sync conflicts alike; the same value is bound to its column (AAD), so
a summary cannot be passed off as a note. On the wire to the server the outbox opens them again
(`desktop.db.sync_store`): the server and the district see what they always did.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from desktop.db import sealed_box

if TYPE_CHECKING:  # the login screen opens the key file before SQLAlchemy is imported
    from sqlalchemy import Connection

PREFIX = "sealed1:"
SEALED_FIELDS: dict[str, frozenset[str]] = {
    "protectioncase": frozenset({"summary", "reported_by"}),
    "casestep": frozenset({"notes"}),
}
LOCKED_TEXT = "(đã mã hóa — chỉ cán bộ phụ trách đọc được)"
DONE_KEY = "cases.sealed"  # setting: every stored narrative has been sealed once


class Locked(ValueError):
    """A sealed value and no key of this session opens it."""


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def sealed_field(entity: str, field: str) -> bool:
    return field in SEALED_FIELDS.get(entity, ())


def _aad(entity: str, field: str) -> bytes:
    return f"{entity}.{field}".encode("ascii")


@dataclass(frozen=True)
class CaseSeal:
    """The seal of one open register: the public key to seal to, the private keys it holds."""

    public: bytes | None = None  # None: a plain register, or an older key file
    ring: tuple[bytes, ...] = ()  # cases private keys of the logged-in officer, newest first

    @property
    def can_open(self) -> bool:
        return bool(self.ring)

    @cached_property
    def _by_id(self) -> dict[bytes, bytes]:
        return {sealed_box.key_id(sealed_box.public_key(k)): k for k in self.ring}

    def seal(self, entity: str, field: str, value: Any) -> Any:
        """The value as stored: sealed when it is case narrative and there is a key to seal to."""
        if (
            self.public is None
            or not sealed_field(entity, field)
            or not isinstance(value, str)
            or value == ""
            or is_sealed(value)
        ):
            return value
        blob = sealed_box.seal(self.public, value.encode("utf-8"), _aad(entity, field))
        return PREFIX + base64.b64encode(sealed_box.key_id(self.public) + blob).decode("ascii")

    def open(self, entity: str, field: str, value: Any) -> Any:
        """The value as typed; `Locked` when sealed and no key of this session opens it."""
        if not is_sealed(value):
            return value
        raw = base64.b64decode(value[len(PREFIX) :].encode("ascii"))
        wanted, blob = raw[:4], raw[4:]
        private = self._by_id.get(wanted)
        if private is None:
            raise Locked(value)
        try:
            return sealed_box.open_box(private, blob, _aad(entity, field)).decode("utf-8")
        except sealed_box.BoxError as exc:
            raise Locked(value) from exc

    def shown(self, entity: str, field: str, value: Any) -> Any:
        """The value to show: opened, or a note that only an officer can read it."""
        try:
            return self.open(entity, field, value)
        except Locked:
            return LOCKED_TEXT

    def seal_values(self, entity: str, values: dict[str, Any]) -> dict[str, Any]:
        fields = SEALED_FIELDS.get(entity)
        if not fields or self.public is None:
            return values
        return {k: self.seal(entity, k, v) if k in fields else v for k, v in values.items()}

    def open_values(self, entity: str, values: dict[str, Any]) -> dict[str, Any]:
        fields = SEALED_FIELDS.get(entity)
        if not fields:
            return values
        return {k: self.open(entity, k, v) if k in fields else v for k, v in values.items()}


def seal_stored(conn: Connection, seal: CaseSeal) -> int:
    """Seal narrative still stored in the clear (a register from before sealing, or pulled
    while its key file had no cases key): rows, their change-log entries and sync conflicts.
    Local representation only: nothing is logged or sent. Returns how many values it sealed."""
    from sqlalchemy import text

    if seal.public is None:
        return 0
    done = 0
    for entity, fields in SEALED_FIELDS.items():
        for field in sorted(fields):
            rows = conn.execute(
                text(
                    f"SELECT id, {field} FROM {entity} "
                    f"WHERE {field} != '' AND {field} NOT LIKE '{PREFIX}%'"
                )
            ).all()
            for row_id, value in rows:
                conn.execute(
                    text(f"UPDATE {entity} SET {field} = :v WHERE id = :id"),
                    {"v": seal.seal(entity, field, value), "id": row_id},
                )
                done += 1
        for seq, fields_json in conn.execute(
            text("SELECT seq, fields FROM change_log WHERE entity = :e"), {"e": entity}
        ).all():
            values = json.loads(fields_json)
            sealed = seal.seal_values(entity, values)
            if sealed != values:
                conn.execute(
                    text("UPDATE change_log SET fields = :f WHERE seq = :s"),
                    {"f": json.dumps(sealed, ensure_ascii=False), "s": seq},
                )
                done += 1
    for cid, entity, field, kept, lost in conn.execute(
        text("SELECT id, entity, field, kept_value, lost_value FROM sync_conflict")
    ).all():
        if not sealed_field(entity, field):
            continue
        new = [json.dumps(seal.seal(entity, field, json.loads(v)), ensure_ascii=False)
               for v in (kept, lost)]  # fmt: skip
        if new != [kept, lost]:
            conn.execute(
                text("UPDATE sync_conflict SET kept_value = :k, lost_value = :l WHERE id = :id"),
                {"k": new[0], "l": new[1], "id": cid},
            )
            done += 1
    return done
