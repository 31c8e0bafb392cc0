#!/usr/bin/env python3
"""Each program's usage lines (--help) equal its man page's SYNOPSIS, word for
word; the exit codes its --help lists (from the one table in lib/cmd) are
those its man page's EXIT STATUS describes; and every program has a man page.
Usage: check_synopsis.py MAN_DIR BIN_DIR"""

import pathlib
import re
import subprocess
import sys

# The same reading of a SYNOPSIS as the completions are written from.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
from completions import synopsis  # noqa: E402


def usage(binary):
    """The usage lines --help prints."""
    out = subprocess.run([str(binary), "--help"], capture_output=True, text=True, check=True).stdout
    lines = []
    for line in out.splitlines():
        if line.startswith("usage: "):
            lines.append(line[len("usage: "):].strip())
        elif lines and line.startswith("       ") and line.strip():
            lines.append(line.strip())
        elif lines:
            break
    return lines


def help_exit_codes(binary):
    """The codes of the "Exit codes:" paragraph of --help, in order."""
    out = subprocess.run([str(binary), "--help"], capture_output=True, text=True, check=True).stdout
    paragraph = " ".join(out[out.index("Exit codes:"):].split("\n\n")[0].split())
    listed = paragraph[len("Exit codes:"):].split(".")[0].strip()
    return [int(m) for m in re.findall(r"(?:^|, )(\d+) ", listed)]


def man_exit_codes(page):
    """The codes the EXIT STATUS section describes, one .TP/.B N each."""
    text = page.read_text()
    section = text[text.index(".SH EXIT STATUS"):]
    section = section[: section.find("\n.SH ", 1)]
    return [int(n) for n in re.findall(r"^\.TP\n\.B (\d+)$", section, re.M)]


def main():
    man, bins = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    problems = 0
    programs = sorted(p for p in bins.iterdir() if p.name == "dpo" or p.name.startswith("dpo-"))
    for binary in programs:
        page = man / f"{binary.name}.1"
        if not page.exists():
            print(f"{binary.name} has no man page {page}")
            problems += 1
            continue
        codes_help, codes_man = help_exit_codes(binary), man_exit_codes(page)
        if codes_help != codes_man:
            problems += 1
            print(f"{page.name} EXIT STATUS lists {codes_man}, '{binary.name} --help' {codes_help}")
        want, got = synopsis(page), usage(binary)
        if want != got:
            problems += 1
            print(f"{page.name} SYNOPSIS and '{binary.name} --help' differ:")
            for line in want:
                print(f"  man:  {line}")
            for line in got:
                print(f"  help: {line}")
    print(f"{len(programs)} programs checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
