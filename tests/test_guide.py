"""The user guide is built from the README's guide and real screenshots."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_guide_pdf_has_the_guide_text_and_a_picture_of_every_page(tmp_path):
    target = tmp_path / "huong-dan.pdf"
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "make_guide.py"), str(target)],
        check=True, capture_output=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    for heading in ("SỔ TRẺ EM — HƯỚNG DẪN SỬ DỤNG", "Lần đầu mở ứng dụng", "Trang Trẻ em",
                    "Sao lưu và khôi phục", "Trường hợp bảo vệ: các bước và thời hạn"):  # fmt: skip
        assert heading in text, heading
    images = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) - 2 == 12  # one screenshot per page + form
