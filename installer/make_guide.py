"""Build the Vietnamese user guide PDF with screenshots taken from the real application.

`make guide` → dist/huong-dan-su-dung.pdf. The text is the README's user guide (one source of
truth); the pictures come from `sotreem --screenshots` on a synthetic demo commune.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Spacer

from desktop.reports import pdf

ROOT = Path(__file__).resolve().parent.parent
CAPTIONS = {
    "01-children": "Trang Trẻ em: tìm kiếm không dấu, bộ lọc, danh sách xếp theo tên",
    "01-children-form": "Hồ sơ một trẻ em",
    "02-cases": "Trường hợp bảo vệ: các bước và thời hạn theo Nghị định 56/2017/NĐ-CP",
    "03-activities": "Hoạt động",
    "04-training": "Tập huấn",
    "05-plan": "Kế hoạch năm và Quỹ Bảo trợ trẻ em",
    "06-reports": "Báo cáo",
    "07-sync": "Đồng bộ",
    "08-audit": "Nhật ký truy cập: ai đã xem, sửa, xuất tệp hay in hồ sơ nào, lúc nào",
    "09-injuries": "Tai nạn, đuối nước: trường hợp tai nạn thương tích và điểm nguy cơ đuối nước",
    "10-assessment": "Xã phù hợp với trẻ em: tự đánh giá theo từng tiêu chí, kèm minh chứng",
    "11-settings": "Cài đặt",
}


def guide_text() -> list[str]:
    """The user-guide section of the README, line by line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Hướng dẫn sử dụng")
    end = text.index("\n---", start)
    return text[start:end].splitlines()


def _inline(line: str) -> str:
    line = re.sub(r"\*\*(.+?)\*\*", r"\1", line)
    return line.replace("`", "")


def _paragraphs(lines: list[str]) -> list[str]:
    """Join the README's wrapped lines back into one line per paragraph or list item."""
    joined: list[str] = []
    for line in lines:
        continues = line.startswith("  ") and joined and not line.lstrip().startswith(("- ", "|"))
        if continues and not joined[-1].startswith("```"):
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    return joined


def story(shots: Path) -> list:
    out: list = []
    in_code = False
    for line in _paragraphs(guide_text()):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if line.startswith("## "):
            continue
        if line.startswith("### "):
            out.append(pdf.P(line[4:], "heading"))
        elif line.startswith("|---"):
            continue
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            out.append(pdf.P(" — ".join(_inline(c) for c in cells), "cell"))
        elif line.strip():
            out.append(pdf.P(_inline(line.strip()), "cell" if in_code else "text"))
    for png in sorted(p for p in shots.glob("*.png") if not p.stem.endswith("-125")):
        out += [PageBreak(), pdf.P(CAPTIONS.get(png.stem, png.stem), "heading")]
        image = Image(str(png))
        scale = 175 * mm / image.imageWidth
        image.drawWidth, image.drawHeight = 175 * mm, image.imageHeight * scale
        out += [Spacer(1, 4 * mm), image]
    return out


def build(target: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        db, shots = Path(tmp) / "demo.db", Path(tmp) / "anh"
        from desktop.demo import DEMO_PASSWORD

        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "SOTREEM_PASSWORD": DEMO_PASSWORD}  # the demo register is encrypted  # fmt: skip
        run = [sys.executable, "-m", "desktop", "--db", str(db)]
        subprocess.run([*run, "demo", "--children", "400"], check=True, capture_output=True)
        subprocess.run(
            [*run, "--screenshots", str(shots)], check=True, capture_output=True, env=env
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        pdf.build_plain(
            target, "SỔ TRẺ EM — HƯỚNG DẪN SỬ DỤNG",
            "Dành cho cán bộ làm công tác trẻ em cấp xã", story(shots),
        )  # fmt: skip
    return target


if __name__ == "__main__":
    print(
        build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "huong-dan-su-dung.pdf")
    )
