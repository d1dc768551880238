"""The sync protocol, defined once for the desktop client and the server.

Messages are JSON, gzip-compressed on the wire (``Content-Encoding: gzip`` on requests and
responses). Every message carries ``v``, the protocol version; a peer that speaks another
version answers HTTP 426 with a Vietnamese message saying which side must be updated.

Push (device → server), ``POST /v1/push``, bearer token of a commune device::

    PushRequest{v, device, changes: [Change…]}   (changes in device ``seq`` order)
    → PushResponse{v, acked: highest seq now stored for this device,
                   rejected: [Rejection{seq, message}]}

The server applies each change idempotently: a (device, seq) it has already stored is
acknowledged again and not applied twice, so a batch re-sent after a cut is harmless. A change
outside the device's commune, of an unknown entity or field, is rejected with a message
naming the record; the rest of the batch is still applied. The client marks entries sent
only after the acknowledgement.

Pull (server → device or reader), ``GET /v1/pull?after=CURSOR&limit=N``::

    → PullResponse{v, changes: [ServerChange…], cursor, more}

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

VERSION = 1
MAX_CHANGES_PER_PUSH = 500
MAX_BODY_BYTES = 8 * 1024 * 1024  # after decompression; larger bodies are refused
CONFLICT_ENTITY = "sync_conflict"

# Columns of a synced row that are sent on the wire (the rest are recomputed on arrival).
DERIVED_FIELDS = frozenset({"name_folded", "sort_key", "search_text", "birth_latest"})


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Change(_Message):
    seq: int = Field(ge=1)  # the device's change_log sequence number
    entity: str = Field(max_length=40)
    id: str = Field(max_length=36)
    commune: str = Field(max_length=10)
    hlc: str = Field(max_length=64)
    by: str = Field(default="", max_length=64)
    base: int = Field(default=0, ge=0)  # server cursor the device had when it made the edit
    fields: dict[str, Any]


class PushRequest(_Message):
    v: int
    device: str = Field(max_length=36)
    changes: list[Change] = Field(max_length=MAX_CHANGES_PER_PUSH)


class Rejection(_Message):
    seq: int
    message: str


class PushResponse(_Message):
    v: int = VERSION
    acked: int
    rejected: list[Rejection] = []


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
    error: Literal["version", "auth", "scope", "schema", "too_large", "server"]
    message: str  # Vietnamese, shown to the user as is


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
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("Dữ liệu không phải JSON hợp lệ.") from exc
