#!/bin/sh
# Rebuilds test/random/reference.json from test/random/reference.c (run from the repository root):
#   sh test/random/reference.sh
# Needs gcc. The binary goes to a temporary directory and is removed; only the JSON is committed.
set -eu
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -std=c11 -O2 -Wall -Wextra -Werror -o "$work/reference" "$here/reference.c"
"$work/reference" > "$work/reference.json"
mv "$work/reference.json" "$here/reference.json"
echo "wrote $here/reference.json"
