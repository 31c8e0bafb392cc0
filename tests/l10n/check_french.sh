#!/bin/sh
# Every command's French output on the example, as a French reader gets it,
# and what the commands say on standard error once done: collected in one
# directory, then checked by check_french.py for English values and for
# French typography.
# Usage: check_french.sh SOURCE_DIR BIN_DIR [PYTHON]
set -eu
src=$1
bin=$2
python=${3:-python3}
. "$src/tests/support/example_store.sh"
out=$tmp/fr
mkdir "$out"
at=2026-11-26
# The register says language: fr, so French is what every command prints
# without --lang: nothing below asks for it.
"$bin/dpo" status --store "$store" > "$out/status.txt"
"$bin/dpo" register show --store "$store" > "$out/register.txt"
"$bin/dpo" register show --store "$store" --format md > "$out/register.md"
"$bin/dpo" register show --store "$store" --format csv > "$out/register.csv"
"$bin/dpo" subject show --store "$store" L-2023-001 > "$out/subject.txt"
"$bin/dpo" subject show --store "$store" L-2023-003 > "$out/subject-2.txt"
"$bin/dpo" consent list --store "$store" --as-of $at > "$out/consent-list.txt"
"$bin/dpo" consent list --store "$store" --as-of $at --events > "$out/consent-events.txt"
"$bin/dpo" purge --store "$store" --as-of $at --dry-run > "$out/purge.txt"
"$bin/dpo" purge --store "$store" --as-of $at --dry-run --subject L-2023-001 > "$out/erasure.txt"
"$bin/dpo" sar open -q --store "$store" --as-of $at --type access --received 2026-11-20 L-2023-001
"$bin/dpo" sar open --store "$store" --as-of $at --type objection --received 2026-11-21 L-2023-003 > "$out/sar-open.txt"
"$bin/dpo" sar extend --store "$store" --as-of $at --reason "volume" 1 > "$out/sar-extend.txt"
"$bin/dpo" sar list --store "$store" --as-of $at > "$out/sar-list.txt"
"$bin/dpo" sar letter --store "$store" --as-of $at 1 > "$out/letter-extension.md"
"$bin/dpo" sar letter --store "$store" --as-of $at --kind access 1 > "$out/letter-access.md" 2>/dev/null
"$bin/dpo" sar letter --store "$store" --as-of $at --kind access --format text 1 > "$out/letter-access.txt" 2>/dev/null
"$bin/dpo" sar letter --store "$store" --as-of $at 2 > "$out/letter-objection.md"
"$bin/dpo" sar close --store "$store" --as-of $at --outcome "répondu" 2 > "$out/sar-close.txt"
"$bin/dpo" sar open -q --store "$store" --as-of $at --type rectification --received 2026-11-22 L-2023-004
"$bin/dpo" sar close -q --store "$store" --as-of $at --refuse --reason "demande manifestement infondée" 3
"$bin/dpo" sar letter --store "$store" --as-of $at 3 > "$out/letter-refusal.md"
"$bin/dpo" audit --store "$store" --as-of $at --fail-on never > "$out/audit.txt"
"$bin/dpo" audit --store "$store" --as-of $at --fail-on never --format md > "$out/audit.md"
for a in newsletter alumni-community testimonials referral-programme; do
  "$bin/dpo" register notice -q --store "$store" "$a" --format md > "$out/notice-$a.md" 2>/dev/null
  "$bin/dpo" register notice -q --store "$store" "$a" --form short > "$out/notice-$a-short.txt" 2>/dev/null
done
"$bin/dpo" register notice -q --store "$store" referral-programme --article 14 > "$out/notice-art14.txt" 2>/dev/null
# A purpose on legitimate interests, which the example has none of: its
# interest pursued in the record and the notice.
li=$tmp/interest.sqlite
"$bin/dpo" init -q --store "$li"
"$bin/dpo" register import -q --store "$li" "$src/tests/data/notices/interest-register.yaml"
"$bin/dpo" register show --store "$li" > "$out/register-interest.txt"
"$bin/dpo" register notice -q --store "$li" funding-control > "$out/notice-interest.txt" 2>/dev/null
# What the commands say once their work is done, on standard error (*.err)
# or as their one line of output: a store made again without -q, then
# commands that change the example's store.
fresh=$tmp/fresh.sqlite
"$bin/dpo" init --lang fr --store "$fresh" > "$out/init.txt"
"$bin/dpo" init --lang fr --store "$fresh" 2> "$out/init-again.err"
"$bin/dpo" register validate "$ex/register.yaml" > "$out/register-validate.txt"
"$bin/dpo" register import --store "$fresh" "$ex/register.yaml" 2> "$out/register-import.err"
"$bin/dpo" register import --store "$fresh" "$ex/register.yaml" 2> "$out/register-import-again.err"
"$bin/dpo" subject import --store "$fresh" "$ex/subjects.jsonl" 2> "$out/subject-import.err"
"$bin/dpo" consent import --store "$fresh" "$ex/consents.jsonl" 2> "$out/consent-import.err"
"$bin/dpo" consent verify --store "$store" > "$out/consent-verify.txt"
"$bin/dpo" consent withdraw --store "$store" --as-of $at --channel email L-2023-001 newsletter > /dev/null \
  2> "$out/consent-withdraw.err"
"$bin/dpo" subject hold --store "$store" --as-of $at --until 2027-03-01 --reason "contentieux" L-2023-003 > /dev/null \
  2> "$out/subject-hold.err"
"$bin/dpo" subject release --store "$store" --as-of $at --reason "affaire close" 1 2> "$out/subject-release.err"
"$bin/dpo" purge --store "$store" --as-of $at > "$out/purge-run.txt" 2> "$out/purge-run.err"
"$bin/dpo" purge verify --store "$store" > "$out/purge-verify.txt"
"$bin/dpo" purge done --store "$store" --as-of $at 1 2 2> "$out/purge-done.err"
"$bin/dpo" purge tasks cancel --store "$store" --as-of $at --reason "conservation dans l’autre système" 3 \
  2> "$out/purge-cancel.err"
"$bin/dpo" purge tasks --store "$store" > "$out/purge-tasks.txt"
"$bin/dpo" purge log --store "$store" > "$out/purge-log.txt"
"$bin/dpo" audit rules --store "$store" > "$out/audit-rules.txt"
"$bin/dpo" sar close --store "$store" --as-of $at --outcome "répondu" 1 > /dev/null 2> "$out/sar-close.err"
"$bin/dpo" audit --store "$store" --as-of $at --fail-on never --record > /dev/null 2> "$out/audit-record.err"
"$bin/dpo" breach record --store "$store" --as-of $at "$ex/incidents/laptop-theft.yaml" > "$out/breach-record.txt"
"$bin/dpo" breach draft --store "$store" --as-of $at BR-2026-004 > /dev/null 2> "$out/breach-draft.err"
"$bin/dpo" breach decide --store "$store" --as-of $at --notify yes --communicate yes --reason "disque non chiffré" \
  BR-2026-004 2> "$out/breach-decide.err"
"$bin/dpo" breach notified --store "$store" --as-of $at --at 2026-06-01T18:00:00+02:00 --reasons "week-end" \
  BR-2026-004 > "$out/breach-notified.txt"
"$bin/dpo" breach communicated --store "$store" --as-of $at --at 2026-06-02T10:00:00+02:00 BR-2026-004 \
  > "$out/breach-communicated.txt"
"$python" "$src/tests/l10n/check_french.py" "$out"
# The checker finds what it is for: each line below has one problem.
mkdir "$tmp/bad"
printf 'correction: fait\nstatut donné; fin\n33 %%\ngiven\nreçue le 2026-11-20\nDes questions ?\nselon l’art. 9(2)\n' > "$tmp/bad/bad.txt"
if "$python" "$src/tests/l10n/check_french.py" "$tmp/bad" > "$tmp/bad.out"; then
  echo "check_french.py passed a text with seven problems" >&2
  exit 1
fi
grep -q ', 7 problems$' "$tmp/bad.out" || { cat "$tmp/bad.out" >&2; exit 1; }
