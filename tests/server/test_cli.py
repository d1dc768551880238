"""`sotreem-server` commands, and the real server process over HTTP and HTTPS."""

from __future__ import annotations

import datetime as dt
import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from server.cli import main
from tests.server.conftest import COMMUNE


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'hub.db'}"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_add_list_and_revoke_a_device(capsys, url):
    code, token, err = run(capsys, "add-device", "--commune", COMMUNE, "--name", "Máy UBND xã",
                           "--database-url", url)  # fmt: skip
    assert code == 0 and "." in token and "không lưu lại token" in err
    device_id = token.split(".")[0]
    code, listing, _ = run(capsys, "list-devices", "--database-url", url)
    assert device_id in listing and "đang dùng" in listing and "Máy UBND xã" in listing
    code, out, _ = run(capsys, "revoke-device", device_id, "--database-url", url)
    assert code == 0 and "Đã thu hồi" in out
    _, listing, _ = run(capsys, "list-devices", "--database-url", url)
    assert "đã thu hồi" in listing


def test_a_device_for_an_unknown_commune_is_refused(capsys, url):
    code, out, err = run(capsys, "add-device", "--commune", "99999", "--database-url", url)
    assert code == 2 and out == "" and "99999" in err


def test_add_reader_prints_a_password_that_logs_in(capsys, url):
    from fastapi.testclient import TestClient

    from server.app import create_app

    code, password, _ = run(capsys, "add-reader", "--unit", "15", "--username", "tinh.laocai",
                            "--database-url", url)  # fmt: skip
    assert code == 0 and len(password) >= 12
    client = TestClient(create_app(url))
    r = client.post("/v1/login", json={"username": "tinh.laocai", "password": password})
    assert r.status_code == 200 and COMMUNE in r.json()["communes"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    return cert_path, key_path


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_serve_answers_status_over_the_network(tmp_path, url, tls):
    port = _free_port()
    command = [sys.executable, "-m", "server", "serve", "--port", str(port),
               "--database-url", url]  # fmt: skip
    scheme: str = "http"
    verify: bool | ssl.SSLContext = True
    if tls:
        cert, key = _self_signed(tmp_path)
        command += ["--ssl-certfile", str(cert), "--ssl-keyfile", str(key)]
        scheme, verify = "https", ssl.create_default_context(cafile=str(cert))
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"{scheme}://localhost:{port}/v1/status", verify=verify)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["v"] == 1
        assert r.headers["content-encoding"] == "gzip"
    finally:
        process.terminate()
        process.wait(timeout=30)
