#!/usr/bin/env python3
"""Imports a synthetic consent ledger and reports the rate (events a second,
hash chain included) and the peak memory of `dpo-consent import`, and the
time raw sqlite3 takes to insert the very same rows into a copy of the store
as it was before the import (no parsing, checking or hashing): the ratio is
what dpokit's import costs over the database's own work. A second raw figure,
the floor, loads the same rows with sqlite3's `.import` (one prepared
statement, CSV, the two hashes as hex text): the fastest SQLite inserts
these rows on this machine, whatever program drives it. Usage:

    bench/consents_import.py [--bin build/apps] [--events 1000000] [--subjects 100000]

Subjects are imported first (newsletter and alumni engagements of the example
register); then the events: grants, withdrawals and re-grants spread over
three years, with notices, evidence and scopes like the example's.
"""

import argparse
import json
import pathlib
import shutil
import random
import subprocess
import tempfile
import time

from bench_common import timed

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTICE = "b33ec886abb5667874c26f64ae1a5ac567792bb54fd0cdab5c1f206023962ab7"


def write_subjects(path, count):
    with open(path, "w") as out:
        for n in range(count):
            out.write(json.dumps({"key": f"S-{n:08d}", "birth_date": "1990-01-01",
                                  "engagements": [{"activity": "newsletter", "started": "2023-01-01"},
                                                  {"activity": "alumni-community", "started": "2023-01-01"}]},
                                 separators=(",", ":")) + "\n")


def write_events(path, count, subjects, seed=11):
    rng = random.Random(seed)
    with open(path, "w") as out:
        for n in range(count):
            purpose = "newsletter" if n % 3 else "alumni-community"
            action = "withdrawn" if n % 5 == 4 else "given"
            day = 1 + n % 28
            e = {"subject": f"S-{rng.randrange(subjects):08d}", "purpose": purpose, "action": action,
                 "at": f"202{3 + n % 3}-{1 + n % 12:02d}-{day:02d}T{n % 24:02d}:{n % 60:02d}:{(n // 60) % 60:02d}Z",
                 "channel": "web-form", "evidence": f"form:{n}", "recorded_by": "website"}
            if action == "given":
                e["notice"] = {"version": "v2", "sha256": NOTICE}
            out.write(json.dumps(e, separators=(",", ":")) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "build/apps"))
    ap.add_argument("--events", default="1000000")
    ap.add_argument("--subjects", type=int, default=100000)
    args = ap.parse_args()
    bins = pathlib.Path(args.bin)
    print(f"{'events':>10} {'seconds':>8} {'events/s':>10} {'peak RSS':>10} {'raw sqlite3':>12} {'ratio':>6}"
          f" {'.import floor':>14} {'rows/s':>8}   (verify: seconds, peak RSS)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for events in [int(x) for x in args.events.split(",")]:
            store = tmp / f"c{events}.sqlite"
            subprocess.run([bins / "dpo", "init", "-q", "--store", store], check=True)
            subprocess.run([bins / "dpo-register", "import", "-q", "--store", store,
                            ROOT / "examples/training-org/register.yaml"], check=True)
            write_subjects(tmp / "s.jsonl", args.subjects)
            subprocess.run([bins / "dpo-subject", "import", "-q", "--store", store, tmp / "s.jsonl"], check=True)
            write_events(tmp / "e.jsonl", events, args.subjects)
            before = tmp / "before.sqlite"
            shutil.copy(store, before)
            seconds, rss = timed([str(bins / "dpo-consent"), "import", "-q", "--store", str(store), str(tmp / "e.jsonl")])
            vseconds, vrss = timed([str(bins / "dpo-consent"), "verify", "-q", "--store", str(store)])
            # The same rows, as INSERT statements, into the store as it was.
            with open(tmp / "raw.sql", "w") as sql:
                sql.write("PRAGMA foreign_keys = ON;\nPRAGMA cache_size = -32768;\nBEGIN;\n")
                sql.flush()
                subprocess.run(["sqlite3", store, ".mode insert consent_event",
                                "SELECT * FROM consent_event ORDER BY seq"], stdout=sql, check=True)
                sql.write("COMMIT;\n")
            # The floor: the same rows through .import, into another copy.
            floor_store = tmp / "floor.sqlite"
            shutil.copy(before, floor_store)
            with open(tmp / "rows.csv", "w") as rows:
                subprocess.run(["sqlite3", "-csv", store,
                                "SELECT seq, id, subject_id, purpose_id, subject_key, purpose, action, at, channel, "
                                "notice_version, notice_sha256, evidence, recorded_by, scope, hex(prev), hex(hash) "
                                "FROM consent_event ORDER BY seq"], stdout=rows, check=True)
            with open(tmp / "raw.sql") as sql:
                start = time.monotonic()
                subprocess.run(["sqlite3", before], stdin=sql, check=True)
                raw = time.monotonic() - start
            start = time.monotonic()
            subprocess.run(["sqlite3", floor_store, "PRAGMA foreign_keys = ON", "PRAGMA cache_size = -32768", "BEGIN",
                            f".import --csv {tmp / 'rows.csv'} consent_event", "COMMIT"], check=True)
            floor = time.monotonic() - start
            print(f"{events:>10} {seconds:>8.1f} {events / seconds:>10.0f} {rss / 1024:>7.1f} MiB {raw:>10.1f} s "
                  f"{seconds / raw:>6.2f} {floor:>12.1f} s {events / floor:>8.0f}"
                  f"   ({vseconds:.1f} s, {vrss / 1024:.1f} MiB)")
            for f in (before, floor_store, tmp / "raw.sql", tmp / "rows.csv", tmp / "e.jsonl"):
                f.unlink()


if __name__ == "__main__":
    main()
