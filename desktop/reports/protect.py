"""Password-protected workbooks: real Office encryption (ECMA-376 agile, AES-256), not a
sheet-protection flag. Excel and LibreOffice ask for the password before showing anything."""

from __future__ import annotations

import io
import os
from pathlib import Path

# msoffcrypto (and cryptography under it) load only when a file is locked or opened: the
# command line imports `PasswordError` on every start.
MIN_PASSWORD_LENGTH = 6


class PasswordError(ValueError):
    """A file password that cannot be used, or the wrong one."""


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordError(f"Mật khẩu của tệp cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")


def encrypt_bytes(plain: bytes, password: str) -> bytes:
    """The finished workbook `plain`, encrypted in memory: nothing in the clear on any disk."""
    from msoffcrypto.format.ooxml import OOXMLFile

    check_password(password)
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


def encrypt_file(path: Path, password: str) -> None:
    """Replace the finished workbook at `path` by its encrypted form (atomically). For a file
    that already sits on disk; exports encrypt in memory (`encrypt_bytes`)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    check_password(password)
    locked = path.with_name(f"{path.name}.locked")
    try:
        with path.open("rb") as plain, locked.open("wb") as out:
            OOXMLFile(plain).encrypt(password, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(locked, path)
    finally:
        locked.unlink(missing_ok=True)


def is_encrypted(path: Path) -> bool:
    import msoffcrypto

    with path.open("rb") as f:
        try:
            return bool(msoffcrypto.OfficeFile(f).is_encrypted())
        except Exception:  # not an OLE container: a plain .xlsx (zip)
            return False


def decrypt_bytes(path: Path, password: str) -> bytes:
    """The plain workbook inside an encrypted file; `PasswordError` for a wrong password."""
    import msoffcrypto

    with path.open("rb") as f:
        office = msoffcrypto.OfficeFile(f)
        try:
            office.load_key(password=password)
            out = io.BytesIO()
            office.decrypt(out)
        except msoffcrypto.exceptions.InvalidKeyError as exc:
            raise PasswordError("Sai mật khẩu của tệp.") from exc
    return out.getvalue()
