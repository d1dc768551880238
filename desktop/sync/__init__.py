"""Upward sync: change log transport, protocol and USB bundles."""
