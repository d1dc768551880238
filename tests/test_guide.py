"""The two guides (`make guide`): rendered from Markdown as headings, lists and code — never as
the Markdown that wrote them — every page rendered to PNG and read back, the officer's with a
picture of the real window beside each task, at a size whose text can be read on paper."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))

from guide_render import build  # noqa: E402

# Its tests share one expensive fixture: `make test` (pytest -n) runs them on one worker.
pytestmark = pytest.mark.xdist_group("guide")

TASKS = ("1. Lần đầu mở phần mềm", "2. Ghi hồ sơ một trẻ em",
         "3. Sửa hoặc xóa một bản ghi nhập nhầm",
         "4. Tiếp nhận và theo dõi một vụ việc", "5. Ghi một lớp tập huấn",
         "6. Làm báo cáo tháng", "7. Đồng bộ bằng USB khi không có mạng", "8. Sao lưu ra USB",
         "9. Quên mật khẩu", "10. Ghi tai nạn, đuối nước và rà soát điểm nguy cơ")  # fmt: skip
MARKDOWN_LEFT = (
    (re.compile(r"\*\*|__"), "bold markers"),
    (re.compile(r"^\s*#{1,6}\s", re.M), "a heading marker"),
    (re.compile(r"^\s*[-*+]\s", re.M), "a list item not made a list"),
    (re.compile(r"^\s*\d+\)\s", re.M), "a numbered item not made a list"),
    (re.compile(r"!\[|\]\("), "a picture or link left as text"),
    (re.compile(r"(?<![\w`])`(?!`)"), "a code backtick"),
)


def pages_text(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))  # fmt: skip
    return [subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for p in range(1, count + 1)]  # fmt: skip


def check_every_page(pdf: Path, out: Path) -> list[str]:
    """Render each page to PNG, check that nothing runs into the side margins, and that no
    Markdown is left in the text; returns the pages' text."""
    from PIL import Image

    texts = pages_text(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(out / pdf.stem)], check=True)
    pngs = sorted(out.glob(f"{pdf.stem}-*.png"))
    assert len(pngs) == len(texts)
    for number, (png, text) in enumerate(zip(pngs, texts, strict=True), start=1):
        page = Image.open(png).convert("L")
        mm = page.size[0] / 210
        for box in ((0, 0, 17 * mm, page.size[1]), (page.size[0] - 17 * mm, 0, *page.size)):
            assert page.crop(tuple(round(v) for v in box)).getextrema()[0] > 200, (pdf, number)
        for pattern, what in MARKDOWN_LEFT:
            found = pattern.search(text)
            assert found is None, f"{pdf.name} page {number}: {what}: {found and found.group()}"
    return texts


def test_markdown_becomes_headings_lists_and_code(tmp_path):
    source = tmp_path / "thu.md"
    source.write_text(
        "# Tiêu đề\n\nĐoạn có **chữ đậm**, *chữ nghiêng* và `ma_lenh`.\n\n## Việc một\n\n"
        "1. Bước một\n2. Bước hai, có danh sách con:\n   - ý thứ nhất\n   - ý thứ hai\n\n"
        "```\nsotreem-server serve --host 127.0.0.1 --port 8080 --database-url "
        "postgresql://sotreem:MẬT_KHẨU@localhost/sotreem?sslmode=require\n```\n\n"
        "| Phím | Việc |\n|---|---|\n| Ctrl+S | lưu |\n",
        encoding="utf-8",
    )
    pdf = build(source, tmp_path, tmp_path / "thu.pdf", "Thử")
    text = "\n".join(check_every_page(pdf, tmp_path))
    assert re.search(r"^\s*1\.\s+Bước một", text, re.M)
    assert re.search(r"^\s*2\.\s+Bước hai", text, re.M)
    assert re.search(r"•\s+ý thứ nhất", text)
    assert "chữ đậm" in text and "ma_lenh" in text and "Ctrl+S" in text
    assert "sslmode=require" in text  # a long command wraps instead of running off the page
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "LiberationSerif-Bold" in fonts and "LiberationMono" in fonts


@pytest.fixture(scope="module")
def guides(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("huong-dan")
    officer, admin = out / "huong-dan-su-dung.pdf", out / "huong-dan-quan-tri.pdf"
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "make_guide.py"), str(officer), str(admin)],
        check=True, capture_output=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    return officer, admin


def test_the_officers_guide_goes_task_by_task_with_pictures_beside_the_steps(guides, tmp_path):
    officer, _admin = guides
    texts = check_every_page(officer, tmp_path)
    words = [" ".join(t.split()) for t in texts]
    images = subprocess.run(["pdfimages", "-list", str(officer)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]  # fmt: skip
    pictures = [line.split() for line in images if line.split()[2] == "image"]
    pages_with_pictures = {int(p[0]) for p in pictures}
    for task in TASKS:
        page = next(i for i, w in enumerate(words, start=1) if task in w)
        # the task's first picture is on its page or the next: beside its steps, not at the end
        assert {page, page + 1} & pages_with_pictures, task
    assert len(pictures) >= 15
    for p in pictures:  # 96-dpi screen pixels printed at 0.7 or more of their size
        assert int(p[3]) <= 1366 and int(p[12]) <= 140, p
    assert not any("nginx" in w or "PostgreSQL" in w or "Argon2" in w for w in words)


def test_the_administrators_guide_covers_the_server(guides, tmp_path):
    _officer, admin = guides
    words = " ".join(" ".join(t.split()) for t in check_every_page(admin, tmp_path))
    for part in ("1. Máy chủ tổng hợp", "2. PostgreSQL", "3. HTTPS", "4. Tài khoản",
                 "6. Sao lưu và khôi phục", "sotreem-server add-device", "add-reader",
                 "reverse_proxy 127.0.0.1:8080", "pg_dump sotreem", "sotreem restore"):
        assert part in words, part  # fmt: skip
