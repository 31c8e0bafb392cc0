#!/usr/bin/env python3
"""Runs dpokit's commands against one store from several processes at once
for a bounded time, then counts what landed.

    race.py SOURCE_DIR APPS_DIR [--seconds N]

At once, in loops: two processes granting and withdrawing consents (each on
its own subject), two purges, one subject import (a new subject each time),
one audit, one consent verify; one granter and the importer with a 20 ms busy
timeout. A reader never mistakes another run's commit for tampering: verify
exits 0 and the audit never reports CON-005 (the ledger) while the others
write. Every run must exit 0, or 5 (the store busy: the documented
outcome without --wait), or 1 for the audit's findings; anything else fails.
At the end: the store passes its integrity and foreign-key checks, the
consent ledger verifies, each granter's subject holds exactly as many events
as the granter saw succeed (none lost, none doubled), and exactly the
subjects whose import succeeded were added.
"""

import argparse
import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=pathlib.Path)
    ap.add_argument("apps", type=pathlib.Path)
    ap.add_argument("--seconds", type=float, default=8)
    args = ap.parse_args()
    apps, example = args.apps, args.source / "examples/training-org"
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        store = str(tmp / "dpo.sqlite")
        granters = ["G-1", "G-2"]
        (tmp / "granters.jsonl").write_text("".join(json.dumps({
            "key": key, "identifiers": {"email": f"{key.lower()}@mail.example"},
            "engagements": [{"activity": "newsletter", "started": "2026-11-01", "last_contact": "2026-11-20"}],
            "holdings": [{"activity": "newsletter", "data": "contact", "system": "mailer", "collected": "2026-11-01",
                          "value": f"{key.lower()}@mail.example"}]}) + "\n" for key in granters))
        for cmd in (["dpo", "init", "-q", "--store", store],
                    ["dpo-register", "import", "-q", "--store", store, example / "register.yaml"],
                    ["dpo-subject", "import", "-q", "--store", store, example / "subjects.jsonl"],
                    ["dpo-consent", "import", "-q", "--store", store, example / "consents.jsonl"],
                    ["dpo-subject", "import", "-q", "--store", store, tmp / "granters.jsonl"]):
            subprocess.run([str(apps / cmd[0])] + [str(c) for c in cmd[1:]], check=True)

        with sqlite3.connect(store) as db:
            subjects_before = db.execute("SELECT count(*) FROM subject").fetchone()[0]
        deadline = time.monotonic() + args.seconds
        lock = threading.Lock()
        tally = {}

        def record(who, code, allowed, err):
            with lock:
                tally.setdefault(who, {}).setdefault(code, 0)
                tally[who][code] += 1
                if code not in allowed:
                    failures.append(f"{who} exited {code}: {err.strip()[:300]}")

        # A short busy timeout for some, so that exit 5 happens and is checked too.
        impatient = dict(os.environ, DPO_BUSY_TIMEOUT_MS="20")

        def loop(who, command, allowed, each=None, env=None, forbidden=None):
            i = 0
            while time.monotonic() < deadline:
                cmd = command(i)
                p = subprocess.run([str(c) for c in cmd], stdout=subprocess.PIPE if forbidden else subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, env=env)
                record(who, p.returncode, allowed, p.stderr)
                wrong = forbidden(p.stdout) if forbidden and p.returncode in (0, 1) else None
                if wrong:
                    with lock:
                        failures.append(f"{who} saw tampering while others wrote: {wrong[:300]}")
                if each:
                    each(i, p.returncode)
                i += 1

        granted = {g: 0 for g in granters}

        def granter(key):
            def command(i):
                common = ["-q", "--store", store, "--channel", "web-form", "--evidence", f"form:{key}/{i}"]
                if i % 2:
                    return [apps / "dpo-consent", "withdraw"] + common + [key, "newsletter"]
                return [apps / "dpo-consent", "grant"] + common + [
                    "--notice-version", "newsletter-v2", "--notice-file", example / "notices/newsletter-v2.txt",
                    key, "newsletter"]

            def each(i, code):
                if code == 0:
                    granted[key] += 1
            return command, each

        def ledger_finding(out):
            found = [f for f in json.loads(out)["findings"] if f["rule"] == "CON-005"]
            return json.dumps(found[0]) if found else None

        imported = []

        def importer(i):
            path = tmp / f"new-{i}.jsonl"
            key = f"N-{i:05d}"
            path.write_text(json.dumps({"key": key, "engagements": [
                {"activity": "newsletter", "started": "2026-11-01", "last_contact": "2026-11-20"}]}) + "\n")
            return [apps / "dpo-subject", "import", "-q", "--store", store, path]

        def imported_each(i, code):
            if code == 0:
                imported.append(f"N-{i:05d}")

        threads = []
        for key in granters:
            command, each = granter(key)
            threads.append(threading.Thread(target=loop, args=(f"grant {key}", command, {0, 5}, each,
                                                               impatient if key == granters[1] else None)))
        # Two purges: the second finds the first's run lock and exits 5.
        for who in ("purge 1", "purge 2"):
            threads.append(threading.Thread(target=loop, args=(
                who, lambda i: [apps / "dpo-purge", "-q", "--store", store, "--as-of", "2026-11-26"], {0, 5})))
        threads.append(threading.Thread(target=loop, args=("import", importer, {0, 5}, imported_each, impatient)))
        threads.append(threading.Thread(target=loop, args=(
            "audit", lambda i: [apps / "dpo-audit", "-q", "--store", store, "--as-of", "2026-11-26", "--format",
                                "json", "--fail-on", "never"], {0, 5}), kwargs={"forbidden": ledger_finding}))
        threads.append(threading.Thread(target=loop, args=(
            "verify", lambda i: [apps / "dpo-consent", "verify", "--store", store, "--format", "json"], {0, 5}),
            kwargs={"forbidden": lambda out: json.loads(out).get("problem")}))
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        with sqlite3.connect(store) as db:
            for check in ("PRAGMA integrity_check", "PRAGMA foreign_key_check"):
                rows = db.execute(check).fetchall()
                if rows not in ([("ok",)], []):
                    failures.append(f"{check}: {rows[:3]}")
            for key in granters:
                events = db.execute("SELECT count(*) FROM consent_event WHERE subject_key = ?", (key,)).fetchone()[0]
                if events != granted[key]:
                    failures.append(f"{key}: {granted[key]} grants and withdrawals succeeded, the ledger holds {events}")
            added = [r[0] for r in db.execute("SELECT key FROM subject WHERE key LIKE 'N-%' ORDER BY key")]
            if added != sorted(imported):
                failures.append(f"{len(imported)} imports succeeded, {len(added)} new subjects are in the store")
            subjects_after = db.execute("SELECT count(*) FROM subject").fetchone()[0]
        verify = subprocess.run([str(apps / "dpo-consent"), "verify", "-q", "--store", store], capture_output=True,
                                text=True)
        if verify.returncode != 0:
            failures.append(f"the consent ledger does not verify: {verify.stderr.strip()}")
    runs = sum(sum(codes.values()) for codes in tally.values())
    busy = sum(codes.get(5, 0) for codes in tally.values())
    print(f"race: {runs} runs in {args.seconds:.0f} s ({busy} busy, exit 5): " +
          ", ".join(f"{who} {dict(sorted(codes.items()))}" for who, codes in sorted(tally.items())) +
          f"; subjects {subjects_before} -> {subjects_after}")
    for f in failures[:30]:
        print("FAIL:", f)
    if not all(codes.get(0) for codes in tally.values()):
        print("FAIL: some process never succeeded; the test proves little")
        sys.exit(1)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
