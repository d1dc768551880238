"""Where things live: the default database and settings file under the user's data dirs."""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from desktop import privacy

APP_NAME = "SoTreEm"


def data_dir() -> Path:
    override = os.environ.get("SOTREEM_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The register in the user's data folder (kept private: 0700 on Linux; on Windows the
    folder is in the user's profile, `%LOCALAPPDATA%`, which other users cannot open)."""
    return data_dir() / "sotreem.db"


def settings_path() -> Path:
    override = os.environ.get("SOTREEM_DATA_DIR")
    base = Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))
    return base / "settings.json"


def load_settings() -> dict[str, object]:
    try:
        return json.loads(settings_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def save_settings(settings: dict[str, object]) -> None:
    """Write atomically (a power cut leaves the old or the new file), private to the user."""
    path = settings_path()
    privacy.private_folder(path.parent)
    privacy.write_private(path, json.dumps(settings, ensure_ascii=False, indent=2).encode("utf-8"))


def sync_state_path(db_path: Path) -> Path:
    return db_path.parent / "sync-state.json"


def write_sync_state(db_path: Path, unsent: int, last_sync: str | None) -> None:
    """Leave the unsent count beside the register, unencrypted and tiny: the uninstaller cannot
    open the encrypted database but must warn when changes have not reached the server."""
    path = sync_state_path(db_path)
    text = json.dumps({"unsent": unsent, "last_sync": last_sync}, ensure_ascii=False)
    try:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return
        privacy.write_private(path, text.encode("utf-8"))
    except OSError:
        pass  # a full disk or a read-only folder must not stop the officer's work
