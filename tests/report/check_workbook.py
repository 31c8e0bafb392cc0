#!/usr/bin/env python3
"""The register workbook (dpo register show --format xlsx), opened as Excel would open it, with the
standard library alone: its sheets' names, and the cells of the summary and of one activity's sheet
in English and French, equal to tests/data/workbook/; the journal's dates after a second import
that changes one activity; the same bytes twice, every zip entry dated 1980-01-01 and the
properties dated --as-of; bold headings, a frozen first row; no workbook without --out.
Usage: check_workbook.py SOURCE_DIR BIN_DIR [--update]"""

import os
import pathlib
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def run(bin_dir, *args, expect=0):
    r = subprocess.run([str(bin_dir / "dpo"), *args], capture_output=True, text=True)
    check(r.returncode == expect, f"dpo {' '.join(args)}: exit {r.returncode}, wanted {expect}: {r.stderr}")
    return r


class Workbook:
    """The sheets of an .xlsx file: names in order, and each sheet's cells as {ref: (text, style)}."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        book = ET.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
        strings = []
        if "xl/sharedStrings.xml" in self.zip.namelist():
            for si in ET.fromstring(self.zip.read("xl/sharedStrings.xml")).iter(M + "si"):
                strings.append("".join(t.text or "" for t in si.iter(M + "t")))
        self.names = []
        self.sheets = {}
        self.xml = {}
        for sheet in book.iter(M + "sheet"):
            name = sheet.get("name")
            root = ET.fromstring(self.zip.read("xl/" + target[sheet.get(R + "id")]))
            cells = {}
            for c in root.iter(M + "c"):
                v = c.find(M + "v")
                text = strings[int(v.text)] if c.get("t") == "s" and v is not None else (v.text if v is not None else "")
                cells[c.get("r")] = (text, int(c.get("s", "0")))
            self.names.append(name)
            self.sheets[name] = cells
            self.xml[name] = root
        styles = ET.fromstring(self.zip.read("xl/styles.xml"))
        fonts = [f.find(M + "b") is not None for f in styles.find(M + "fonts")]
        self.bold = [fonts[int(xf.get("fontId", "0"))] for xf in styles.find(M + "cellXfs")]
        self.wrapped = [
            xf.find(M + "alignment") is not None and xf.find(M + "alignment").get("wrapText") == "1"
            for xf in styles.find(M + "cellXfs")
        ]

    def dump(self, name):
        """One line per cell with text, in reading order: REF<TAB>text, line breaks as \\n."""

        def key(ref):
            col = "".join(ch for ch in ref if ch.isalpha())
            return int(ref[len(col):]), col

        cells = self.sheets[name]
        return "".join(
            f"{ref}\t{cells[ref][0]}".replace("\n", "\\n") + "\n" for ref in sorted(cells, key=key) if cells[ref][0]
        )

    def frozen_rows(self, name):
        pane = self.xml[name].find(f"{M}sheetViews/{M}sheetView/{M}pane")
        return pane.get("ySplit") if pane is not None and pane.get("state") == "frozen" else None


def compare(actual, golden, update):
    if update:
        golden.write_text(actual)
        return
    expected = golden.read_text() if golden.exists() else ""
    if actual != expected:
        problems.append(f"{golden} differs:\n--- wanted\n{expected}\n--- got\n{actual}")


def main():
    src, bin_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    update = "--update" in sys.argv
    golden = src / "tests/data/workbook"
    ex = src / "examples/training-org"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        store = str(tmp / "dpo.sqlite")
        run(bin_dir, "init", "-q", "--store", store, "--as-of", "2026-01-05T09:00:00+01:00")
        run(bin_dir, "register", "import", "-q", "--store", store, "--as-of", "2026-01-05T09:30:00+01:00",
            str(ex / "register.yaml"))

        # The example, in each language, against the golden files.
        first = None
        for lang in ("en", "fr"):
            out = tmp / f"register.{lang}.xlsx"
            run(bin_dir, "register", "show", "--store", store, "--format", "xlsx", "--lang", lang, "--out", str(out),
                "--as-of", "2026-12-04T10:00:00+01:00")
            check(stat.S_IMODE(os.stat(out).st_mode) == 0o600, f"{out.name} is not mode 0600")
            book = Workbook(out)
            compare("\n".join(book.names) + "\n", golden / f"sheets.{lang}.txt", update)
            compare(book.dump(book.names[0]), golden / f"summary.{lang}.txt", update)
            compare(book.dump(book.names[1]), golden / f"activity.{lang}.txt", update)
            for name in book.names:
                check(book.frozen_rows(name) == "1", f"{lang}: sheet {name!r} has no frozen first row")
                check(book.bold[book.sheets[name]["A1"][1]], f"{lang}: sheet {name!r} has no bold title")
            summary = book.sheets[book.names[0]]
            headings = [ref for ref, (text, _) in summary.items() if text in ("Reference", "Référence")]
            check(len(headings) == 1 and book.bold[summary[headings[0]][1]], f"{lang}: the activities' header is not bold")
            check(all(book.wrapped[s] for _, s in summary.values()), f"{lang}: a summary cell does not wrap")
            for info in book.zip.infolist():
                check(info.date_time == (1980, 1, 1, 0, 0, 0), f"{lang}: {info.filename} is dated {info.date_time}")
            core = book.zip.read("docProps/core.xml").decode()
            check("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-04T09:00:00Z</dcterms:created>" in core,
                  f"{lang}: docProps/core.xml is not dated --as-of: {core}")
            if lang == "fr":
                first = out.read_bytes()

        # Same store, same --as-of: the same bytes.
        again = tmp / "again.xlsx"
        run(bin_dir, "register", "show", "--store", store, "--format", "xlsx", "--lang", "fr", "--out", str(again),
            "--as-of", "2026-12-04T10:00:00+01:00")
        check(again.read_bytes() == first, "the same store and --as-of gave other bytes")

        # Without --as-of, the last register import dates the document: still the same bytes.
        a, b = tmp / "a.xlsx", tmp / "b.xlsx"
        for out in (a, b):
            run(bin_dir, "register", "show", "--store", store, "--format", "xlsx", "--out", str(out))
        check(a.read_bytes() == b.read_bytes(), "two runs without --as-of gave other bytes")
        check("2026-01-05T08:30:00Z" in Workbook(a).zip.read("docProps/core.xml").decode(),
              "without --as-of, the document is not dated by the last register import")

        # A second import that changes one activity: its fiche says so, the others keep their dates.
        changed = (ex / "register.yaml").read_text().replace("name: Lettre d'information\n",
                                                             "name: Lettre d'information mensuelle\n", 1)
        check(changed != (ex / "register.yaml").read_text(), "the example has no activity named Lettre d'information")
        (tmp / "changed.yaml").write_text(changed)
        run(bin_dir, "register", "import", "-q", "--store", store, "--as-of", "2026-03-02T11:00:00+01:00",
            str(tmp / "changed.yaml"))
        dated = tmp / "dated.xlsx"
        run(bin_dir, "register", "show", "--store", store, "--format", "xlsx", "--lang", "fr", "--out", str(dated),
            "--as-of", "2026-12-04T10:00:00+01:00")
        book = Workbook(dated)
        dates = "".join(
            f"{name}\t{book.sheets[name]['B4'][0]}\t{book.sheets[name]['B5'][0]}\n" for name in book.names[1:]
        )
        compare(dates, golden / "dates.fr.txt", update)

        # --out serves every format: the same bytes as standard output, mode 0600; never the store.
        csv = tmp / "registre.csv"
        shown = subprocess.run([str(bin_dir / "dpo"), "register", "show", "--store", store, "--format", "csv"],
                               capture_output=True).stdout
        run(bin_dir, "register", "show", "--store", store, "--format", "csv", "--out", str(csv))
        check(csv.read_bytes() == shown, "--format csv --out wrote other bytes than standard output")
        check(stat.S_IMODE(os.stat(csv).st_mode) == 0o600, "registre.csv is not mode 0600")
        # The CSV's "Date de mise à jour" is each activity's, from the journal.
        rows = {line.split(";")[1]: line.split(";")[2] for line in shown.decode("utf-8-sig").splitlines()[1:]}
        check(rows.get("newsletter") == "2 mars 2026", f"newsletter's last update in the CSV: {rows.get('newsletter')}")
        check(rows.get("training-delivery") == "5 janvier 2026",
              f"training-delivery's last update in the CSV: {rows.get('training-delivery')}")
        run(bin_dir, "register", "show", "--store", store, "--format", "xlsx", "--out", store, expect=4)

        # Legitimate interests: the fiche's legal bases state the interest pursued and the balancing test.
        li = str(tmp / "interest.sqlite")
        run(bin_dir, "init", "-q", "--store", li)
        run(bin_dir, "register", "import", "-q", "--store", li, str(src / "tests/data/notices/interest-register.yaml"))
        for lang, words in (("fr", ("intérêt poursuivi\u202f: prévenir la fraude", "mise en balance des intérêts\u202f: "
                                    "analyse d'intérêt légitime du 12 mars 2026")),
                            ("en", ("interest pursued: prévenir la fraude", "balancing test: analyse d'intérêt"))):
            out = tmp / f"interest.{lang}.xlsx"
            run(bin_dir, "register", "show", "--store", li, "--format", "xlsx", "--lang", lang, "--out", str(out))
            book = Workbook(out)
            cells = [text for text, _ in book.sheets[book.names[1]].values()]
            check(any(all(w in c for w in words) for c in cells),
                  f"{lang}: no cell of the fiche states the interest pursued and the balancing test: {cells}")

        # A zip archive is no text for a terminal: --out is required.
        r = run(bin_dir, "register", "show", "--store", store, "--format", "xlsx", expect=2)
        check(r.stdout == "", "--format xlsx without --out wrote to standard output")
        check(r.stderr == "dpo-register: --format xlsx writes a file; give --out FILE\n", f"refusal: {r.stderr!r}")

    for p in problems:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
