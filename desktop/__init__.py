"""Sổ Trẻ Em — the commune child-protection register."""

__version__ = "0.1.0"
