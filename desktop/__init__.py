"""Sổ Trẻ Em — the commune child-protection register."""

__version__ = "0.1.0"

# The day this version was made: no correct clock reads earlier (see domain.vntime).
RELEASED = "2026-12-01"
