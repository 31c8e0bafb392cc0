"""Checks French outputs of dpokit for English values and French typography.

Usage: check_french.py DIR. Every file of DIR is read as UTF-8 text. What the
register's author wrote (labels, ids, evidence references) is the user's: the
checks look for what dpokit itself writes.
"""
import pathlib
import re
import sys

NARROW = "\u202f"
NBSP = "\u00a0"

# dpokit's own English values: enum names and the words of its English tables.
ENGLISH = [
    "given", "refused", "withdrawn", "expired", "none", "web-form", "web form", "paper",
    "delete", "anonymise", "archive", "review", "legal-obligation", "legal obligation",
    "legal-hold", "legal hold", "contract in progress", "yes", "no", "open", "closed", "overdue",
    "access", "erasure", "objection", "holdings", "subject", "rule", "category",
    "tasks", "dry run", "kept", "until", "since", "started", "ended", "last contact", "United States",
    "Morocco", "derogation", "scc-2021", "dpf", "email", "phone", "schema version", "time zone",
    "integrity", "controller", "occasional", "signed", "authorised", "Art.",
]
# A word inside a token ("paper:enrolment-form/L-1", "mail.example") is the user's.
ENGLISH_RE = re.compile(r"(?<![\w@./:-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w@/-])(?!:\S)")
# "Art. 6(1)(b)" or "art. 9(2)": French cites "art. 6.1.b du RGPD".
ENGLISH_CITATION = re.compile(r"\b[Aa]rt\. \d+\(")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
# A decimal point between digits, except in a French article citation (art. 6.1.b).
DECIMAL_POINT = re.compile(r"(?<!art\. )(?<![\d.])\d+\.\d+(?![\d.]*\.[a-z]\b)")


# The name a program puts before each of its messages on standard error.
PROGRAM = re.compile(r"^dpo(-[a-z]+)?: ")
# A register key quoted as code (`else: collected`) is YAML, not prose.
CODE = re.compile(r"`[^`]*`")


def problems(name, text):
    found = []
    for no, line in enumerate(text.splitlines(), 1):
        line = CODE.sub("`code`", line)
        where = f"{name}:{no}"
        for i, c in enumerate(line):
            if c in ":;?!" and (i + 1 == len(line) or line[i + 1] == " "):
                # Punctuation, not a colon inside a token ("16:00", "sha256:ab").
                if i == 0 or line[i - 1] not in (NARROW, NBSP) and line[i - 1] not in ":;?!":
                    found.append(f"{where}: '{c}' without the narrow no-break space before it: {line.strip()[:100]}")
            if c == "%" and i > 0 and (line[i - 1].isdigit() or line[i - 1] == " "):
                found.append(f"{where}: '%' without the narrow no-break space before it")
        for m in ENGLISH_RE.finditer(line):
            found.append(f"{where}: English '{m.group(1)}': {line.strip()[:100]}")
        if ENGLISH_CITATION.search(line):
            found.append(f"{where}: an article cited the English way (art. 6.1.b du RGPD in French): {line.strip()[:100]}")
        if ISO_DATE.search(line):
            found.append(f"{where}: an ISO date in French text: {line.strip()[:100]}")
    return found


def lines_of(path):
    """The text of an output, as lines a reader reads: a CSV's cells one by
    one (its delimiters are not punctuation); `dpo status` up to its table
    of the store's own table names; standard error (*.err) without the
    program's name before each message."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        import csv
        import io

        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        return "\n".join(cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row)
    if path.name.startswith("status"):
        return text.split("\ntables\n", 1)[0]
    if path.suffix == ".err":
        # What a program writes on standard error starts with its name, as
        # git's messages do ("dpo-register: "): a prefix, not French prose.
        return "\n".join(PROGRAM.sub("", line) for line in text.splitlines())
    return text


def main():
    directory = pathlib.Path(sys.argv[1])
    files = sorted(p for p in directory.iterdir() if p.is_file())
    if not files:
        sys.exit(f"no output in {directory}")
    found = []
    for p in files:
        found += problems(p.name, lines_of(p))
    for f in found:
        print(f)
    print(f"{len(files)} outputs checked, {len(found)} problems")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
