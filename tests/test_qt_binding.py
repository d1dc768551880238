"""The Qt binding must not leak references when Python overrides return None or False.

PySide6 6.12.0 on Python 3.11 decrements None's refcount each time a model's data() returns None
to C++; after enough scrolling the interpreter aborts ("deallocating None"). The officer would
lose the window mid-work, so the version is pinned and this test keeps it honest.
"""

import sys

from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, QSortFilterProxyModel
from PySide6.QtWidgets import QWidget


class _NoneModel(QAbstractTableModel):
    def rowCount(self, parent=None):
        return 3

    def columnCount(self, parent=None):
        return 3

    def data(self, index, role=0):
        return None


class _Filter(QObject):
    def eventFilter(self, watched, event):
        return False


def test_returning_none_from_a_model_keeps_none_alive(qapp):
    model = _NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        proxy.data(index, 0)  # C++ calls the Python override, which returns None
    assert sys.getrefcount(None) >= before - 50


def test_returning_false_from_an_event_filter_keeps_false_alive(qapp):
    widget = QWidget()
    event_filter = _Filter()
    widget.installEventFilter(event_filter)
    before = sys.getrefcount(False)
    for _ in range(2000):
        qapp.sendEvent(widget, QEvent(QEvent.Type.User))
    assert sys.getrefcount(False) >= before - 50
