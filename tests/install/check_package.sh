#!/bin/sh
# The Debian package builds, declares the runtime libraries' packages as
# dependencies, and its installed copy runs. Usage: check_package.sh BUILD_DIR
set -eu
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp/out" > "$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/out/dpokit_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3-0 libssl3 libfmt9 libyaml-cpp0.7 libstdc++6 tzdata; do
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
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB; Depends: $depends"
