#!/usr/bin/env python3
"""Property test over randomly generated stores: what dpokit prints and
writes about one person holds nothing of anyone else, its messages hold
nobody's personal data, and every file it writes is private.

    leak.py SOURCE_DIR APPS_DIR [--seeds N] [--subjects N]

For each seed, a store of random people (random keys, emails, phones, CRM
ids, names and job titles as holdings, consents) made with umask 022, then:
  - each person's access export (json, md, html; to standard output and with
    --out) and the batch export of all of them hold that person's key and
    none of any other person's identifiers or values;
  - the audit in every format, the register, status and verify outputs hold
    no one's identifiers or values;
  - standard error of every run, including refused inputs that name a
    person's identifiers, holds no one's identifiers or values;
  - every file the programs wrote (store, its -wal and -shm, the lock,
    exports, the batch directory's files and manifest, the audit page, a
    breach's recipients list) has mode 0600 (directories 0700).
"""

import argparse
import json
import os
import pathlib
import random
import stat
import string
import subprocess
import sys
import tempfile

ALPHABET = string.ascii_lowercase + string.digits


def token(rng, n=10):
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def person(rng, i):
    key = f"K{i}-{token(rng, 8)}"
    email = f"{token(rng)}@{token(rng, 6)}.example"
    # A valid French mobile (06 followed by 0-2 or 4-8: libphonenumber's ranges).
    phone = "+336" + rng.choice("0124578") + "".join(rng.choice(string.digits) for _ in range(7))
    crm = f"C-{token(rng, 9)}"
    name = f"{token(rng, 7).capitalize()} {token(rng, 8).capitalize()}"
    job = f"{token(rng, 9)} {token(rng, 6)}"
    start = f"20{rng.randint(19, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    holdings = [
        {"activity": "training-delivery", "data": "identity", "system": "crm", "collected": start, "value": name},
        {"activity": "training-delivery", "data": "contact", "system": "crm", "collected": start, "value": email},
        {"activity": "training-delivery", "data": "professional", "system": "crm", "collected": start, "value": job},
        {"activity": "training-delivery", "data": "attendance", "system": "esign", "collected": start,
         "ref": f"esign:envelopes/{token(rng)}"},
    ]
    engagements = [{"activity": "training-delivery", "started": start}]
    events = []
    if rng.random() < 0.6:
        holdings.append({"activity": "newsletter", "data": "contact", "system": "mailer", "collected": start,
                         "value": email})
        engagements.append({"activity": "newsletter", "started": start, "last_contact": "2026-10-01"})
        events.append({"subject": key, "purpose": "newsletter", "action": "given", "at": f"{start}T10:00:00Z",
                       "channel": "web-form", "evidence": f"form:{token(rng)}", "recorded_by": "website",
                       "notice": {"version": "newsletter-v2",
                                  "sha256": "b33ec886abb5667874c26f64ae1a5ac567792bb54fd0cdab5c1f206023962ab7"}})
    record = {"key": key, "identifiers": {"email": email, "phone": phone, "crm": crm},
              "birth_date": f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}",
              "engagements": engagements, "holdings": holdings}
    secrets = {key, email, phone, crm, name, job}
    return record, events, secrets


class Checker:
    def __init__(self, apps, tmp):
        self.apps, self.tmp, self.failures, self.runs = apps, tmp, [], 0
        self.everyone = set()
        self.files = 0

    def run(self, program, *args, expect=(0,), stdin=None):
        self.runs += 1
        p = subprocess.run([str(self.apps / program)] + [str(a) for a in args], capture_output=True,
                           input=stdin, env=dict(os.environ, DPO_STORE=""))
        err = p.stderr.decode("utf-8", errors="replace")
        leaked = sorted(s for s in self.everyone if s in err)
        if leaked:
            self.failures.append(f"{program} {args[0]}: standard error shows personal data {leaked[:3]}: {err[:200]!r}")
        if p.returncode not in expect:
            self.failures.append(f"{program} {' '.join(map(str, args[:2]))}: exit {p.returncode}: {err[:300]}")
        return p.stdout.decode("utf-8", errors="replace")

    def only(self, what, text, mine, others):
        """`text` may hold `mine` (a set) and nothing of `others`."""
        leaked = sorted(s for s in others if s in text)
        if leaked:
            self.failures.append(f"{what}: holds another person's data {leaked[:3]}")

    def none(self, what, text):
        leaked = sorted(s for s in self.everyone if s in text)
        if leaked:
            self.failures.append(f"{what}: holds personal data {leaked[:3]}")


def one_store(checker, source, apps, tmp, rng, count):
    example = source / "examples/training-org"
    people = [person(rng, i) for i in range(count)]
    checker.everyone = set().union(*(p[2] for p in people))
    store = tmp / "dpo.sqlite"
    (tmp / "subjects.jsonl").write_text("".join(json.dumps(p[0]) + "\n" for p in people))
    (tmp / "consents.jsonl").write_text("".join(json.dumps(e) + "\n" for p in people for e in p[1]))
    c = checker
    c.run("dpo", "init", "--store", store)
    c.run("dpo-register", "import", "--store", store, example / "register.yaml")
    c.run("dpo-subject", "import", "--store", store, tmp / "subjects.jsonl")
    c.run("dpo-consent", "import", "--store", store, tmp / "consents.jsonl")

    # Refused inputs that name people: a second person claiming the first's
    # email and phone, a consent for someone unknown, lookups that find nobody.
    first, second = people[0], people[1]
    clash = dict(second[0], identifiers={"email": first[0]["identifiers"]["email"],
                                         "phone": first[0]["identifiers"]["phone"]})
    c.run("dpo-subject", "import", "--store", store, "--input-format", "jsonl", "-", expect=(3,),
          stdin=(json.dumps(clash) + "\n").encode())
    unknown = {"subject": first[0]["key"] + "x", "purpose": "newsletter", "action": "refused",
               "at": "2026-01-01T10:00:00Z", "channel": "paper"}
    c.run("dpo-consent", "import", "--store", store, "--input-format", "jsonl", "-", expect=(3,),
          stdin=(json.dumps(unknown) + "\n").encode())
    c.run("dpo-subject", "show", "--store", store, "--email", "nobody-" + first[0]["identifiers"]["email"], expect=(3,))

    for record, _, mine in people:
        others = checker.everyone - mine
        key = record["key"]
        for fmt in ("json", "md", "html"):
            out = c.run("dpo-sar", "export", "--store", store, "--as-of", "2026-11-26", "--format", fmt, key)
            # What must be there is there: the absence of the others means something.
            for own in (key, record["identifiers"]["email"]):
                if own not in out:
                    c.failures.append(f"sar export {fmt} of {key}: does not hold its subject's {own}")
            c.only(f"sar export {fmt} of {key}", out, mine, others)
        c.only(f"subject show {key}", c.run("dpo-subject", "show", "--store", store, "--format", "json", key),
               mine, others)
        c.only(f"consent receipt {key}", c.run("dpo-consent", "receipt", "--store", store, "--as-of", "2026-11-26",
                                               key, expect=(0, 3)), mine, others)
    pick = people[rng.randrange(count)]
    c.run("dpo-sar", "export", "--store", store, "--as-of", "2026-11-26", "--format", "html", "--out",
          tmp / "letter.html", pick[0]["key"])
    c.only("sar export --out", (tmp / "letter.html").read_text(), pick[2], checker.everyone - pick[2])
    (tmp / "asked.txt").write_text("".join(p[0]["key"] + "\n" for p in people))
    c.run("dpo-sar", "export", "--store", store, "--as-of", "2026-11-26", "--batch", tmp / "asked.txt",
          "--out-dir", tmp / "answers")
    by_key = {p[0]["key"]: p[2] for p in people}
    for f in sorted((tmp / "answers").iterdir()):
        if f.name == "MANIFEST.sha256":
            continue
        owner = [k for k in by_key if f.name.startswith(k)]
        if len(owner) != 1:
            c.failures.append(f"batch file {f.name}: names no single subject")
            continue
        c.only(f"batch file {f.name}", f.read_text(), by_key[owner[0]], checker.everyone - by_key[owner[0]])

    for fmt in ("text", "json", "md", "html"):
        c.none(f"audit --format {fmt}", c.run("dpo-audit", "--store", store, "--as-of", "2026-11-26", "--format", fmt,
                                              "--fail-on", "never"))
    c.run("dpo-audit", "--store", store, "--as-of", "2026-11-26", "--format", "html", "--out", tmp / "audit.html",
          "--fail-on", "never")
    c.none("register show", c.run("dpo-register", "show", "--store", store))
    c.none("status", c.run("dpo", "status", "--store", store, "--format", "json"))
    c.none("consent verify", c.run("dpo-consent", "verify", "--store", store))
    c.none("purge dry run", c.run("dpo-purge", "--store", store, "--as-of", "2030-01-01", "--dry-run"))
    c.none("purge", c.run("dpo-purge", "--store", store, "--as-of", "2030-01-01", "--format", "json"))
    c.none("purge verify", c.run("dpo-purge", "verify", "--store", store))
    # An erasure task is a work order for another system: it names the record
    # there (the person's id of that system's kind, else their key), never a
    # value (name, email, phone, job).
    references = {r["key"] for r, _, _ in people} | {r["identifiers"]["crm"] for r, _, _ in people}
    c.only("purge tasks", c.run("dpo-purge", "tasks", "--store", store, "--format", "jsonl"), references,
           checker.everyone - references)
    c.none("purge log", c.run("dpo-purge", "log", "--store", store, "--format", "jsonl"))
    # Asked by key, the log answers without repeating it (or anyone else's).
    for record, _, _ in people[:5]:
        c.none("purge log --subject", c.run("dpo-purge", "log", "--store", store, "--subject", record["key"]))
    c.run("dpo-breach", "record", "--store", store, "--as-of", "2026-05-30T10:00:00+02:00",
          example / "incidents/laptop-theft.yaml")
    c.none("breach draft", c.run("dpo-breach", "draft", "--store", store, "--as-of", "2026-05-30T10:00:00+02:00",
                                 "--recipients", tmp / "recipients.csv", "BR-2026-004"))

    written = [p for p in sorted(tmp.rglob("*")) if p.name not in ("subjects.jsonl", "consents.jsonl", "asked.txt")]
    expected = {"dpo.sqlite", "dpo.sqlite.lock", "letter.html", "audit.html", "recipients.csv", "answers",
                "MANIFEST.sha256"}
    missing = expected - {p.name for p in written}
    if missing:
        c.failures.append(f"expected files were not written: {sorted(missing)}")
    c.files += len(written)
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            if mode & 0o077:
                c.failures.append(f"directory {path.relative_to(tmp)} has mode {mode:o}, not 0700")
        elif mode & 0o077:
            c.failures.append(f"{path.relative_to(tmp)} has mode {mode:o}, not 0600")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=pathlib.Path)
    ap.add_argument("apps", type=pathlib.Path)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--subjects", type=int, default=30)
    args = ap.parse_args()
    os.umask(0o022)
    failures, runs, files = [], 0, 0
    for seed in range(1, args.seeds + 1):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            os.chmod(tmp, 0o700)
            checker = Checker(args.apps, tmp)
            one_store(checker, args.source, args.apps, tmp, random.Random(seed), args.subjects)
            failures += [f"seed {seed}: {f}" for f in checker.failures]
            runs += checker.runs
            files += checker.files
    print(f"leak: {args.seeds} random stores of {args.subjects} people, {runs} runs and {files} files "
          f"checked, {len(failures)} failures")
    for f in failures[:40]:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
