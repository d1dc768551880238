"""Small public-key tools the key file and the case seal share.

- A *sealed box*: anyone holding a public key (X25519) can seal bytes to it; only the private
  half opens them (an ephemeral X25519 exchange, HKDF-SHA256, AES-256-GCM). Sealing needs no
  secret, so an assistant's session can store a pulled case narrative, and the officer can hand
  new keys to every account's slot without knowing anyone's password.
- Signatures (Ed25519): the officers' signing key vouches for each account's name, role and
  slot key, so a role typed into the key file or a slot added by hand is refused.

`cryptography` loads only when a key is used, off the path to the login screen's first paint.
"""

from __future__ import annotations

import hashlib
import secrets

_INFO = b"sotreem-sealed-box/1"


def new_private_key() -> bytes:
    """A raw X25519 private key (32 random bytes; X25519 clamps them itself)."""
    return secrets.token_bytes(32)


def public_key(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def key_id(public: bytes) -> bytes:
    """Four bytes naming a public key: which key of a ring opens a sealed value."""
    return hashlib.sha256(public).digest()[:4]


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_INFO + aad
    ).derive(shared)


def seal(recipient: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    """`plaintext` sealed to the X25519 public key `recipient`: ephemeral key ‖ nonce ‖ AES-GCM."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    epub = ephemeral.public_key().public_bytes_raw()
    nonce = secrets.token_bytes(12)
    box = AESGCM(_box_key(shared, epub, recipient, aad))
    return epub + nonce + box.encrypt(nonce, plaintext, aad)


class BoxError(ValueError):
    """A sealed value that this key does not open (another key, or altered bytes)."""


def open_box(private: bytes, sealed: bytes, aad: bytes = b"") -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(sealed) < 32 + 12 + 16:
        raise BoxError("sealed value too short")
    epub, nonce, body = sealed[:32], sealed[32:44], sealed[44:]
    me = X25519PrivateKey.from_private_bytes(private)
    shared = me.exchange(X25519PublicKey.from_public_bytes(epub))
    box = AESGCM(_box_key(shared, epub, me.public_key().public_bytes_raw(), aad))
    try:
        return box.decrypt(nonce, body, aad)
    except InvalidTag as exc:
        raise BoxError("sealed value does not open") from exc


def new_signing_key() -> bytes:
    return secrets.token_bytes(32)


def verify_key(signing: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(signing).public_key().public_bytes_raw()


def sign(signing: bytes, message: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(signing).sign(message)


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
