#!/usr/bin/env python3
"""Runs a libFuzzer target of the sanitize build for a bounded time, from a
seed corpus made of examples/ and tests/data/bad/.

    fuzz/run.py TARGET BUILD_DIR [--seconds N]

First every file of fuzz/regressions/TARGET/ (inputs that once crashed) is
run once; then the fuzzer runs for N seconds, keeping what it learns in
BUILD_DIR/fuzz-corpus/TARGET so that the next run starts from there. A
crash, a leak, a sanitizer report, a timeout (10 s an input) or an
uncaught exception fails the run; libFuzzer saves the input under
BUILD_DIR/fuzz-crashes/. Prints the executions done.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The longest input each target is given: room for the seeds, not so much
# that every execution parses pages of text.
MAX_LEN = {"fuzz_register": 16384, "fuzz_incident": 4096, "fuzz_records": 4096, "fuzz_time": 256, "fuzz_writers": 4096,
           "fuzz_fides": 8192}
EXAMPLE = ROOT / "examples/training-org"
BAD = ROOT / "tests/data/bad"


def seeds(target):
    """(name, bytes) pairs to start from."""
    out = []
    if target == "fuzz_register":
        out.append(("example.yaml", (EXAMPLE / "register.yaml").read_bytes()))
        out += [(p.name, p.read_bytes()) for p in sorted(BAD.glob("register-*"))]
    elif target == "fuzz_fides":
        out += [(p.name, p.read_bytes()) for p in sorted((ROOT / "tests/data/fides").glob("*.y*ml"))]
    elif target == "fuzz_incident":
        out += [(p.name, p.read_bytes()) for p in sorted((EXAMPLE / "incidents").glob("*.yaml"))]
        out += [(p.name, p.read_bytes()) for p in sorted(BAD.glob("incident-*"))]
    elif target == "fuzz_records":
        # The first byte picks the reader: bit 0 CSV, bit 1 consents, bit 2 receipts.
        for i, line in enumerate((EXAMPLE / "subjects.jsonl").read_bytes().splitlines()[:6]):
            out.append((f"subject-{i}.jsonl", b"\x00" + line + b"\n"))
        for i, line in enumerate((EXAMPLE / "consents.jsonl").read_bytes().splitlines()[:6]):
            out.append((f"consent-{i}.jsonl", b"\x02" + line + b"\n"))
        out.append(("subjects.csv", b"\x01key,email,activity,data,system,collected,value\n"
                                    b"P-9,p9@mail.example,newsletter,contact,mailer,2026-02-03,p9@mail.example\n"))
        out.append(("consents.csv", b"\x03subject,purpose,action,at,channel,notice_version,notice_sha256,evidence,"
                                    b"recorded_by,scope_formats,scope_channels\nL-2023-001,testimonials,given,"
                                    b"2026-01-05T10:00:00+01:00,paper,testimonial-v1," + b"ab" * 32 +
                                    b",scan:1,dpo,text; photo,website\n"))
        # Bit 2: consent receipts, with the context terms the reader checks.
        context = json.loads(re.search(r'kContext = R"\((\{.*?\})\)"', (ROOT / "lib/model/consent.cc").read_text(),
                                       re.S).group(1))
        terms = ["dpv", "dct", "xsd", "dpokit", "subject", "key", "events", "id", "purpose", "action", "at", "channel",
                 "notice", "version", "sha256", "evidence", "recorded_by", "scope", "formats", "channels", "duration",
                 "parental", "name"]
        receipt = {"@context": {t: context[t] for t in terms}, "@id": "urn:uuid:0fe6fef4-7b23-8d10-a29a-2b7c0152725c",
                   "format": "dpokit consent receipt 2", "subject": {"key": "L-2023-001"},
                   "events": [{"id": "0" * 32, "purpose": "testimonials", "action": "given",
                               "at": "2026-01-05T10:00:00+01:00", "channel": "paper",
                               "notice": {"version": "testimonial-v1", "sha256": "ab" * 32},
                               "scope": {"formats": ["text"], "parental": {"name": "P", "evidence": "scan:2"}}}]}
        out.append(("receipt.json", b"\x04" + json.dumps(receipt, indent=2).encode()))
        out.append(("receipts.jsonl", b"\x04" + (json.dumps(receipt) + "\n").encode() * 2))
        for p in sorted(BAD.glob("subjects-*")) + sorted(BAD.glob("consents-*")):
            selector = (1 if p.suffix == ".csv" else 0) | (2 if p.name.startswith("consents") else 0)
            out.append((p.name, bytes([selector]) + p.read_bytes()))
    elif target == "fuzz_time":
        for i, s in enumerate(["2026-05-29T16:00:00+02:00|P3Y", "2026-03-29|PT72H", "2026-10-25T02:30:00+01:00|P1M",
                               "2024-02-29|P1Y", "2026-01-31|P1M", "2026-05-29T16:00:00Z|P13M2DT3H",
                               "2026-12-31T23:59:60+01:00|P0D", "1970-01-01|P9999Y"]):
            out.append((f"time-{i}", s.encode()))
    elif target == "fuzz_writers":
        for i, s in enumerate(["<script>alert(1)</script> | *Sam* [x](y)", " =1+1", "=HYPERLINK(\"http://evil\")",
                               "line one\nline two", "\\*not bold\\*", "-1,5 \"quoted\"", "# heading", "Morel & Fils"]):
            out.append((f"text-{i}", s.encode()))
        for p in sorted(BAD.glob("*.csv")):
            out.append((p.name, p.read_bytes()[:4096]))
    else:
        sys.exit(f"run.py: unknown target '{target}'")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target")
    ap.add_argument("build", type=pathlib.Path)
    ap.add_argument("--seconds", type=int, default=30)
    args = ap.parse_args()
    binary = args.build / "fuzz" / args.target
    corpus = args.build / "fuzz-corpus" / args.target
    seed_dir = args.build / "fuzz-seeds" / args.target
    crashes = args.build / "fuzz-crashes"
    for d in (corpus, seed_dir, crashes):
        d.mkdir(parents=True, exist_ok=True)
    for name, data in seeds(args.target):
        (seed_dir / name).write_bytes(data)

    regressions = sorted((ROOT / "fuzz/regressions" / args.target).glob("*"))
    if regressions:
        r = subprocess.run([str(binary)] + [str(p) for p in regressions], capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stderr[-4000:])
            sys.exit(f"fuzz: {args.target}: a regression input fails again")

    r = subprocess.run([str(binary), f"-max_total_time={args.seconds}", "-print_final_stats=1", "-timeout=10",
                        "-rss_limit_mb=2048", f"-max_len={MAX_LEN[args.target]}", f"-artifact_prefix={crashes}/{args.target}-",
                        str(corpus), str(seed_dir)], capture_output=True, text=True)
    execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", r.stderr)
    units = len(list(corpus.iterdir()))
    print(f"fuzz: {args.target}: {execs.group(1) if execs else '?'} executions in {args.seconds} s, "
          f"corpus {units} inputs, {len(regressions)} regression inputs, exit {r.returncode}")
    if r.returncode != 0:
        print(r.stderr[-6000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
