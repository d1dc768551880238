"""Refresh `sotreem_en.ts` from the sources and compile `sotreem_en.qm`.

Vietnamese is the source language. `pyside6-lupdate` extracts `self.tr(...)` strings; the code
lists of `desktop.domain` (shown through `desktop.ui.i18n.label`) and table headers are added
under their own contexts. Existing translations are kept; new strings arrive unfinished for a
translator (Qt Linguist opens the .ts). Run: `make translations`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "sotreem_en.ts"
QM = HERE / "sotreem_en.qm"
sys.path.insert(0, str(ROOT))


def wrapped_strings() -> dict[str, list[str]]:
    """Strings passed to a module's `_tr(...)` wrapper, under the context that wrapper names
    (`return QCoreApplication.translate("Context", text)`): lupdate does not follow wrappers."""
    import ast

    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "desktop" / "ui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = None
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "_tr":
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and getattr(call.func, "attr", "") == "translate"
                        and call.args
                        and isinstance(call.args[0], ast.Constant)
                    ):
                        context = call.args[0].value
        if context is None:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(context, []).append(node.args[0].value)
    return found


def extra_contexts() -> dict[str, list[str]]:
    from desktop.db.accounts import ROLES
    from desktop.domain import audit, cases
    from desktop.domain import categories as cat
    from desktop.ui.audit_model import AuditTableModel
    from desktop.ui.cases_page import CasesPage
    from desktop.ui.child_model import ChildTableModel
    from desktop.ui.main_window import PAGES
    from desktop.ui.record_section import REASONS

    lists = [v for v in vars(cat).values() if isinstance(v, tuple) and v and hasattr(v[0], "label")]
    lists += [cases.CASE_STEPS, cases.CASE_STATUSES, ROLES, audit.ACTIONS, audit.ENTITIES]
    labels = sorted({c.label for group in lists for c in group} | {"Người nước ngoài"})
    return {
        "categories": labels,
        "ChildTableModel": list(ChildTableModel.COLUMNS),
        "CasesPage": list(CasesPage.COLUMNS),
        "AuditTableModel": list(AuditTableModel.COLUMNS),
        "MainWindow": [title for _key, title in PAGES],
    } | {
        context: strings + (list(REASONS) if context == "RecordSection" else [])
        for context, strings in wrapped_strings().items()
    }


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def main() -> None:
    old: dict[tuple[str, str], str] = {}
    if TS.exists():
        for context in ET.parse(TS).getroot().iter("context"):
            cname = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                text = translation.text if translation is not None else None
                if text and translation.get("type") != "unfinished":
                    old[(cname, message.findtext("source") or "")] = text
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").glob("*.py"))
        subprocess.run(
            [_tool("pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(fresh)],
            check=True,
        )
        tree = ET.parse(fresh)
    root = tree.getroot()
    root.set("language", "en_GB")
    root.set("sourcelanguage", "vi_VN")
    for name, sources in extra_contexts().items():
        context = next((c for c in root.iter("context") if c.findtext("name") == name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        present = {m.findtext("source") for m in context.iter("message")}
        for source in sources:
            if source not in present:
                message = ET.SubElement(context, "message")
                ET.SubElement(message, "source").text = source
                ET.SubElement(message, "translation", type="unfinished")
    missing = 0
    for context in root.iter("context"):
        cname = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            known = old.get((cname, message.findtext("source") or ""))
            if known:
                translation.text = known
                translation.attrib.pop("type", None)
            else:
                translation.set("type", "unfinished")
                missing += 1
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    print(f"{TS.name}: {missing} strings still to translate")


if __name__ == "__main__":
    main()
