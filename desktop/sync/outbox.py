"""Between the register and the wire: push batches from the outbox, pulled pages into tables."""

from __future__ import annotations

from desktop.db.register import Register
from desktop.db.sync_store import ApplyResult, Incoming, OutboxEntry
from desktop.sync import protocol


def push_request(
    register: Register, limit: int = protocol.MAX_CHANGES_PER_PUSH
) -> protocol.PushRequest | None:
    """The next batch of unsent changes (oldest first), or None when everything is sent."""
    entries = register.outbox(min(limit, protocol.MAX_CHANGES_PER_PUSH))
    if not entries:
        return None
    return protocol.PushRequest(
        v=protocol.VERSION, device=register.device_id, changes=[to_change(e) for e in entries]
    )


def to_change(entry: OutboxEntry) -> protocol.Change:
    return protocol.Change(
        seq=entry.seq, entity=entry.entity, id=entry.row_id, commune=entry.commune_code,
        hlc=entry.hlc, by=entry.by[:64], base=entry.base,
        fields={k: v for k, v in entry.fields.items() if k not in protocol.DERIVED_FIELDS},
    )  # fmt: skip


def acknowledge(register: Register, response: protocol.PushResponse) -> int:
    """Take the server's clocks for restamped changes, then mark what it processed as sent and
    keep its refusals; returns entries marked. (Clocks first: a cut in between leaves the
    entries unsent, and their replay is answered with the same clocks.)"""
    if response.restamped:
        register.restamp({r.seq: r.hlc for r in response.restamped})
    return register.mark_sent(response.acked, {r.seq: r.message for r in response.rejected})


def apply_pull(register: Register, response: protocol.PullResponse) -> ApplyResult:
    """Apply one pulled page and move the cursor, in one transaction."""
    changes = [
        Incoming(c.rev, c.entity, c.id, c.commune, c.hlc, c.by, c.fields) for c in response.changes
    ]
    return register.apply_pulled(changes, response.cursor)
