#!/usr/bin/env python3
"""Kills dpokit's writing commands with SIGKILL at many instants of long runs
and checks what each kill leaves, then that a rerun completes the job.

    kill.py SOURCE_DIR APPS_DIR [--points N] [--subjects N] [--only NAME]... [--seed N]

Scenarios (each an uninterrupted reference run, then N killed runs):
  purge            dpo-purge in batches of 40, subjects erased 5 at a time:
                   after a kill the store passes integrity and foreign-key
                   checks, every holding gone or anonymised has its
                   deletion-log entry and no entry names a holding still
                   intact (the register archives attendance sheets too:
                   archived holdings and 'archive' entries match), every
                   subject left with nothing is listed for the next run,
                   the consent ledger verifies;
  subject-import   dpo-subject import of new subjects,
  consent-import   dpo-consent import of new events,
  register-import  dpo-register import of a large register over the example's:
                   an import is one transaction, so after a kill the store's
                   content equals the store before or the reference after,
                   nothing in between (and the ledger verifies).
After every kill the same command runs again and the store must equal the
reference run's, row for row.

The CI runs a few kill points per scenario; `make stress` runs hundreds.
"""

import argparse
import importlib.machinery
import importlib.util
import json
import os
import pathlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

AS_OF = "2026-11-26"


def load_generator(source):
    loader = importlib.machinery.SourceFileLoader("generate", str(source / "bench/generate"))
    spec = importlib.util.spec_from_loader("generate", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)


def dump(store):
    """Every row of every table, sorted: equal dumps, equal content."""
    with sqlite3.connect(store) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def sound(store, apps):
    """Problems any store must never have."""
    problems = []
    with sqlite3.connect(store) as db:
        for check in ("PRAGMA integrity_check", "PRAGMA foreign_key_check"):
            rows = db.execute(check).fetchall()
            if rows not in ([("ok",)], []):
                problems.append(f"{check}: {rows[:3]}")
    verify = run([apps / "dpo-consent", "verify", "-q", "--store", store])
    if verify.returncode != 0:
        problems.append(f"the consent ledger does not verify: {verify.stderr.strip()}")
    return problems


def holdings(store):
    """{holding id: anonymised?} of a store."""
    with sqlite3.connect(store) as db:
        return {row[0]: row[1] is not None for row in db.execute("SELECT id, anonymised_at FROM holding")}


def archived(store):
    """The ids of the archived holdings of a store."""
    with sqlite3.connect(store) as db:
        return {row[0] for row in db.execute("SELECT id FROM holding WHERE archived_at IS NOT NULL")}


def purge_logged(store, original):
    """Deletion-log invariants of a store a purge ran on (original: the
    holdings before it, none archived)."""
    problems = []
    now = holdings(store)
    now_archived = archived(store)
    logged = {}
    with sqlite3.connect(store) as db:
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
        if action == "archive" and holding not in now_archived:
            problems.append(f"holding {holding} is logged as archived but is not")
    for holding in now_archived:
        if logged.get(holding) != "archive":
            problems.append(f"holding {holding} was archived without its 'archive' log entry")
    return problems


def subjects_held(store):
    """The ids of the subjects with a holding."""
    with sqlite3.connect(store) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT subject_id FROM holding WHERE subject_id IS NOT NULL")}


def purge_pending(store, had_holdings):
    """A subject a killed purge left with nothing is listed for the next run."""
    with sqlite3.connect(store) as db:
        left = {row[0] for row in db.execute(
            "SELECT id FROM subject s WHERE NOT EXISTS (SELECT 1 FROM holding h WHERE h.subject_id = s.id) "
            "AND id NOT IN (SELECT subject_id FROM purge_pending)")}
    return [f"subject {s} was left with nothing and is not listed in purge_pending" for s in sorted(left & had_holdings)]


def purge_state(store):
    """What a purge decides, without run ids and wall-clock times."""
    with sqlite3.connect(store) as db:
        def rows(sql):
            return sorted(db.execute(sql).fetchall(), key=repr)  # NULLs do not compare with numbers
        return {
            "holdings": rows("SELECT id, subject_id, value, ref, anonymised_at, archived_at FROM holding"),
            "subjects": rows("SELECT id, key FROM subject"),
            "identifiers": rows("SELECT * FROM identifier"),
            "deletion_log": rows("SELECT at, subject_hmac, holding_id, activity, category, rule_no, action "
                                 "FROM deletion_log"),
            "erasure_tasks": rows("SELECT created, system, ref, action, subject_hmac FROM erasure_task"),
            "consent_events": rows("SELECT seq, subject_id, subject_key FROM consent_event"),
            "checkpoints": rows("SELECT * FROM consent_checkpoint"),
        }


def big_register(source, tmp, activities):
    """The example register with `activities` more activities, each with its
    purpose and retention rule: a register import with many rows to write."""
    import yaml
    reg = yaml.safe_load((source / "examples/training-org/register.yaml").read_text())
    template = next(a for a in reg["activities"] if a["id"] == "quality-feedback")
    for i in range(activities):
        reg["purposes"].append({"id": f"extra-purpose-{i}", "label": f"Extra purpose {i}"})
        a = json.loads(json.dumps(template, default=str))
        a["id"] = f"extra-activity-{i}"
        a["name"] = f"Extra activity {i}"
        a["purposes"] = [f"extra-purpose-{i}"]
        reg["activities"].append(a)
    path = tmp / "big-register.yaml"
    path.write_text(yaml.safe_dump(reg, sort_keys=False, allow_unicode=True))
    return path


def archiving_register(source, tmp):
    """The example register with the attendance sheets archived a year after
    the course, before the ten years that delete them: a purge that archives
    as well as deletes and anonymises."""
    import yaml
    reg = yaml.safe_load((source / "examples/training-org/register.yaml").read_text())
    delivery = next(a for a in reg["activities"] if a["id"] == "training-delivery")
    delivery["retention"].append({"data": ["attendance"], "keep": "P1Y", "from": "end", "action": "archive"})
    path = tmp / "archiving-register.yaml"
    path.write_text(yaml.safe_dump(reg, sort_keys=False, allow_unicode=True))
    return path


class Scenario:
    """One command killed many times over copies of one base store."""

    def __init__(self, name, base, cmd, env=None, check=None):
        self.name, self.base, self.cmd, self.env, self.check = name, base, cmd, env, check


def scenarios(source, apps, tmp, subjects, only):
    gen = load_generator(source)
    built = tmp / "generated.sqlite"
    if only & {"purge", "consent-import", "subject-import", "register-import"}:
        run([sys.executable, source / "bench/generate", "--store", built, "--subjects", subjects, "--bin", apps],
            check=True)
    out = []
    if "purge" in only:
        archiving = tmp / "archiving.sqlite"
        shutil.copy(built, archiving)
        run([apps / "dpo-register", "import", "-q", "--as-of", AS_OF, "--store", archiving,
             archiving_register(source, tmp)], check=True)
        original, had_holdings = holdings(archiving), subjects_held(archiving)
        # Four years on, when a tenth of the subjects are left with nothing.
        out.append(Scenario("purge", archiving, [apps / "dpo-purge", "--as-of", "2030-11-26", "-q", "--store"],
                            env=dict(os.environ, DPO_PURGE_BATCH="40", DPO_PURGE_GROUP="5"),
                            check=lambda store: purge_logged(store, original) + purge_pending(store, had_holdings)))
    if only & {"subject-import", "consent-import"}:
        rng = random.Random(11)
        new_subjects, new_events = tmp / "new-subjects.jsonl", tmp / "new-consents.jsonl"
        with open(new_subjects, "w") as s, open(new_events, "w") as c:
            for n in range(10_000_000, 10_000_000 + subjects):
                subject, events = gen.subject(rng, n)
                s.write(json.dumps(subject) + "\n")
                for e in events:
                    c.write(json.dumps(e) + "\n")
        if "subject-import" in only:
            out.append(Scenario("subject-import", built, [apps / "dpo-subject", "import", "-q", "--as-of", AS_OF,
                                                          new_subjects, "--store"]))
        if "consent-import" in only:
            with_subjects = tmp / "with-subjects.sqlite"
            shutil.copy(built, with_subjects)
            run([apps / "dpo-subject", "import", "-q", "--as-of", AS_OF, "--store", with_subjects, new_subjects],
                check=True)
            out.append(Scenario("consent-import", with_subjects, [apps / "dpo-consent", "import", "-q", "--as-of",
                                                                  AS_OF, new_events, "--store"]))
    if "register-import" in only:
        register = big_register(source, tmp, max(50, subjects // 10))
        out.append(Scenario("register-import", built, [apps / "dpo-register", "import", "-q", "--as-of", AS_OF,
                                                       register, "--store"]))
    return out


def attack(scenario, apps, tmp, points, rng):
    """Kills `scenario` at `points` instants; returns (mid-run kills, failures)."""
    failures = []
    reference = tmp / f"{scenario.name}-reference.sqlite"
    shutil.copy(scenario.base, reference)
    before = dump(scenario.base)
    start = time.monotonic()
    done = run(scenario.cmd + [reference], env=scenario.env)
    duration = time.monotonic() - start
    if done.returncode != 0:
        return 0, [f"{scenario.name}: the uninterrupted run failed: {done.stderr.strip()}"]
    after = dump(reference)
    if after == before:
        return 0, [f"{scenario.name}: the run changes nothing; the test proves nothing"]
    expected_purge = purge_state(reference) if scenario.name == "purge" else None
    run(scenario.cmd + [reference], env=scenario.env, check=True)
    twice = dump(reference)
    interrupted = 0
    store = tmp / f"{scenario.name}-kill.sqlite"
    for i in range(points):
        # Spread over the run, with a random part so that stress runs land everywhere.
        delay = duration * (i + rng.random()) / points
        for suffix in ("", "-wal", "-shm", "-journal"):
            pathlib.Path(f"{store}{suffix}").unlink(missing_ok=True)
        shutil.copy(scenario.base, store)
        proc = subprocess.Popen([str(c) for c in scenario.cmd + [store]], env=scenario.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.returncode == -signal.SIGKILL:
            interrupted += 1
        else:
            # The run ended before the kill: runs are shorter than the one
            # measured (timed under another test's load, say). Aim within
            # what this one took, so that the next points land mid-run.
            duration = min(duration, delay) * 0.8
        where = f"{scenario.name}, kill {i} after {delay:.3f} s"
        problems = sound(store, apps)
        now = dump(store)
        if scenario.check:
            problems += scenario.check(store)
        else:
            if now != before and now != after:
                changed = sorted(t for t in now if now[t] != before.get(t) and now[t] != after.get(t))
                problems.append(f"the store is neither as before nor as after the import (tables {changed})")
        failures += [f"{where}: {p}" for p in problems[:10]]
        rerun = run(scenario.cmd + [store], env=scenario.env)
        if rerun.returncode != 0:
            failures.append(f"{where}: the rerun failed: {rerun.stderr.strip()}")
            continue
        if scenario.name == "purge":
            got = purge_state(store)
            failures += [f"{where}: after the rerun, {k} differs from an uninterrupted run's"
                         for k in expected_purge if got[k] != expected_purge[k]]
            failures += [f"{where}, rerun: {p}" for p in scenario.check(store)]
        else:
            # A kill after the commit leaves the import done: the rerun is then a second import.
            want = after if now == before else twice
            got = dump(store)
            if got != want:
                changed = sorted(t for t in got if got[t] != want.get(t))
                failures.append(f"{where}: after the rerun the store differs from an uninterrupted run's "
                                f"(tables {changed})")
        failures += [f"{where}, rerun: {p}" for p in sound(store, apps)]
    if interrupted < points // 3:
        failures.append(f"{scenario.name}: only {interrupted} of {points} kills landed before the run ended; "
                        "the test proves little")
    print(f"kill: {scenario.name}: {points} kill points, {interrupted} mid-run, over a {duration:.2f} s run")
    return interrupted, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=pathlib.Path)
    ap.add_argument("apps", type=pathlib.Path)
    ap.add_argument("--points", type=int, default=12)
    ap.add_argument("--subjects", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", action="append",
                    choices=["purge", "subject-import", "consent-import", "register-import"])
    args = ap.parse_args()
    only = set(args.only or ["purge", "subject-import", "consent-import", "register-import"])
    rng = random.Random(args.seed)
    failures = []
    total = landed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for scenario in scenarios(args.source, args.apps, tmp, args.subjects, only):
            mid, problems = attack(scenario, args.apps, tmp, args.points, rng)
            total += args.points
            landed += mid
            failures += problems
    print(f"kill: {total} kill points in all, {landed} mid-run, {len(failures)} failures")
    for f in failures[:50]:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
