"""Pure rules of the register: no I/O, no database, no Qt.

Everything here is a function of its arguments so it can be unit-tested and shared by the
desktop, the server and the reports.
"""
