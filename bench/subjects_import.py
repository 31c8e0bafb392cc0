#!/usr/bin/env python3
"""Imports synthetic subjects files of growing size and reports the rate and
the peak memory of `dpo-subject import`, to show that memory stays flat as
the file grows (the import streams), and the floor: sqlite3's .import of the
very rows the import wrote (subjects, identifiers, engagements, holdings)
into the store as it was. Usage:

    bench/subjects_import.py [--bin build/apps] [--lines 100000,1000000]

Each line is a learner of the example register with five holdings.
"""

import argparse
import json
import os
import pathlib
import random
import shutil
import subprocess
import tempfile
import time

from bench_common import timed

ROOT = pathlib.Path(__file__).resolve().parent.parent


def write_subjects(path, lines, seed=7):
    rng = random.Random(seed)
    with open(path, "w") as out:
        for n in range(lines):
            year = 2020 + n % 7
            day = f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            email = f"s{n}@mail.example"
            line = {
                "key": f"S-{n:08d}",
                "identifiers": {"email": email},
                "cpf_funded": rng.random() < 0.3,
                "engagements": [{"activity": "training-delivery", "started": day, "ended": day}],
                "holdings": [
                    {"activity": "training-delivery", "data": "identity", "system": "crm", "collected": day,
                     "value": f"Learner {n}"},
                    {"activity": "training-delivery", "data": "contact", "system": "crm", "collected": day,
                     "value": email},
                    {"activity": "training-delivery", "data": "assessment", "system": "lms", "collected": day,
                     "ref": f"lms:users/{n}/grades"},
                    {"activity": "training-delivery", "data": "attendance", "system": "esign", "collected": day,
                     "ref": f"esign:envelopes/{n}"},
                    {"activity": "newsletter", "data": "contact", "system": "mailer", "collected": day,
                     "value": email},
                ],
            }
            out.write(json.dumps(line, separators=(",", ":")) + "\n")


# The rows the import wrote, table by table in the order their foreign keys
# need; the digest as hex text, as CSV carries no blob.
FLOOR_TABLES = [
    ("subject", "SELECT * FROM subject ORDER BY id"),
    ("identifier", "SELECT * FROM identifier"),
    ("engagement", "SELECT * FROM engagement"),
    ("holding", "SELECT id, subject_id, activity_id, category_id, system, collected_at, value, ref, hex(digest), "
                "anonymised_at, archived_at FROM holding ORDER BY id"),
]


def import_floor(store, before, tmp):
    """The fastest SQLite inserts the same rows on this machine: sqlite3's
    .import (one prepared statement a table, no parsing, checking, hashing
    or lookups), into a copy of the store as it was before the import."""
    commands = ["PRAGMA foreign_keys = ON", "PRAGMA cache_size = -32768", "BEGIN"]
    for table, query in FLOOR_TABLES:
        csv = tmp / f"{table}.csv"
        with open(csv, "w") as out:
            subprocess.run(["sqlite3", "-csv", str(store), query], stdout=out, check=True)
        commands.append(f".import --csv {csv} {table}")
    commands.append("COMMIT")
    start = time.monotonic()
    subprocess.run(["sqlite3", str(before)] + commands, check=True)
    floor = time.monotonic() - start
    for table, _ in FLOOR_TABLES:
        (tmp / f"{table}.csv").unlink()
    before.unlink()
    return floor


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "build/apps"))
    ap.add_argument("--lines", default="100000,1000000")
    args = ap.parse_args()
    bin_dir = pathlib.Path(args.bin)
    print(f"{'lines':>10} {'holdings':>10} {'seconds':>8} {'lines/s':>9} {'holdings/s':>11} {'peak RSS':>10}"
          f" {'.import floor':>14} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for lines in [int(x) for x in args.lines.split(",")]:
            data = pathlib.Path(tmp) / f"s{lines}.jsonl"
            store = pathlib.Path(tmp) / f"s{lines}.sqlite"
            write_subjects(data, lines)
            subprocess.run([bin_dir / "dpo", "init", "-q", "--store", store], check=True)
            subprocess.run([bin_dir / "dpo-register", "import", "-q", "--store", store,
                            ROOT / "examples/training-org/register.yaml"], check=True)
            before = pathlib.Path(tmp) / "before.sqlite"
            shutil.copy(store, before)
            seconds, rss = timed([str(bin_dir / "dpo-subject"), "import", "-q", "--store", str(store), str(data)])
            holdings = lines * 5
            floor = import_floor(store, before, pathlib.Path(tmp))
            print(f"{lines:>10} {holdings:>10} {seconds:>8.1f} {lines / seconds:>9.0f} {holdings / seconds:>11.0f} "
                  f"{rss / 1024:>7.1f} MiB {floor:>12.1f} s {seconds / floor:>6.2f}")
            os.unlink(data)


if __name__ == "__main__":
    main()
