#!/usr/bin/env python3
"""Feeds every file of the hostile input corpus (tests/data/bad/) to the
command that reads its kind, plus three generated ones (a 10 MB line of JSON
Lines, YAML and CSV), and checks each is refused as dpokit promises:

  - exit status 3;
  - the first message names the place listed in tests/corpus/expect.tsv
    (file:line or file:line:column);
  - standard error holds no control character but line ends, no invisible
    or bidirectional character, so no input can drive the terminal or print
    backwards, and none of the file's personal values (a value is quoted only
    when it has the shape of an id);
  - the store's content is unchanged (a dump of every row before and after);
  - for `dpo sar export --batch`, nothing is written outside --out-dir.

    check_corpus.py SOURCE_DIR APPS_DIR [--update]

--update rewrites expect.tsv from what the commands say (review the diff).
"""

import argparse
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

# The kind of input, from the file name's first word.
AS_OF = "2026-06-01T10:00:00+02:00"


def command(apps, kind, store, path, out_dir):
    if kind == "register":
        return [apps / "dpo-register", "import", "--store", store, path]
    if kind == "subjects":
        return [apps / "dpo-subject", "import", "--store", store, path]
    if kind == "consents":
        return [apps / "dpo-consent", "import", "--store", store, path]
    if kind == "incident":
        return [apps / "dpo-breach", "record", "--store", store, "--as-of", AS_OF, path]
    if kind == "batch":
        return [apps / "dpo-sar", "export", "--store", store, "--as-of", AS_OF, "--batch", path, "--out-dir", out_dir]
    raise SystemExit(f"check_corpus: no command reads '{kind}' files")


def dump(store):
    with sqlite3.connect(store) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def generated(tmp):
    """Inputs too big to commit: one line of 10 MB in each line format."""
    big = "x" * (10 * 1024 * 1024)
    files = {
        "subjects-10mb-line.jsonl": '{"key": "S-1", "note": "' + big + '"}\n',
        "register-10mb-line.yaml": "version: 1\ncontroller:\n  name: " + big + "\n",
        "consents-10mb-record.csv": "subject,purpose,action,at\nL-2023-001,newsletter,given," + big + "\n",
    }
    out = []
    for name, text in files.items():
        (tmp / name).write_text(text)
        out.append(tmp / name)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=pathlib.Path)
    ap.add_argument("apps", type=pathlib.Path)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    source, apps = args.source, args.apps
    corpus = source / "tests/data/bad"
    expect_file = source / "tests/corpus/expect.tsv"
    expected = {}
    for line in expect_file.read_text().splitlines():
        if line and not line.startswith("#"):
            name, place = line.split("\t")
            expected[name] = place
    example = source / "examples/training-org"
    failures, seen = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        base = tmp / "base.sqlite"
        for cmd in (["dpo", "init", "-q", "--store", base],
                    ["dpo-register", "import", "-q", "--store", base, example / "register.yaml"],
                    ["dpo-subject", "import", "-q", "--store", base, example / "subjects.jsonl"],
                    ["dpo-consent", "import", "-q", "--store", base, example / "consents.jsonl"],
                    ["dpo-breach", "record", "-q", "--store", base, "--as-of", AS_OF,
                     example / "incidents/laptop-theft.yaml"]):
            subprocess.run([str(apps / cmd[0])] + [str(c) for c in cmd[1:]], check=True)
        before = dump(base)
        files = sorted(corpus.iterdir()) + generated(tmp)
        kinds = {p.name.split("-")[0] for p in corpus.iterdir()}
        if len(files) - 3 < 40 or kinds != {"register", "subjects", "consents", "incident", "batch"}:
            failures.append(f"the corpus has {len(files) - 3} files of kinds {sorted(kinds)}: it needs 40 or more, "
                            "of every input format")
        for path in files:
            name = path.name
            kind = name.split("-")[0]
            store = tmp / "store.sqlite"
            shutil.copy(base, store)
            out_dir = tmp / "out" / "answers"
            shutil.rmtree(tmp / "out", ignore_errors=True)
            cmd = command(apps, kind, store, path, out_dir)
            try:
                p = subprocess.run([str(c) for c in cmd], capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: still running after 60 s")
                continue
            err = p.stderr.decode("utf-8", errors="replace")
            if p.returncode != 3:
                failures.append(f"{name}: exit {p.returncode}, expected 3; stderr: {err[:300]!r}")
            if re.search(r"[\x00-\x09\x0b-\x1f\x7f\x80-\x9f]", err) or "\ufffd" in err:
                failures.append(f"{name}: standard error holds control characters or bytes that are not UTF-8: "
                                f"{err[:300]!r}")
            for secret in ("s1@mail.example", "louise.morel", "Louise Morel"):
                if secret in err:
                    failures.append(f"{name}: standard error shows the personal value '{secret}'")
            if re.search("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\u3164\ufeff]", err):
                failures.append(f"{name}: standard error holds an invisible or bidirectional character: {err[:300]!r}")
            place = re.search(re.escape(name) + r":(\d+(?::\d+)?)", err)
            seen[name] = place.group(1) if place else "-"
            if name in expected and seen[name] != expected[name]:
                failures.append(f"{name}: the first message names {seen[name]}, expected {expected[name]}: "
                                f"{err.splitlines()[0] if err else ''}")
            if not place:
                failures.append(f"{name}: no message names the place: {err[:300]!r}")
            if name not in expected and path.parent == corpus and not args.update:
                failures.append(f"{name}: not in expect.tsv (run with --update and review)")
            if dump(store) != before:
                failures.append(f"{name}: the store's content changed")
            if kind == "batch":
                strays = [p for p in (tmp / "out").rglob("*") if not p.is_relative_to(out_dir)]
                if strays or (tmp / "owned").exists() or pathlib.Path("/tmp/owned").exists():
                    failures.append(f"{name}: wrote outside --out-dir: {strays}")
    if args.update:
        rows = [f"{n}\t{seen[n]}" for n in sorted(seen) if (corpus / n).exists() or n in expected]
        rows += [f"{n}\t{seen[n]}" for n in sorted(seen) if not (corpus / n).exists() and n not in expected]
        expect_file.write_text("# corpus file\tplace its first message names (line or line:column)\n" +
                               "\n".join(sorted(set(rows))) + "\n")
    print(f"corpus: {len(files)} hostile inputs ({len(files) - 3} files in tests/data/bad, 3 generated), "
          f"{len(failures)} failures")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
