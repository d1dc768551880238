"""A background job that fails always tells the officer, in Vietnamese; the details of an
unexpected fault go to the log file for the district IT person."""

from __future__ import annotations

import pytest

from desktop.domain.validation import Problem, ValidationError
from desktop.ui import dialogs, errors
from desktop.ui.taskman import TaskManager


@pytest.fixture
def shown(monkeypatch, tmp_path):
    monkeypatch.setenv("SOTREEM_DATA_DIR", str(tmp_path))
    for handler in list(errors.log.handlers):
        errors.log.removeHandler(handler)
    errors.start_logging()
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text: seen.append((title, text)))
    yield seen
    for handler in list(errors.log.handlers):
        handler.close()
        errors.log.removeHandler(handler)


def test_an_unexpected_fault_is_explained_and_logged(qtbot, shown, tmp_path):
    tasks = TaskManager()

    def broken():
        raise KeyError("village_id")

    tasks.run_db(broken)
    qtbot.waitUntil(lambda: bool(shown))
    [(title, text)] = shown
    assert title == "Không thực hiện được"
    assert text.startswith("Đã xảy ra lỗi ngoài dự kiến (KeyError).")
    assert str(tmp_path / "logs" / "sotreem.log") in text
    logged = (tmp_path / "logs" / "sotreem.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "KeyError: 'village_id'" in logged and "broken" in logged
    tasks.shutdown()


def test_a_rule_of_ours_is_shown_as_it_reads(qtbot, shown):
    tasks = TaskManager()

    def refused():
        raise ValidationError([Problem("given_on", "không được sau ngày hôm nay.")])

    tasks.run_io(refused)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [("Không thực hiện được", "Ngày trợ giúp: không được sau ngày hôm nay.")]
    tasks.shutdown()


def test_a_handler_of_its_own_takes_precedence(qtbot, shown):
    tasks = TaskManager()
    handled = []
    tasks.run_db(lambda: 1 / 0, on_error=handled.append)
    qtbot.waitUntil(lambda: bool(handled))
    assert isinstance(handled[0], ZeroDivisionError) and shown == []
    tasks.shutdown()
