"""Vietnamese names: folding for diacritic-free search and the Vietnamese sort order.

Officers type without diacritics ("nguyen thi huong", "dang"), so search works on a folded
form: tones and marks removed, đ/Đ → d, lower case. Lists are sorted by the given name (the
last word) first, then the family and middle names, in Vietnamese letter order
(a ă â b c d đ e ê …) with tones compared only after the letters.
"""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = {
    "\u0300": 1,  # huyền  à
    "\u0309": 2,  # hỏi    ả
    "\u0303": 3,  # ngã    ã
    "\u0301": 4,  # sắc    á
    "\u0323": 5,  # nặng   ạ
}
# Marks that make a distinct letter of the alphabet rather than a tone.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_ALPHABET = [*"0123456789", *"aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"]
# Each letter becomes one printable ASCII character, so the key also sorts as SQLite BINARY text.
_LETTER_CODE = {letter: chr(0x30 + i) for i, letter in enumerate(_ALPHABET)}
_OTHER_CODE = chr(0x30 + len(_ALPHABET))
_TONE_SEP = " "  # below every letter code: "An" sorts before "Anh"
_WORD_SEP = "!"
_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """NFC, single spaces, no leading/trailing blanks: the form a name is stored in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()


def fold(text: str) -> str:
    """Lower-case, tone- and mark-free text with đ → d: "Đặng Thị Ưng" → "dang thi ung"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given): "Vàng A Dính" → ("Vàng", "A", "Dính")."""
    words = normalize_name(full_name).split(" ")
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def _letters_and_tones(word: str) -> tuple[str, str]:
    """Primary (letters) and secondary (tones) keys of one word."""
    letters: list[str] = []
    tones: list[str] = []
    for cluster in _clusters(unicodedata.normalize("NFD", word.lower())):
        base, marks = cluster[0], cluster[1:]
        if base == "đ":
            letter = "đ"
        else:
            letter = base
            for mark in marks:
                letter = _LETTER_MARKS.get((base, mark), letter)
        letters.append(_LETTER_CODE.get(letter, _OTHER_CODE))
        tone = next((_TONE_MARKS[m] for m in marks if m in _TONE_MARKS), 0)
        tones.append(str(tone))
    return "".join(letters), "".join(tones)


def _clusters(decomposed: str) -> list[str]:
    clusters: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def sort_key(full_name: str) -> str:
    """A text key that orders names the Vietnamese way when compared as plain strings.

    Words are compared given name first, then family name, then middle names — the way an
    officer sorts an Excel register by "Tên" then "Họ". Inside a word the letters decide first
    and the tone only breaks ties (An < Án < Anh < Ánh). The key is ASCII, so SQLite's default
    BINARY collation keeps this order in ORDER BY.
    """
    family, middle, given = split_name(full_name)
    words = [given] + [w for w in f"{family} {middle}".split(" ") if w]
    return _WORD_SEP.join(
        letters + _TONE_SEP + tones for letters, tones in map(_letters_and_tones, words)
    )


def search_document(*parts: str | None) -> str:
    """The folded text the search index holds for a record (name, ID, caregiver, village)."""
    return " ".join(fold(p) for p in parts if p)


def search_query_tokens(text: str) -> list[str]:
    """Folded tokens of what the officer typed; punctuation splits words like the index does."""
    return [t for t in re.split(r"[^0-9a-z]+", fold(text)) if t]
