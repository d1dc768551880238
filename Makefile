# Every target builds its own virtual env first, so a fresh clone needs only `make run` / `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?=

.PHONY: run test lint bench clean translations bundle test-bundle guide

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/sotreem $(if $(DB),--db $(DB),)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(STAMP) lint
	bash tests/setup_system.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: bundle
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# The two guides: the officer's (with pictures of the real application) and the administrator's.
guide: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python installer/make_guide.py dist/huong-dan-su-dung.pdf dist/huong-dan-quan-tri.pdf

# One-folder application in dist/sotreem (PyInstaller; ~35 s here).
bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
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
