#!/bin/sh
# A consent receipt read as linked data: built from the example, expanded by a
# JSON-LD processor, checked for the terms ISO/IEC TS 27560 asks for.
# Usage: check_receipt.sh SOURCE_DIR BIN_DIR [PYTHON]
set -eu
src=$1
bin=$2
python=${3:-python3}
. "$src/tests/support/example_store.sh"
# A minor's receipt (parental scope), and one event's.
"$bin/dpo" consent receipt --store "$store" --as-of 2026-11-26 L-2026-202 > "$tmp/subject.json"
"$python" "$src/tests/consent/check_receipt_jsonld.py" "$tmp/subject.json"
event=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"][0]["id"])' "$tmp/subject.json")
"$bin/dpo" consent receipt --store "$store" --as-of 2026-11-26 "$event" > "$tmp/event.json"
"$python" "$src/tests/consent/check_receipt_jsonld.py" "$tmp/event.json"
