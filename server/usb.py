"""`sotreem-server import-bundle FILE --reply FILE2`: a commune's USB stick, applied here.

The bundle (`desktop.sync.bundle`) is opened with the key derived from the device's token
secret, which the server keeps encrypted under its key file (`server.bundle_keys`) — a copy of
the database alone opens nothing. A tampered, truncated or foreign file, one of a revoked
device, or one of a device whose secret the server does not hold yet, is refused as a whole
before anything is applied; its pushes are then applied in one transaction, exactly as over the
network (idempotent, so the same stick imported twice changes nothing), and the reply carries
the acknowledgements, what the device should pull, and the server's clock.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.sync import bundle
from server import apply, auth, pull
from server.bundle_keys import KeyFileError, ServerKey
from server.db import make_engine, migrate, reading
from server.wire import now_millis

PULL_PER_BUNDLE = 50_000  # more: the desktop makes another round


def run(database_url: str, source: Path, reply_path: Path, key_file: Path | None = None) -> int:
    try:
        data = source.read_bytes()
    except OSError as exc:
        print(f"Không đọc được tệp {source}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    engine = make_engine(database_url)
    try:
        migrate(engine)
        try:
            summary = import_bundle(engine, data, reply_path, ServerKey.load_or_create(key_file))
        except (bundle.BundleError, KeyFileError) as exc:
            print(f"Không nhập gói {source.name}: {exc}", file=sys.stderr)
            return 2
    finally:
        engine.dispose()
    print(summary)
    return 0


def _secret_lookup(engine, server_key: ServerKey):
    def secret_for(device_id: str) -> str | None:
        with reading(engine) as conn:
            known, sealed = auth.sealed_bundle_secret(conn, device_id)
        if not known:
            return None
        if sealed is None:
            raise bundle.BundleError(
                f"Máy chủ chưa giữ khóa gói USB của máy {device_id}: token của máy được cấp từ "
                "phiên bản cũ và máy chưa đồng bộ qua mạng lần nào từ đó. Hãy đồng bộ qua mạng "
                "một lần, hoặc cấp lại token (sotreem-server reissue-device "
                f"{device_id}) rồi nhập token mới trên máy xã. Không có gì được ghi."
            )
        secret = server_key.open(device_id, sealed)
        if secret is None:
            raise bundle.BundleError(
                f"Tệp khóa của máy chủ ({server_key.path}) không mở được khóa gói USB của máy "
                f"{device_id}: tệp khóa đã bị thay. Hãy chép lại tệp khóa cũ, hoặc cấp lại token "
                f"(sotreem-server reissue-device {device_id}). Không có gì được ghi."
            )
        return secret

    return secret_for


def import_bundle(
    engine, data: bytes, reply_path: Path, server_key: ServerKey | None = None
) -> str:
    """Apply a request bundle, write the reply; returns a one-line Vietnamese summary."""
    secret_for = _secret_lookup(engine, server_key or ServerKey.load_or_create())
    request = bundle.open_request(data, secret_for)
    secret = secret_for(request.device_id)
    with reading(engine) as conn:
        caller = auth.device_caller(conn, request.device_id)
    if caller is None or secret is None:  # revoked between the two reads
        raise bundle.BundleError("Máy gửi gói này đã bị thu hồi token.")
    try:
        answers = apply.push_many(engine, caller, request.pushes)
    except apply.Restored as exc:
        raise bundle.BundleError(str(exc)) from exc
    changes = pull.pull(
        engine, caller, request.pull_after, PULL_PER_BUNDLE, PULL_PER_BUNDLE, request.incarnation
    )
    sealed = bundle.seal_reply(request, secret, answers, changes, now_millis())
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
