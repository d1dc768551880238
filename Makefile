# Every target builds its own virtual env first, so a fresh clone needs only `make run` / `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?=

# The versions tested: uv.lock (every platform), exported with hashes for pip. requirements.lock
# is what every target and CI install (all extras; markers pick the platform's packages);
# requirements-windows.lock is the same versions resolved for Windows alone, for fetching the
# Windows wheels from another system (`pip download --platform win_amd64 --no-deps`).
LOCK     := requirements.lock
WIN_LOCK := requirements-windows.lock
UV       := $(BIN)/uv
EXPORT   := $(UV) export --quiet --format requirements.txt --all-extras --no-emit-project --no-header
HEADER   := \# The exact versions tested, with hashes: made by `make lock` from uv.lock; do not edit.

.PHONY: run test lint bench clean translations bundle test-bundle guide lock check-lock upgrade-deps

# Only Python >= 3.11 with venv and pip is needed: pip installs the lock, hash-checked.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Qt's window needs a few Debian libraries (installed as root or with sudo, else named).
run: $(STAMP)
	bash scripts/setup_desktop.sh $(VENV)
	$(BIN)/sotreem $(if $(DB),--db $(DB),)

lint: $(STAMP) check-lock
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# The lock agrees with pyproject.toml, and the exported files with the lock.
check-lock: $(STAMP)
	@$(UV) lock --check --offline --quiet || { echo "uv.lock is behind pyproject.toml: run make lock" >&2; exit 1; }
	@{ echo '$(HEADER)'; $(EXPORT); } | cmp -s - $(LOCK) || { echo "$(LOCK) is behind uv.lock: run make lock" >&2; exit 1; }

# After editing the dependencies in pyproject.toml: resolve again, keeping every version that
# still fits, and export.
lock: $(STAMP)
	$(UV) lock
	$(MAKE) --no-print-directory export-lock

# Newest versions the bounds in pyproject.toml allow, then the whole test suite on them.
upgrade-deps: $(STAMP)
	$(UV) lock --upgrade
	$(MAKE) --no-print-directory export-lock
	$(MAKE) --no-print-directory test

.PHONY: export-lock
export-lock:
	{ echo '$(HEADER)'; $(EXPORT); } > $(LOCK)
	$(EXPORT) --no-hashes --no-annotate > $(VENV)/pins.txt
	{ echo '$(HEADER)'; $(UV) pip compile --quiet pyproject.toml --all-extras --no-header \
	    --no-annotate --python-platform x86_64-pc-windows-msvc --python-version 3.11 \
	    --generate-hashes --constraints $(VENV)/pins.txt; } > $(WIN_LOCK)
	@echo "uv.lock, $(LOCK) and $(WIN_LOCK) written; commit them together."

test: $(STAMP) lint
	bash tests/setup_system.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto --dist loadgroup

bench: bundle
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# The two guides: the officer's (with pictures of the real application) and the administrator's.
guide: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python installer/make_guide.py dist/huong-dan-su-dung.pdf dist/huong-dan-quan-tri.pdf

# One-folder application in dist/sotreem (PyInstaller; ~35 s here).
bundle: $(STAMP)
	$(BIN)/pyinstaller installer/sotreem.spec --noconfirm --distpath dist --workpath build/pyinstaller

# The bundle proves itself: window, database, monthly PDF and Excel on a throw-away database.
test-bundle: bundle
	QT_QPA_PLATFORM=offscreen dist/sotreem/sotreem --self-test
	SOTREEM_APP=$(CURDIR)/dist/sotreem/sotreem QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/test_upgrade.py

# The Windows program under Wine: bundle, installer, install, GUI, upgrade, uninstall (see
# installer/windows/test_windows.sh): ~24 min with empty caches here, ~15 min with
# ~/.cache/sotreem-windows.
.PHONY: test-windows
test-windows: $(STAMP)
	bash installer/windows/test_windows.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache build dist *.egg-info

# Our strings (sotreem_en) and Qt's own dialogs in Vietnamese (qtbase_vi); both .ts and .qm are committed.
translations: $(STAMP)
	$(BIN)/python resources/translations/update_ts.py
	$(BIN)/python resources/translations/update_qt_ts.py
