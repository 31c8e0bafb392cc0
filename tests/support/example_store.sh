# Sourced by the shell tests: with src (the source tree) and bin (the
# programs) set, makes tmp (removed on exit), and in it store, a store of
# the example's register, subjects and consent ledger; ex is the example.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
store=$tmp/dpo.sqlite
ex=$src/examples/training-org
"$bin/dpo" init -q --store "$store"
"$bin/dpo" register import -q --store "$store" "$ex/register.yaml"
"$bin/dpo" subject import -q --store "$store" "$ex/subjects.jsonl"
"$bin/dpo" consent import -q --store "$store" "$ex/consents.jsonl"
