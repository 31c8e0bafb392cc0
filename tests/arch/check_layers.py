#!/usr/bin/env python3
"""Checks the dependency direction of docs/design.md section 8: base <- time <- l10n <- model <- {manifest,
store, rules, retention, breach, report} <- cmd, with consent on top of store; that each
third-party library stays in the one module (or file) that owns it; and that cmd/ formats nothing: no
fmt, no std::cout or std::cerr, no JSON built there (only cli.cc hands bytes to standard output
and standard error). Usage: check_layers.py LIB_DIR"""

import pathlib
import re
import sys

LOWER = {
    "base": set(),
    "time": {"base"},
    "l10n": {"base", "time"},
    "model": {"base", "time", "l10n"},
    "manifest": {"base", "time", "l10n", "model"},
    "store": {"base", "time", "l10n", "model"},
    "rules": {"base", "time", "l10n", "model"},
    "retention": {"base", "time", "l10n", "model"},
    "breach": {"base", "time", "l10n", "model"},
    "consent": {"base", "time", "l10n", "model", "store"},
    "report": {"base", "time", "l10n", "model"},
    "cmd": {"base", "time", "l10n", "model", "manifest", "store", "rules", "retention", "breach", "consent", "report"},
}
# Third-party headers and the only module allowed to include them.
OWNED = {
    "yaml-cpp/": "manifest",
    "SQLiteCpp/": "store",
    "sqlite3.h": "store",
    "CLI/": "cmd",
    "unicode/": "l10n",
    "phonenumbers/": "l10n",
    "xlsxwriter": "report/xlsx.cc",
}

# What cmd/ may not do: format or print. cli.cc is where bytes meet stdout and stderr.
CMD_FORMATS = re.compile(r"std::cout|std::cerr|\bprintf\b|fmt::|<fmt/|nlohmann|\.dump\(")
CMD_PRINTS_IN = {"cli.cc"}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def main():
    lib = pathlib.Path(sys.argv[1])
    problems = []
    files = 0
    for path in sorted(lib.rglob("*")):
        if path.suffix not in (".h", ".cc"):
            continue
        files += 1
        module = path.relative_to(lib).parts[0]
        if module not in LOWER:
            problems.append(f"{path}: module '{module}' has no place in the layering; add it to check_layers.py")
            continue
        text = path.read_text()
        if module == "cmd" and path.name not in CMD_PRINTS_IN:
            for number, line in enumerate(text.splitlines(), 1):
                if CMD_FORMATS.search(line):
                    problems.append(f"{path}:{number}: cmd/ formats nothing; render it in report/: {line.strip()}")
        for quote, header in INCLUDE.findall(text):
            if quote == '"':
                target = header.split("/")[0]
                if target != module and target not in LOWER[module]:
                    problems.append(f"{path}: {module}/ may not include \"{header}\"")
            where = path.relative_to(lib).as_posix()
            for prefix, owner in OWNED.items():
                # An owner is a module, or one file of it (libxlsxwriter: report/xlsx.cc).
                if header.startswith(prefix) and module != owner and where != owner:
                    owner_name = owner if owner.endswith(".cc") else owner + "/"
                    problems.append(f"{path}: only {owner_name} may include <{header}>")
    for p in problems:
        print(p)
    print(f"{files} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
