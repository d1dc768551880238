"""The installer speaks Vietnamese everywhere: installer/Vietnamese.isl is the project's own
translation of the pinned Inno Setup compiler's Default.isl.

`installer/windows/Default.isl.keys` lists every message of that Default.isl with the
placeholders its English text carries, so the translation is checked in `make test` without the
compiler. `make test-windows` downloads the compiler and runs the last test here against its real
Default.isl (SOTREEM_DEFAULT_ISL), which proves the list is the compiler's and not a guess.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VIETNAMESE = ROOT / "installer" / "Vietnamese.isl"
KEY_LIST = ROOT / "installer" / "windows" / "Default.isl.keys"
INNOSETUP = "innosetup-6.4.1"  # npm package; installer/windows/test_windows.sh pins the same
CACHED_DEFAULT = (
    Path.home() / ".cache" / "sotreem-windows" / "npm" / INNOSETUP / "package" / "bin"
    / "Default.isl"
)  # fmt: skip

# %1…%9, %n (a new line), [name], [name/ver], [gb], [mb]: what Setup fills in.
PLACEHOLDER = re.compile(r"%\d|%n|\[(?:name|name/ver|gb|mb)\]")
# English left in a message gives itself away by its small words.
ENGLISH = re.compile(r"\b(the|and|to|of|is|are|you|your|please|click|setup|file|folder|this|will|"
                     r"not|with|for|from|could|cannot|would|select)\b", re.IGNORECASE)  # fmt: skip
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def read_isl(path: Path) -> dict[str, str]:
    """`Section.Key` → text, the way the compiler reads a messages file (comments skipped)."""
    messages: dict[str, str] = {}
    section = ""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        name = f"{section}.{key.strip()}"
        assert name not in messages, f"{path.name}: {name} appears twice"
        messages[name] = value
    return messages


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def key_list_of(messages: dict[str, str]) -> list[str]:
    return [f"{name}\t{' '.join(placeholders(text))}".rstrip() for name, text in messages.items()]


def read_key_list() -> dict[str, list[str]]:
    lines = [line for line in KEY_LIST.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]  # fmt: skip
    return {name: found.split() for name, _, found in (line.partition("\t") for line in lines)}


def test_every_message_of_the_pinned_compiler_is_translated():
    english = read_key_list()
    vietnamese = read_isl(VIETNAMESE)
    assert sorted(set(english) - set(vietnamese)) == [], "messages missing from Vietnamese.isl"
    assert sorted(set(vietnamese) - set(english)) == [], "messages the compiler does not know"


def test_each_message_keeps_what_setup_fills_in():
    english = read_key_list()
    vietnamese = read_isl(VIETNAMESE)
    wrong = {name: (english[name], placeholders(text)) for name, text in vietnamese.items()
             if name in english and placeholders(text) != english[name]}  # fmt: skip
    assert wrong == {}


def test_every_message_is_in_vietnamese_with_its_diacritics():
    vietnamese = read_isl(VIETNAMESE)
    assert vietnamese["LangOptions.LanguageName"] == "Tiếng Việt"
    assert vietnamese["LangOptions.LanguageID"] == "$042A"
    messages = {name: text for name, text in vietnamese.items()
                if name.startswith(("Messages.", "CustomMessages."))}  # fmt: skip
    assert {name: text for name, text in messages.items() if ENGLISH.search(text)} == {}
    # A sentence of Vietnamese without a single diacritic is a sign of missing accents.
    flat = {
        name: text
        for name, text in messages.items()
        if len(re.findall(r"[^\W\d_]+", text)) >= 3 and not VIETNAMESE_LETTERS.search(text)
    }
    assert flat == {}
    assert VIETNAMESE.read_bytes().startswith(b"\xef\xbb\xbf"), "the compiler needs the UTF-8 BOM"


def test_key_list_is_the_one_of_the_compilers_default_isl():
    given = os.environ.get("SOTREEM_DEFAULT_ISL")
    default = Path(given) if given else CACHED_DEFAULT
    if not default.exists():
        if given:
            pytest.fail(f"SOTREEM_DEFAULT_ISL={given} does not exist")
        pytest.skip(f"{INNOSETUP}'s Default.isl is not downloaded here ({default}); "
                    "make test-windows downloads it and runs this test against it")  # fmt: skip
    expected = KEY_LIST.read_text(encoding="utf-8").splitlines()
    expected = [line for line in expected if line and not line.startswith("#")]
    assert key_list_of(read_isl(default)) == expected
