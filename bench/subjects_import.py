#!/usr/bin/env python3
"""Imports synthetic subjects files of growing size and reports the rate and
the peak memory of `dpo-subject import`, to show that memory stays flat as
the file grows (the import streams), and the floor: sqlite3's .import of the
very rows the import wrote (subjects, identifiers, engagements, holdings)
into the store as it was. Usage:

    bench/subjects_import.py [--bin build/apps] [--lines 100000,1000000] [--mapped]

Each line is a learner of the example register with five holdings. With
--mapped, the same learners are also written as a French CRM export (one
row each, semicolons, dd/mm/yyyy dates) and imported through a mapping
(dpo-mapping(5)); the ratio is to the JSON Lines import of the same people.
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


MAPPING = """version: 1
delimiter: ";"
date_format: "%d/%m/%Y"
key: Num
identifiers: {email: Courriel}
cpf_funded: CPF
engagements:
  - {activity: training-delivery, started: Debut, ended: Fin}
holdings:
  - {column: Nom, activity: training-delivery, data: identity, system: crm, collected: Debut}
  - {column: Courriel, activity: training-delivery, data: contact, system: crm, collected: Debut}
  - {column: Note, activity: training-delivery, data: assessment, system: lms, collected: Debut}
  - {column: Emargement, activity: training-delivery, data: attendance, system: esign, collected: Debut}
  - {column: Courriel, activity: newsletter, data: contact, system: mailer, collected: Debut}
"""


def write_export(path, lines, seed=7):
    """The learners of write_subjects() as a CRM exports them, and the same
    learners as JSON Lines giving the same holdings (values, not refs)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out, open(str(path) + ".jsonl", "w") as twin:
        out.write("\ufeffNum;Nom;Courriel;CPF;Debut;Fin;Note;Emargement\r\n")
        for n in range(lines):
            year = 2020 + n % 7
            month, day = 1 + n % 12, 1 + n % 28
            iso, fr = f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}"
            email, cpf = f"s{n}@mail.example", rng.random() < 0.3
            out.write(f"S-{n:08d};Learner {n};{email};{'Oui' if cpf else 'Non'};{fr};{fr};"
                      f"lms:users/{n}/grades;esign:envelopes/{n}\r\n")
            held = [("training-delivery", "identity", "crm", f"Learner {n}"),
                    ("training-delivery", "contact", "crm", email),
                    ("training-delivery", "assessment", "lms", f"lms:users/{n}/grades"),
                    ("training-delivery", "attendance", "esign", f"esign:envelopes/{n}"),
                    ("newsletter", "contact", "mailer", email)]
            twin.write(json.dumps({
                "key": f"S-{n:08d}", "identifiers": {"email": email}, "cpf_funded": cpf,
                "engagements": [{"activity": "training-delivery", "started": iso, "ended": iso}],
                "holdings": [{"activity": a, "data": d, "system": s, "collected": iso, "value": v}
                             for a, d, s, v in held]}, separators=(",", ":")) + "\n")


def fresh_store(bin_dir, store):
    subprocess.run([bin_dir / "dpo", "init", "-q", "--store", store], check=True)
    subprocess.run([bin_dir / "dpo-register", "import", "-q", "--store", store,
                    ROOT / "examples/training-org/register.yaml"], check=True)


def bench_mapped(bin_dir, lines, tmp):
    """Seconds and peak RSS of the mapped import and of the JSON Lines import
    of the same people, each into a fresh store; the two stores must hold
    the same rows."""
    export = tmp / f"e{lines}.csv"
    mapping = tmp / "crm.yaml"
    mapping.write_text(MAPPING)
    write_export(export, lines)
    out = []
    for name, args in (("mapped", ["--map", str(mapping), str(export)]), ("jsonl", [str(export) + ".jsonl"])):
        store = tmp / f"{name}.sqlite"
        fresh_store(bin_dir, store)
        out.append(timed([str(bin_dir / "dpo-subject"), "import", "-q", "--store", str(store)] + args))
    dumps = [subprocess.run(["sqlite3", str(tmp / f"{n}.sqlite"),
                             "SELECT key, cpf_funded FROM subject ORDER BY key; "
                             "SELECT count(*), sum(length(value)) FROM holding; SELECT count(*) FROM engagement"],
                            capture_output=True, text=True, check=True).stdout for n in ("mapped", "jsonl")]
    if dumps[0] != dumps[1]:
        raise SystemExit("the mapped import and the JSON Lines import of the same people differ")
    for f in (export, pathlib.Path(str(export) + ".jsonl"), tmp / "mapped.sqlite", tmp / "jsonl.sqlite"):
        f.unlink()
    return out


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
    ap.add_argument("--mapped", action="store_true", help="the mapped import against the JSON Lines one")
    args = ap.parse_args()
    bin_dir = pathlib.Path(args.bin)
    if args.mapped:
        print(f"{'people':>10} {'mapped s':>9} {'jsonl s':>8} {'ratio':>6} {'mapped RSS':>11} {'jsonl RSS':>10}")
        with tempfile.TemporaryDirectory() as tmp:
            for lines in [int(x) for x in args.lines.split(",")]:
                (ms, mrss), (js, jrss) = bench_mapped(bin_dir, lines, pathlib.Path(tmp))
                print(f"{lines:>10} {ms:>9.2f} {js:>8.2f} {ms / js:>6.2f} {mrss / 1024:>7.1f} MiB {jrss / 1024:>6.1f} MiB")
        return
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
