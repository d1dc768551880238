"""Build the two guides: the officer's (Vietnamese, task by task, each step beside its picture
from the real application) and the province IT person's (server, HTTPS, PostgreSQL, accounts,
restores).

`make guide` → dist/huong-dan-su-dung.pdf and dist/huong-dan-quan-tri.pdf. The text is
Markdown in installer/guides/, rendered by `guide_render.py`; the pictures come from
`desktop.ui.guide_tour` on a synthetic demo commune.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "installer" / "guides"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "installer"))

from guide_render import build as render  # noqa: E402


def take_pictures(folder: Path) -> None:
    """The tour's pictures of a demo commune (400 synthetic children) into `folder`."""
    from desktop.demo import DEMO_PASSWORD

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "SOTREEM_PASSWORD": DEMO_PASSWORD, "SOTREEM_DATA_DIR": str(Path(tmp) / "data")}
        subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "demo", "--children",
                        "400"], check=True, capture_output=True, env=env, cwd=ROOT)
        subprocess.run([sys.executable, "-m", "desktop.ui.guide_tour", str(db), str(folder)],
                       check=True, capture_output=True, env=env, cwd=ROOT)  # fmt: skip


def build(officer: Path, admin: Path) -> tuple[Path, Path]:
    with tempfile.TemporaryDirectory() as tmp:
        pictures = Path(tmp) / "anh"
        take_pictures(pictures)
        render(GUIDES / "can-bo-xa.md", pictures, officer, "Hướng dẫn cho cán bộ xã")
    render(GUIDES / "quan-tri.md", GUIDES, admin, "Hướng dẫn quản trị")
    return officer, admin


if __name__ == "__main__":
    first = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "huong-dan-su-dung.pdf"
    second = Path(sys.argv[2]) if len(sys.argv) > 2 else first.with_name("huong-dan-quan-tri.pdf")
    for path in build(first, second):
        print(path)
