"""What the benchmark scripts share: running a command under /usr/bin/time."""

import re
import subprocess
import time


def timed(cmd):
    """Runs `cmd`; returns (wall seconds, peak resident memory in KiB)."""
    start = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-v"] + [str(c) for c in cmd], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(str(c) for c in cmd)} failed: {proc.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return elapsed, rss
