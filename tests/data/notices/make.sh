#!/bin/sh
# Writes the golden notices of cases.txt again, from the example's register,
# and those of interest-cases.txt from interest-register.yaml,
# with the programs in BIN: run it after a deliberate change to the notice,
# then read the differences before committing them.
# Usage: tests/data/notices/make.sh BIN
set -eu
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
ex=$here/../../../examples/training-org
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# write CASES REGISTER: each notice of CASES, from a store of REGISTER.
write() {
  store=$tmp/$(basename "$1" .txt).sqlite
  "$bin/dpo" init -q --store "$store"
  "$bin/dpo-register" import -q --store "$store" "$2"
  grep -v '^#' "$1" | while read -r file args; do
    # shellcheck disable=SC2086 # the arguments are words
    "$bin/dpo-register" notice -q --store "$store" $args --out "$here/$file" >/dev/null
  done
}
write "$here/cases.txt" "$ex/register.yaml"
write "$here/interest-cases.txt" "$here/interest-register.yaml"
