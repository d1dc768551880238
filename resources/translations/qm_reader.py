"""Read the messages out of a compiled Qt translation (.qm): context, source, comment, translation.

Qt ships no Vietnamese translation of its own dialogs, and no `lconvert` comes with PySide6, so
`update_qt_ts.py` takes the source texts of the strings Qt's dialogs show from a shipped .qm
(German: the most complete) and asks for Vietnamese ones.

The QM format (see qttools/src/linguist/shared/qm.cpp, `Translator::loadQM`/`saveQM`):

* a 16-byte magic number;
* then sections, each a tag byte, a big-endian uint32 length and that many bytes:
  0x2f contexts (hash table, optional), 0x42 hashes (sorted (hash, offset) pairs),
  0x69 messages, 0x88 numerus rules, 0x96 dependencies, 0xa7 language (e.g. "de_DE");
* the messages section is a run of tagged items, each message ending with tag 1:
  3 translation (uint32 byte length, UTF-16BE; 0xFFFFFFFF = none; repeated for plural forms),
  6 source text, 7 context, 8 comment (uint32 length, UTF-8 bytes),
  5 an obsolete uint32 hash; tags 2 and 4 (UTF-16 source/context) are never written since
  Qt 4.

lrelease keeps the source texts (it strips them only when asked to), which is what makes this
reading possible.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")

SECTION_MESSAGES = 0x69
SECTION_LANGUAGE = 0xA7

TAG_END = 1
TAG_TRANSLATION = 3
TAG_OBSOLETE_HASH = 5
TAG_SOURCE = 6
TAG_CONTEXT = 7
TAG_COMMENT = 8
NO_TEXT = 0xFFFFFFFF


class QmError(ValueError):
    """The file is not a .qm file, or one this reader does not understand."""


@dataclass(frozen=True)
class QmMessage:
    context: str
    source: str
    comment: str
    translations: tuple[str, ...]  # one per plural form; usually one

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment


@dataclass(frozen=True)
class QmFile:
    language: str
    messages: tuple[QmMessage, ...]


def _sections(data: bytes) -> dict[int, bytes]:
    if data[:16] != MAGIC:
        raise QmError("không phải tệp .qm của Qt (sai số nhận dạng)")
    sections: dict[int, bytes] = {}
    pos = 16
    while pos < len(data):
        if pos + 5 > len(data):
            raise QmError(f"tệp .qm bị cắt ở byte {pos}")
        tag = data[pos]
        (length,) = struct.unpack_from(">I", data, pos + 1)
        sections[tag] = data[pos + 5 : pos + 5 + length]
        pos += 5 + length
    return sections


def _messages(block: bytes) -> list[QmMessage]:
    messages: list[QmMessage] = []
    fields: dict[int, bytes] = {}
    translations: list[str] = []
    pos = 0
    while pos < len(block):
        tag = block[pos]
        pos += 1
        if tag == TAG_END:
            messages.append(
                QmMessage(
                    context=fields.get(TAG_CONTEXT, b"").decode("utf-8"),
                    source=fields.get(TAG_SOURCE, b"").decode("utf-8"),
                    comment=fields.get(TAG_COMMENT, b"").decode("utf-8"),
                    translations=tuple(translations),
                )
            )
            fields, translations = {}, []
            continue
        if tag == TAG_OBSOLETE_HASH:
            pos += 4
            continue
        if tag not in (TAG_TRANSLATION, TAG_SOURCE, TAG_CONTEXT, TAG_COMMENT):
            raise QmError(f"thẻ {tag:#x} không rõ ở byte {pos - 1} của phần thông điệp")
        (length,) = struct.unpack_from(">I", block, pos)
        pos += 4
        raw = b"" if length == NO_TEXT else block[pos : pos + length]
        pos += 0 if length == NO_TEXT else length
        if tag == TAG_TRANSLATION:
            translations.append(raw.decode("utf-16-be"))
        else:
            fields[tag] = raw
    return messages


def read_qm(path: Path) -> QmFile:
    sections = _sections(path.read_bytes())
    if SECTION_MESSAGES not in sections:
        raise QmError(f"{path.name}: không có phần thông điệp")
    language = sections.get(SECTION_LANGUAGE, b"").decode("ascii", "replace")
    return QmFile(language, tuple(_messages(sections[SECTION_MESSAGES])))
