#!/usr/bin/env python3
"""The audit's HTML report opens in headless Chromium and draws its charts.

Builds a store from the example, records an audit at the end of August,
purges, and writes the management report of 26 November in English and
French; loads each in headless Chromium (Debian's chromium package) with no
network, checks the rendered DOM has the executive summary, the trend
charts, the findings chart and no error, takes a screenshot, keeps it in the
build tree (BIN_DIR/../audit-report-LANG.png, to look at) and checks it is
no blank page and shows the charts' colours: the blue of the KPI gauges and
trend lines, the red of error bars and the amber of warning bars.

Usage: check_audit_html.py SOURCE_DIR BIN_DIR
"""

import pathlib
import subprocess
import sys
import tempfile

from PIL import Image

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--window-size=1200,5200"]
BLUE, RED, AMBER = (0x25, 0x63, 0xEB), (0xDC, 0x26, 0x26), (0xD9, 0x77, 0x06)


def run(*cmd, **kw):
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True, **kw)


def near(pixel, colour, tolerance=12):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour))


def main():
    src, bins = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    example = src / "examples/training-org"
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        store = tmp / "dpo.sqlite"
        run(bins / "dpo", "init", "-q", "--store", store)
        run(bins / "dpo", "register", "import", "-q", "--store", store, example / "register.yaml")
        run(bins / "dpo", "subject", "import", "-q", "--store", store, example / "subjects.jsonl")
        run(bins / "dpo", "consent", "import", "-q", "--store", store, example / "consents.jsonl")
        run(bins / "dpo", "audit", "-q", "--store", store, "--as-of", "2026-08-31", "--record", "--fail-on", "never")
        run(bins / "dpo", "purge", "-q", "--store", store, "--as-of", "2026-09-01")
        for lang in ("en", "fr"):
            page = tmp / f"audit-{lang}.html"
            run(bins / "dpo", "audit", "--store", store, "--as-of", "2026-11-26", "--format", "html", "--lang", lang,
                "--fail-on", "never", "--out", page)
            profile = tmp / f"profile-{lang}"
            dom = run(*CHROMIUM, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()).stdout
            for needle in ('<svg class="gauge"', '<svg class="findings"', '<svg class="trend"', '<section class="exec">',
                           "<polyline", "@media print", f'<html lang="{lang}">', "DPA-002"):
                if needle not in dom:
                    problems.append(f"{lang}: the rendered page lacks {needle}")
            shot = bins.parent / f"audit-report-{lang}.png"
            run(*CHROMIUM, f"--user-data-dir={profile}", f"--screenshot={shot}", page.as_uri())
            image = Image.open(shot).convert("RGB")
            pixels = list(image.getdata())
            inked = sum(1 for p in pixels if p[0] + p[1] + p[2] < 600)
            colours = len(set(pixels))
            if inked < len(pixels) // 50 or colours < 50:
                problems.append(f"{lang}: the screenshot looks blank: {inked} inked pixels, {colours} colours")
            counts = {name: sum(near(p, colour) for p in pixels)
                      for name, colour in (("blue gauges", BLUE), ("red error bars", RED), ("amber warning bars", AMBER))}
            for name, n in counts.items():
                # A gauge is 220x18 px at most; a bar at least a few hundred pixels.
                if n < 300:
                    problems.append(f"{lang}: the screenshot shows {n} pixels of {name}, expected at least 300")
            print(f"{lang}: {shot}, {image.size[0]}x{image.size[1]}, {inked} inked pixels, {colours} colours, " +
                  ", ".join(f"{n} px of {name}" for name, n in counts.items()))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
