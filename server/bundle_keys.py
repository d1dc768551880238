"""The server's key file: what opens the device secrets that key USB bundles.

A device's USB bundles are sealed with a key derived from its token's secret (`desktop.sync.
bundle`). The server must know that secret to open a bundle, but a copy of its database must
not be enough to forge one: the database keeps only the SHA-256 of the secret (to check the
token) and the secret itself encrypted with AES-256-GCM under this key, a random 256-bit key in a
file outside the database — by default ``bundle.key`` in the server's configuration folder
(``~/.config/sotreem-server/`` on Linux), created 0600 in a 0700 folder, or where
``--key-file`` / ``SOTREEM_SERVER_KEY_FILE`` says. Back it up apart from the database: without
it, devices that use USB need a new token (network sync brings a device's secret back by
itself).
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ENV_KEY_FILE = "SOTREEM_SERVER_KEY_FILE"
_HEADER = "sotreem-server-key v1"


class KeyFileError(RuntimeError):
    """The key file cannot be read or written; the message is Vietnamese."""


def default_path() -> Path:
    configured = os.environ.get(ENV_KEY_FILE)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_config_dir("sotreem-server", appauthor=False)) / "bundle.key"


def private_folder(folder: Path) -> None:
    """Create `folder` readable by this user alone (0700); one that exists is left as it is
    (it may be shared, like /tmp)."""
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)


@dataclass(frozen=True)
class ServerKey:
    path: Path
    key: bytes

    @classmethod
    def load_or_create(cls, path: Path | None = None) -> ServerKey:
        path = Path(path) if path is not None else default_path()
        try:
            if not path.exists():
                return cls._create(path)
            lines = path.read_text(encoding="ascii").split()
            if len(lines) != 3 or " ".join(lines[:2]) != _HEADER:
                raise ValueError
            key = base64.b64decode(lines[2], validate=True)
            if len(key) != 32:
                raise ValueError
        except OSError as exc:
            raise KeyFileError(
                f"Không đọc/ghi được tệp khóa của máy chủ {path}: {exc.strerror or exc}."
            ) from exc
        except ValueError as exc:
            raise KeyFileError(
                f"Tệp {path} không phải tệp khóa của máy chủ Sổ Trẻ Em (hoặc đã hỏng)."
            ) from exc
        return cls(path, key)

    @classmethod
    def _create(cls, path: Path) -> ServerKey:
        private_folder(path.parent)
        key = secrets.token_bytes(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as f:
            f.write(f"{_HEADER}\n{base64.b64encode(key).decode()}\n")
            f.flush()
            os.fsync(f.fileno())
        return cls(path, key)

    def seal(self, device_id: str, secret: str) -> str:
        """A device's token secret, encrypted for the database (bound to the device id)."""
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self.key).encrypt(nonce, secret.encode(), _aad(device_id))
        return base64.b64encode(nonce + sealed).decode()

    def open(self, device_id: str, sealed: str) -> str | None:
        """The secret, or None if this key did not seal it (another key file) or it was altered."""
        try:
            raw = base64.b64decode(sealed, validate=True)
            return AESGCM(self.key).decrypt(raw[:12], raw[12:], _aad(device_id)).decode()
        except (ValueError, InvalidTag):
            return None


def _aad(device_id: str) -> bytes:
    return f"sotreem device secret {device_id}".encode()
