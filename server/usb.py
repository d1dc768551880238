"""`sotreem-server import-bundle FILE --reply FILE2`: a commune's USB stick, applied here.

The bundle (`desktop.sync.bundle`) is opened with the key the server derives from what it
stores for the device (the SHA-256 of the token's secret). A tampered, truncated or foreign
file, or one of a revoked device, is refused as a whole before anything is applied; its
pushes are then applied in one transaction, exactly as over the network (idempotent, so the
same stick imported twice changes nothing), and the reply carries the acknowledgements and
what the device should pull.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.sync import bundle
from server import apply, auth, pull
from server.db import make_engine, migrate, reading

PULL_PER_BUNDLE = 50_000  # more: the desktop makes another round


def run(database_url: str, source: Path, reply_path: Path) -> int:
    try:
        data = source.read_bytes()
    except OSError as exc:
        print(f"Không đọc được tệp {source}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    engine = make_engine(database_url)
    try:
        migrate(engine)
        try:
            summary = import_bundle(engine, data, reply_path)
        except bundle.BundleError as exc:
            print(f"Không nhập gói {source.name}: {exc}", file=sys.stderr)
            return 2
    finally:
        engine.dispose()
    print(summary)
    return 0


def import_bundle(engine, data: bytes, reply_path: Path) -> str:
    """Apply a request bundle, write the reply; returns a one-line Vietnamese summary."""
    with reading(engine) as conn:
        request = bundle.open_request(data, lambda d: auth.device_secret_digest(conn, d))
        caller = auth.device_caller(conn, request.device_id)
        digest = auth.device_secret_digest(conn, request.device_id)
    if caller is None or digest is None:  # revoked between the two reads
        raise bundle.BundleError("Máy gửi gói này đã bị thu hồi token.")
    try:
        answers = apply.push_many(engine, caller, request.pushes)
    except apply.Restored as exc:
        raise bundle.BundleError(str(exc)) from exc
    changes = pull.pull(engine, caller, request.pull_after, PULL_PER_BUNDLE, PULL_PER_BUNDLE)
    sealed = bundle.seal_reply(request, digest, answers, changes)
    partial = reply_path.with_name(f".{reply_path.name}.partial")
    partial.write_bytes(sealed)
    partial.replace(reply_path)
    sent = sum(len(p.changes) for p in request.pushes)
    refused = sum(len(a.rejected) for a in answers)
    return (
        f"Đã nhận {sent} thay đổi của máy {request.device_id} (từ chối {refused}); gói trả lời "
        f"{reply_path.name} mang {len(changes.changes)} thay đổi về xã"
        + (" — còn nữa, hãy làm thêm một lượt." if changes.more else ".")
    )
