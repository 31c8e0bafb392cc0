#!/usr/bin/env python3
"""Kills dpo-purge with SIGKILL at many points of a large run and checks,
after each kill, that the store is sound and consistent, and that a rerun
finishes the plan with the very store an uninterrupted run leaves.

    purge_kill.py SOURCE_DIR APPS_DIR

After each kill:
  - PRAGMA integrity_check and foreign_key_check are clean;
  - every holding gone since the start has its deletion-log entry, every
    anonymised one too, and no entry names a holding still intact;
  - the consent ledger verifies (dpo-consent verify exits 0);
then a rerun completes, and the holdings, subjects, deletion log and
erasure tasks equal those of an uninterrupted run at the same --as-of.
"""

import os
import pathlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

AS_OF = "2026-11-26"
SUBJECTS = 3000
BATCH = "40"  # small batches: many commits to land a kill between and inside


def main():
    source, apps = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        base = tmp / "base.sqlite"
        subprocess.run([sys.executable, source / "bench/generate", "--store", base, "--subjects", str(SUBJECTS),
                        "--bin", apps], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env = dict(os.environ, DPO_PURGE_BATCH=BATCH)
        purge = [apps / "dpo-purge", "--as-of", AS_OF, "-q", "--store"]

        reference = tmp / "reference.sqlite"
        shutil.copy(base, reference)
        start = time.monotonic()
        subprocess.run(purge + [reference], check=True, env=env, stdout=subprocess.DEVNULL)
        duration = time.monotonic() - start
        expected = final_state(reference)
        if expected["removed"] < 1000:
            sys.exit(f"purge_kill: the plan removes only {expected['removed']} holdings; the test needs a large run")

        original = holdings(base)
        interrupted = 0
        points = 16
        for i in range(points):
            delay = duration * (i + 0.5) / points
            store = tmp / f"kill{i}.sqlite"
            shutil.copy(base, store)
            proc = subprocess.Popen(purge + [store], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if proc.returncode == -signal.SIGKILL:
                interrupted += 1
            where = f"kill {i} after {delay:.3f} s"
            failures += [f"{where}: {p}" for p in consistency(store, original, apps)]
            subprocess.run(purge + [store], check=True, env=env, stdout=subprocess.DEVNULL)
            got = final_state(store)
            for key in expected:
                if got[key] != expected[key]:
                    failures.append(f"{where}: after the rerun, {key} differs from an uninterrupted run's")
            failures += [f"{where}, rerun: {p}" for p in consistency(store, original, apps)]
        if interrupted < points // 2:
            failures.append(f"only {interrupted} of {points} kills landed before the run ended; the test proves little")
        print(f"purge_kill: {points} kills, {interrupted} mid-run, over a {duration:.2f} s run removing "
              f"{expected['removed']} holdings")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


def holdings(store):
    """{holding id: anonymised?} of a store."""
    with sqlite3.connect(store) as db:
        return {row[0]: row[1] is not None for row in db.execute("SELECT id, anonymised_at FROM holding")}


def consistency(store, original, apps):
    problems = []
    with sqlite3.connect(store) as db:
        for check in ("PRAGMA integrity_check", "PRAGMA foreign_key_check"):
            rows = db.execute(check).fetchall()
            if rows not in ([("ok",)], []):
                problems.append(f"{check}: {rows[:3]}")
        now = {row[0]: row[1] is not None for row in db.execute("SELECT id, anonymised_at FROM holding")}
        logged = {}
        for holding, action in db.execute("SELECT holding_id, action FROM deletion_log WHERE holding_id IS NOT NULL"):
            if holding in logged:
                problems.append(f"holding {holding} is logged twice")
            logged[holding] = action
    for holding, was_anonymised in original.items():
        if was_anonymised:
            continue
        if holding not in now and logged.get(holding) != "delete":
            problems.append(f"holding {holding} is gone without its 'delete' log entry")
        if now.get(holding) and logged.get(holding) != "anonymise":
            problems.append(f"holding {holding} was anonymised without its 'anonymise' log entry")
    for holding, action in logged.items():
        if action == "delete" and holding in now:
            problems.append(f"holding {holding} is logged as deleted but still there")
        if action == "anonymise" and not now.get(holding):
            problems.append(f"holding {holding} is logged as anonymised but is not")
    verify = subprocess.run([apps / "dpo-consent", "verify", "-q", "--store", store], capture_output=True, text=True)
    if verify.returncode != 0:
        problems.append(f"the consent ledger does not verify: {verify.stderr.strip()}")
    return problems[:10]


def final_state(store):
    """What a purge decides, without the run ids and wall-clock times."""
    with sqlite3.connect(store) as db:
        def rows(sql):
            return sorted(db.execute(sql).fetchall())
        state = {
            "holdings": rows("SELECT id, subject_id, value, ref, anonymised_at FROM holding"),
            "subjects": rows("SELECT id, key FROM subject"),
            "identifiers": rows("SELECT * FROM identifier"),
            "deletion_log": rows("SELECT at, subject_hmac, holding_id, activity, category, rule_no, action "
                                 "FROM deletion_log"),
            "erasure_tasks": rows("SELECT created, system, ref, action, subject_hmac FROM erasure_task"),
            "consent_events": rows("SELECT seq, subject_id, subject_key FROM consent_event"),
            "checkpoints": rows("SELECT * FROM consent_checkpoint"),
        }
        state["removed"] = len(state["deletion_log"])
    return state


if __name__ == "__main__":
    main()
