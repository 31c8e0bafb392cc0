#!/bin/sh
# What the programs write for other programs validates against its schema:
# build a store from the example, write each JSON output, validate it.
# Usage: validate_outputs.sh SOURCE_DIR BIN_DIR [PYTHON]
set -eu
src=$1
bin=$2
python=${3:-python3}
. "$src/tests/support/example_store.sh"

"$bin/dpo" audit --store "$store" --as-of 2026-11-26 --format json --fail-on never > "$tmp/audit.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/audit.schema.json" "$tmp/audit.json"
"$bin/dpo" register show --store "$store" --format json > "$tmp/register.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/register.schema.json" "$tmp/register.json"
"$bin/dpo" subject show --store "$store" L-2026-202 --format json > "$tmp/subject.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/subjects.schema.json" "$tmp/subject.json"
# One with a name, a postal address and a form of address.
"$bin/dpo" subject show --store "$store" L-2023-001 --format json > "$tmp/subject.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/subjects.schema.json" "$tmp/subject.json"

"$bin/dpo" purge --store "$store" --as-of 2026-11-26 --dry-run --format json > "$tmp/purge-plan.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/purge.schema.json" "$tmp/purge-plan.json"
"$bin/dpo" purge --store "$store" --as-of 2026-11-26 --subject L-2026-202 --dry-run --format json > "$tmp/purge-subject.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/purge.schema.json" "$tmp/purge-subject.json"
"$bin/dpo" purge --store "$store" --as-of 2026-11-26 --format json > "$tmp/purge.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/purge.schema.json" "$tmp/purge.json"
"$bin/dpo" purge done --store "$store" --as-of 2026-11-27 --by lms-sync 1 2
"$bin/dpo" purge tasks --store "$store" --format jsonl > "$tmp/tasks.jsonl"
test "$(wc -l < "$tmp/tasks.jsonl")" -gt 100
head -n 3 "$tmp/tasks.jsonl" | while IFS= read -r line; do
  printf '%s\n' "$line" > "$tmp/task.json"
  "$python" "$src/tests/schemas/validate_file.py" "$src/schemas/purge-task.schema.json" "$tmp/task.json"
done
"$bin/dpo" purge log --store "$store" --format jsonl > "$tmp/log.jsonl"
test "$(wc -l < "$tmp/log.jsonl")" -gt 100
{ head -n 2 "$tmp/log.jsonl"; grep -m 1 '"erase-subject"' "$tmp/log.jsonl"; } | while IFS= read -r line; do
  printf '%s\n' "$line" > "$tmp/entry.json"
  "$python" "$src/tests/schemas/validate_file.py" "$src/schemas/purge-log.schema.json" "$tmp/entry.json"
done
"$bin/dpo" purge verify --store "$store" --format json > "$tmp/purge-verify.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/purge-verify.schema.json" "$tmp/purge-verify.json"
for chain in consent purge; do
  "$bin/dpo" $chain anchor --store "$store" --format json > "$tmp/$chain-anchor.json"
  "$python" "$src/tests/schemas/validate_file.py" "$src/schemas/anchor.schema.json" "$tmp/$chain-anchor.json"
done

"$bin/dpo" consent receipt --store "$store" --as-of 2026-11-26 L-2026-202 > "$tmp/receipt.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/consent-receipt.schema.json" "$tmp/receipt.json"

"$bin/dpo" sar export --store "$store" --as-of 2026-11-26 L-2023-001 > "$tmp/sar.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/sar.schema.json" "$tmp/sar.json"
"$bin/dpo" sar open --store "$store" --as-of 2026-11-26 --type access --received 2026-11-20 --format json L-2023-001 > "$tmp/request.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/sar-request.schema.json" "$tmp/request.json"
"$bin/dpo" sar close --store "$store" --as-of 2026-11-27 --outcome "letter sent" --format json 1 > "$tmp/request.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/sar-request.schema.json" "$tmp/request.json"
"$bin/dpo" sar export --store "$store" --as-of 2026-11-27 L-2023-001 > "$tmp/sar.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/sar.schema.json" "$tmp/sar.json"
# Someone not in the store: the request under their contact, and the answer that nothing is held.
"$bin/dpo" sar open --store "$store" --as-of 2026-11-27 --type access --received 2026-11-27 --format json -q \
  --email nobody@mail.example > "$tmp/request.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/sar-request.schema.json" "$tmp/request.json"
"$bin/dpo" sar export --store "$store" --as-of 2026-11-27 --request 2 > "$tmp/sar.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/sar.schema.json" "$tmp/sar.json"

for incident in "$ex"/incidents/*.yaml; do
  "$bin/dpo" breach record -q --store "$store" --as-of 2026-11-26 "$incident"
done
"$bin/dpo" breach notified -q --store "$store" --as-of 2026-11-26 --at 2026-06-01T18:00:00+02:00 --reasons "police report" BR-2026-004
"$bin/dpo" breach list --store "$store" --as-of 2026-11-26 --format json > "$tmp/breaches.json"
test "$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/breaches.json")" = 3
"$python" -c 'import json,sys; [json.dump(b, open(sys.argv[1] + str(i), "w")) for i, b in enumerate(json.load(open(sys.argv[1])))]' "$tmp/breaches.json"
for i in 0 1 2; do
  "$python" "$src/tests/schemas/validate_file.py" "$src/schemas/breach.schema.json" "$tmp/breaches.json$i"
done
"$bin/dpo" breach draft --store "$store" --as-of 2026-11-26 --format json BR-2026-004 > "$tmp/draft.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/breach.schema.json" "$tmp/draft.json"
"$bin/dpo" breach draft --to subjects --store "$store" --as-of 2026-11-26 --format json BR-2026-007 > "$tmp/draft.json"
"$python" "$src/tests/schemas/validate_file.py" "$src/schemas/breach.schema.json" "$tmp/draft.json"
