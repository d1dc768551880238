"""Repeatable measurements: `make bench` (python -m benchmarks)."""

import os
import tempfile

# The sync server's key file (USB bundle secrets) of the benchmarks' throw-away servers: in a
# temp folder, never in the configuration folder of whoever runs them.
os.environ.setdefault(
    "SOTREEM_SERVER_KEY_FILE", os.path.join(tempfile.mkdtemp(prefix="sotreem-bench-"), "bundle.key")
)
