#!/bin/sh
# The Debian package builds, declares the runtime libraries' packages as
# dependencies, and its installed copy runs, from examples/cron/crontab's
# lines too under cron's bare environment. Usage: check_package.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp/out" > "$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/out/dpokit_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3-0 libssl3 libfmt9 libyaml-cpp0.7 libicu72 libphonenumber8 libstdc++6 tzdata; do
  case "$depends" in
    *"$lib"*) ;;
    *) echo "the package does not depend on $lib: $depends"; exit 1 ;;
  esac
done
dpkg-deb -x "$deb" "$tmp/root"
root=$tmp/root/usr
for f in bin/dpo bin/dpo-sar bin/dpo-breach share/man/man1/dpo-breach.1 share/man/man5/dpo-register.5 \
         share/bash-completion/completions/dpo share/bash-completion/completions/dpo-purge \
         share/dpokit/completions/dpo.zsh share/dpokit/schemas/store.sql share/dpokit/examples/training-org/register.yaml; do
  [ -e "$root/$f" ] || { echo "the package lacks /usr/$f"; exit 1; }
done
"$root/bin/dpo" version | grep -q '^dpo version '
# The front end finds dpo-audit beside it in the installed tree.
"$root/bin/dpo" help audit | head -n 1 | grep -q '^dpo-audit: '

# The crontab's lines as cron runs them: env -i, the crontab's own variables
# only, its PATH's directories looked up inside the unpacked package, and a
# store made from the installed example in place of /var/lib/dpo.
crontab=$source/examples/cron/crontab
cron_path=$(sed -n 's/^PATH=//p' "$crontab")
[ -n "$cron_path" ] || { echo "examples/cron/crontab sets no PATH: cron's /usr/bin:/bin misses /usr/local/bin"; exit 1; }
path=$(printf '%s' "$cron_path" | tr ':' '\n' | sed "s|^|$tmp/root|" | paste -sd: -)
store=$tmp/cron.sqlite
example=$root/share/dpokit/examples/training-org
cron() { env -i PATH="$path" DPO_STORE="$store" SHELL=/bin/sh HOME=/nonexistent LOGNAME=dpo /bin/sh -c "$1"; }
cron "dpo init -q && dpo register import -q $example/register.yaml && dpo subject import -q $example/subjects.jsonl \
  && dpo consent import -q $example/consents.jsonl" || { echo "the example does not load under env -i"; exit 1; }
grep -E '^[0-9*]' "$crontab" | while read -r minute hour day month weekday command; do
  out=$(cron "$command" 2>&1) && rc=0 || rc=$?
  case "$command" in
    *"dpo purge -q"*)
      [ "$rc" -eq 0 ] && [ -n "$out" ] || { echo "cron: '$command' failed ($rc) or said nothing: $out"; exit 1; }
      # The next night has nothing new: no output, so no mail.
      again=$(cron "$command" 2>&1) || { echo "cron: '$command' failed the second time"; exit 1; }
      [ -z "$again" ] || { echo "cron: '$command' mails although nothing changed: $again"; exit 1; } ;;
    *"dpo audit"*)
      # --fail-on error: exit 1 on the example's errors, with the report to mail.
      [ "$rc" -le 1 ] && printf '%s' "$out" | grep -q '^# ' || { echo "cron: '$command' gave $rc: $out"; exit 1; } ;;
    *)
      [ "$rc" -eq 0 ] || { echo "cron: '$command' failed ($rc): $out"; exit 1; } ;;
  esac
done
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB; Depends: $depends"
