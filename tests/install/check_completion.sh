#!/bin/bash
# The bash completion loads without errors and completes commands, options
# and enumerated values; zsh loads it through bashcompinit; 'dpo help X' on a
# terminal opens the man page; progress shows only on a terminal.
# Usage: check_completion.sh COMPLETION_DIR BIN_DIR SOURCE_DIR
set -u
dir=$1
bin=$2
src=$3
fail=0

# shellcheck disable=SC1091
source "$dir/dpo" || { echo "sourcing $dir/dpo failed"; exit 1; }

# complete LINE: what _dpo offers for the last word of LINE (a trailing space
# means an empty last word).
complete_line() {
  read -r -a COMP_WORDS <<< "$1"
  [[ $1 == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _dpo
  echo "${COMPREPLY[*]}"
}

expect() {
  local got
  got=$(complete_line "$1")
  if [[ $got != "$2" ]]; then
    echo "completing '$1': got '$got', expected '$2'"
    fail=1
  fi
}

expect "dpo " "init status version help audit breach consent purge register sar subject --help --version"
expect "dpo s" "status sar subject"
expect "dpo sar " "export letter open link extend close list"
expect "dpo sar open --type " "access rectification erasure restriction portability objection complaint"
expect "dpo sar open --type e" "erasure"
expect "dpo-breach draft --to " "authority subjects public"
expect "dpo breach draft --format " "md text json"
expect "dpo audit --fail" "--fail-on"
expect "dpo audit --format " "text json md html"
expect "dpo purge --dry" "--dry-run"
expect "dpo purge tasks --format " "text jsonl"
expect "dpo consent grant --channel p" "paper phone"
expect "dpo help b" "breach"
expect "dpo status --format " "text json"
expect "dpo-sar list --due" "--due-within"
expect "dpo register import --fr" "--from"
expect "dpo-register validate --language " "en fr"

if command -v zsh > /dev/null; then
  got=$(zsh -fc "source '$dir/dpo.zsh' && print -r -- \${_comps[dpo-sar]}" 2>&1)
  if [[ $got != *_bash_complete* ]]; then
    echo "zsh: dpo.zsh does not register dpo-sar's completion: '$got'"
    fail=1
  fi
else
  echo "zsh is not installed: its completion is not checked"
fi

# On a terminal, 'dpo help sar' shows the man page (script(1) gives it one).
if command -v man > /dev/null && command -v script > /dev/null; then
  page=$(MANPAGER=cat PAGER=cat MANWIDTH=80 script -qec "$bin/dpo help sar" /dev/null < /dev/null 2>&1)
  if [[ $page != *"DPO-SAR(1)"* ]]; then
    echo "dpo help sar on a terminal did not show the man page: ${page:0:200}"
    fail=1
  fi
fi
# An import shows its progress on a terminal's standard error, never in a pipe.
if command -v script > /dev/null; then
  tmp=$(mktemp -d)
  "$bin/dpo" init -q --store "$tmp/s"
  "$bin/dpo" register import -q --store "$tmp/s" "$src/examples/training-org/register.yaml"
  shown=$(script -qec "$bin/dpo subject import --store $tmp/s $src/examples/training-org/subjects.jsonl" /dev/null < /dev/null)
  if [[ $shown != *"Kio (100"* ]]; then
    echo "no progress shown on a terminal: $shown"
    fail=1
  fi
  piped=$("$bin/dpo" subject import --store "$tmp/s" "$src/examples/training-org/subjects.jsonl" 2>&1)
  if [[ $piped == *"Kio ("* ]]; then
    echo "progress shown in a pipe: $piped"
    fail=1
  fi
  rm -rf "$tmp"
fi
# Elsewhere, the program's own help.
help=$("$bin/dpo" help sar | head -n 1)
if [[ $help != "dpo-sar: subject-access reports and the request log with Art. 12(3) deadlines" ]]; then
  echo "dpo help sar in a pipe printed '$help'"
  fail=1
fi
exit $fail
