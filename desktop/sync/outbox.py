"""Between the register and the wire: push batches from the outbox, pulled pages into tables."""

from __future__ import annotations

from typing import Any

from desktop.db.register import Register
from desktop.db.sync_store import ApplyResult, Incoming, Marked, OutboxEntry
from desktop.sync import protocol, records


def push_request(
    register: Register, limit: int = protocol.MAX_CHANGES_PER_PUSH
) -> protocol.PushRequest | None:
    """The next batch of unsent changes (oldest first, all written by one incarnation of the
    database), or None when everything is sent."""
    entries = register.outbox(min(limit, protocol.MAX_CHANGES_PER_PUSH))
    if not entries:
        return None
    return request_of(register, entries)


def request_of(register: Register, entries: list[OutboxEntry]) -> protocol.PushRequest:
    """The push of `entries` (one incarnation's). Entries written before incarnations existed
    ("") go without one, and the server treats them as it always did."""
    return protocol.PushRequest(
        v=protocol.VERSION,
        device=register.device_id,
        incarnation=entries[0].incarnation or None,
        changes=[to_change(e) for e in entries],
    )


def batches(entries: list[OutboxEntry]) -> list[list[OutboxEntry]]:
    """Entries cut into pushes: at most `MAX_CHANGES_PER_PUSH`, one incarnation each."""
    out: list[list[OutboxEntry]] = []
    for entry in entries:
        if (
            not out
            or len(out[-1]) >= protocol.MAX_CHANGES_PER_PUSH
            or out[-1][0].incarnation != entry.incarnation
        ):
            out.append([])
        out[-1].append(entry)
    return out


def to_change(entry: OutboxEntry) -> protocol.Change:
    return protocol.Change(
        seq=entry.seq, entity=entry.entity, id=entry.row_id, commune=entry.commune_code,
        hlc=entry.hlc, by=entry.by[:64], base=entry.base,
        fields={k: v for k, v in entry.fields.items() if k not in protocol.DERIVED_FIELDS},
    )  # fmt: skip


def acknowledge(
    register: Register, response: protocol.PushResponse, incarnation: str | None
) -> Marked:
    """Take the server's clocks for restamped changes, then mark what it processed of the push
    (of `incarnation`'s changes) as sent and keep its refusals. (Clocks first: a cut in between
    leaves the entries unsent, and their replay is answered with the same clocks.)"""
    if response.restamped:
        register.restamp({r.seq: r.hlc for r in response.restamped})
    return register.mark_sent(
        response.acked, {r.seq: r.message for r in response.rejected}, incarnation or ""
    )


def restore_report(pushed: int, pulled: int) -> str:
    """What the first sync after a restore did, in the officer's words."""
    return (
        "Đã đối chiếu dữ liệu khôi phục từ bản sao lưu với máy chủ: máy chủ nhận "
        f"{pushed} thay đổi chưa gửi (không có thay đổi nào bị gửi trùng hay bị bỏ qua), và máy "
        f"này nhận về {pulled} thay đổi, gồm cả những gì nó đã gửi sau lúc sao lưu."
    )


def check_pulled(change: Incoming, stored: dict[str, Any] | None) -> list[str]:
    """A pulled change against the record schemas the server checks with (`records`): the
    problems that would make it unsafe to apply. Fields of a newer version are left aside."""
    if change.entity not in records.SCHEMAS:
        return [f"loại dữ liệu “{records.printable(change.entity)[:40]}” không được đồng bộ."]
    _, problems = records.envelope_problems(change.row_id, change.hlc, change.by)
    known = records.SCHEMAS[change.entity].model_fields
    fields = {k: v for k, v in change.fields.items() if k in known}
    clean, field_problems = records.field_problems(change.entity, fields)
    problems += field_problems
    # A new record must be whole; only its creation time may be left to the clock (the records
    # of conflicts the server makes carry none).
    missing = sorted(records.required(change.entity) - set(fields) - {"created_at"})
    if stored is None and missing:
        problems.append("bản ghi mới thiếu " + ", ".join(records.describe_missing(missing)) + ".")
    if not problems:
        problems += records.row_problems(change.entity, {**(stored or {}), **clean})
    return problems


def apply_pull(register: Register, response: protocol.PullResponse) -> ApplyResult:
    """Apply one pulled page change by change and move the cursor (see `pull_apply`)."""
    changes = [
        Incoming(c.rev, c.entity, c.id, c.commune, c.hlc, c.by, c.fields) for c in response.changes
    ]
    return register.apply_pulled(changes, response.cursor, check_pulled)


def retry_unapplied(register: Register) -> ApplyResult:
    """The pulled changes set aside earlier, tried again (a parent may have arrived since)."""
    return register.retry_unapplied(check_pulled)
