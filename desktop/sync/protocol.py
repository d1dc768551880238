"""The sync protocol, defined once for the desktop client and the server.

Messages are JSON, gzip-compressed on the wire (``Content-Encoding: gzip`` on requests and
responses). Every message carries ``v``, the protocol version; a peer that speaks another
version answers HTTP 426 with a Vietnamese message saying which side must be updated. The
server still answers version 1 (desktops not yet updated) in version 1's shapes.

Version 2 (this one) adds: ``now``, the server's clock (milliseconds since 1970, UTC), in
every answer, so a desktop moves its clock forward and tells the officer when the PC's clock is
wrong; ``restamped`` in the push answer (below); ``incarnation`` in the push, an optional id of
the desktop's copy of its database (a restored backup gets a new one), kept by the server.

Push (device → server), ``POST /v1/push``, bearer token of a commune device::

    PushRequest{v, device, incarnation?, changes: [Change…]}   (changes in device ``seq`` order)
    → PushResponse{v, now, acked: highest seq now processed for this device,
                   rejected: [Rejection{seq, message}], restamped: [Restamp{seq, hlc}]}

The server applies each change idempotently: a (device, seq) it has already stored is
acknowledged again and not applied twice, so a batch re-sent after a cut is harmless. Every
field is checked against its record schema (`desktop.sync.records`); a change outside the
device's commune, of an unknown entity or field, or with a malformed value, is rejected with a
message naming the record and the field, and nothing of it is stored; the rest of the batch is
still applied. A rejected change is processed (``acked`` passes it) but nothing of it is
stored: the desktop shows it as a refused record (``sync_failure``) with the message and does not
count it as sent. The client marks entries processed only after the acknowledgement.

A change whose clock is more than `MAX_AHEAD_MS` ahead of the server's is stored with the
server's time instead (same node): one PC whose clock reads 2030 would otherwise win every
concurrent edit for years. ``restamped`` tells the device which of its changes now carry which
clock, so both sides compare the same values.

Pull (server → device or reader), ``GET /v1/pull?after=CURSOR&limit=N&v=2``::

    → PullResponse{v, now, changes: [ServerChange…], cursor, more}

Every change in a page stands alone (its own record, fields and clock), so a receiver can apply
a page row by row and set aside a row it cannot apply.

``cursor`` is the server's revision: one increasing sequence over every applied change.
Pull returns only rows within the caller's scope (its commune, or the communes beneath a
reader's unit) and leaves out a device's own changes. Conflict records travel in the same
stream as entity ``sync_conflict``.

Conflicts: each ``Change`` carries ``base``, the server cursor the device had pulled up to
when the edit was made. For every field, if another device changed it at a revision after
``base``, the two edits were concurrent: the one with the later HLC is kept and the other
value is stored as a conflict record (never dropped). Edits to different fields of one
record merge by themselves because the server keeps a clock per field.

Derived columns (folded names, sort keys, search text, latest birth date) are not sent; the
receiving desktop recomputes them.
"""

from __future__ import annotations

import gzip
import io
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

VERSION = 2
SUPPORTED_VERSIONS = frozenset({1, 2})
MAX_CHANGES_PER_PUSH = 500
MAX_AHEAD_MS = 10 * 60 * 1000  # a change's clock may run this far ahead of the server's
INT64 = 2**63 - 1  # sequence numbers and cursors: what both databases store
MAX_BODY_BYTES = 8 * 1024 * 1024  # after decompression; larger bodies are refused
CONFLICT_ENTITY = "sync_conflict"

# Columns of a synced row that are sent on the wire (the rest are recomputed on arrival).
DERIVED_FIELDS = frozenset({"name_folded", "sort_key", "search_text", "birth_latest"})


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Change(_Message):
    # Loose bounds here (a bad id or clock refuses only its change, see `records.Envelope`).
    seq: int = Field(ge=1, le=INT64, strict=True)  # the device's change_log sequence number
    entity: str = Field(max_length=100)
    id: str = Field(max_length=200)
    commune: str = Field(max_length=20)
    hlc: str = Field(max_length=200)
    by: str = Field(default="", max_length=200)
    base: int = Field(default=0, ge=0, le=INT64, strict=True)  # cursor the device had then
    fields: dict[str, Any]


class PushRequest(_Message):
    v: int
    device: str = Field(max_length=36)
    incarnation: str | None = Field(default=None, max_length=64)
    changes: list[Change] = Field(max_length=MAX_CHANGES_PER_PUSH)


class Rejection(_Message):
    seq: int
    message: str


class Restamp(_Message):
    seq: int
    hlc: str


class PushResponse(_Message):
    v: int = VERSION
    now: int | None = None
    acked: int
    rejected: list[Rejection] = []
    restamped: list[Restamp] = []


class ServerChange(_Message):
    rev: int
    entity: str
    id: str
    commune: str
    hlc: str
    by: str = ""
    fields: dict[str, Any]


class PullResponse(_Message):
    v: int = VERSION
    now: int | None = None
    changes: list[ServerChange]
    cursor: int
    more: bool


class ConflictFields(_Message):
    """The ``fields`` of a ``sync_conflict`` change: one field that two sides edited."""

    entity: str
    row_id: str
    field: str
    kept_value: Any = None
    kept_hlc: str
    lost_value: Any = None
    lost_hlc: str
    lost_by: str = ""
    resolved: bool = False


class ErrorBody(_Message):
    v: int = VERSION
    now: int | None = None
    error: Literal["version", "auth", "scope", "schema", "too_large", "too_many", "server"]
    message: str  # Vietnamese, shown to the user as is


# What version 1 did not have: left out of an answer to a version-1 desktop, whose messages
# refuse fields they do not know.
NEW_IN_V2 = frozenset({"now", "restamped", "incarnation"})


def dump(message: BaseModel, version: int = VERSION) -> bytes:
    """The JSON of a message as a peer speaking `version` expects it."""
    if version >= VERSION:
        return message.model_dump_json().encode()
    data = message.model_dump(mode="json", exclude=set(NEW_IN_V2))
    data["v"] = version
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def encode(message: BaseModel) -> bytes:
    """Compact JSON, gzip-compressed: what goes on the wire and into USB bundles."""
    raw = message.model_dump_json(exclude_defaults=False).encode()
    return gzip.compress(raw, compresslevel=6)


def decode_json(body: bytes, gzipped: bool = True) -> Any:
    """Decompress (refusing more than MAX_BODY_BYTES) and parse; raises ValueError."""
    if gzipped:
        try:
            decompressor = gzip.GzipFile(fileobj=io.BytesIO(body))
            raw = decompressor.read(MAX_BODY_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise ValueError("Dữ liệu nén bị hỏng.") from exc
    else:
        raw = body
    if len(raw) > MAX_BODY_BYTES:
        raise ValueError("Gói dữ liệu quá lớn.")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # bad UTF-8 or JSON, nesting, huge numbers
        raise ValueError("Dữ liệu không phải JSON hợp lệ.") from exc
