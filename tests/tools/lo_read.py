"""Open a workbook in LibreOffice (headless, through UNO) and print its first sheet as CSV.

Run with the system Python that has `uno` (Debian: python3-uno):
    python3 lo_read.py FILE.xlsx [PASSWORD]
Exit 0 with the CSV on stdout, or 3 when LibreOffice cannot open the file.
"""

import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main() -> int:
    source = Path(sys.argv[1]).resolve()
    password = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as tmp:
        pipe = f"sotreem{int(time.time() * 1000)}"
        office = subprocess.Popen(
            ["soffice", "--headless", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation=file://{tmp}/profile", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local
            )
            for _ in range(120):
                try:
                    ctx = resolver.resolve(
                        f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
                    )
                    break
                except Exception:
                    time.sleep(0.5)
            else:
                print("LibreOffice did not start", file=sys.stderr)
                return 4
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
            args = [prop("Hidden", True)]
            if password is not None:
                args.append(prop("Password", password))
            try:
                doc = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(str(source)), "_blank", 0, tuple(args)
                )
            except Exception as exc:
                print(f"not opened: {exc}", file=sys.stderr)
                return 3
            if doc is None:
                print("not opened", file=sys.stderr)
                return 3
            out = Path(tmp) / "sheet.csv"
            doc.storeToURL(
                uno.systemPathToFileUrl(str(out)),
                (prop("FilterName", "Text - txt - csv (StarCalc)"),
                 prop("FilterOptions", "44,34,76,1")),
            )  # fmt: skip
            doc.close(True)
            sys.stdout.write(out.read_text(encoding="utf-8"))
            return 0
        finally:
            with contextlib.suppress(Exception):
                desktop.terminate()
            try:
                office.wait(timeout=20)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    sys.exit(main())
