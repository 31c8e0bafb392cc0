#!/bin/sh
# Writes the golden notices of cases.txt again, from the example's register,
# with the programs in BIN: run it after a deliberate change to the notice,
# then read the differences before committing them.
# Usage: tests/data/notices/make.sh BIN
set -eu
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
ex=$here/../../../examples/training-org
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/dpo" init -q --store "$tmp/dpo.sqlite"
"$bin/dpo-register" import -q --store "$tmp/dpo.sqlite" "$ex/register.yaml"
grep -v '^#' "$here/cases.txt" | while read -r file args; do
  # shellcheck disable=SC2086 # the arguments are words
  "$bin/dpo-register" notice -q --store "$tmp/dpo.sqlite" $args --out "$here/$file" >/dev/null
done
