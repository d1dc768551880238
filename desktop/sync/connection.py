"""Where this copy syncs to and as whom: the stored server address and token, and the
district/province reader's encrypted copy. Values in, values out, typed errors (`SyncError`):
the command line and the GUI word them."""

from __future__ import annotations

from pathlib import Path

from desktop.db.register import Register
from desktop.sync.client import Login, SyncError, login

SERVER_KEY = "sync.server"
TOKEN_KEY = "sync.token"
READER_KEY = "sync.reader"


def create_reader_copy(
    db_path: Path, server: str, username: str, password: str
) -> tuple[Register, Login]:
    """This PC's encrypted read-only copy for a district/province account, empty until the
    first pull. The server says which unit the account reads; the copy's one local account
    has the same name and password. The command line and the first-run wizard both come here.
    """
    from desktop.db import vault

    session = login(server, username, password)
    register = vault.setup_reader(db_path, session.unit, username, password)
    register.set_settings({SERVER_KEY: server, TOKEN_KEY: session.token, READER_KEY: username})
    return register, session


def open_reader_copy(
    db_path: Path, server: str | None, username: str, password: str
) -> tuple[Register, Login]:
    """Open the reader's existing copy and log in to the server again (a fresh token): the
    same password does both. The server is the one given, else the one remembered."""
    from desktop.db import vault

    register = vault.login(db_path, username, password)
    try:
        server = server or register.setting(SERVER_KEY)
        if not server:
            raise SyncError("cần --server URL để đăng nhập tài khoản cấp tỉnh.", "schema")
        session = login(server, username, password)
        if register.reader_unit != session.unit:
            raise SyncError(
                f"tài khoản {username} xem đơn vị {session.unit}, không phải đơn vị của tệp "
                f"này ({register.reader_unit}).",
                "auth",
            )
        register.set_settings({SERVER_KEY: server, TOKEN_KEY: session.token, READER_KEY: username})
    except BaseException:
        register.close()
        raise
    return register, session
