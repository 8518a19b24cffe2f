#!/bin/bash
# usage: tests/golden-2026.1.sh BUILD_DIR [GOLDEN_DIR] — pack 2026.1 evaluated through --rules writes what the
# built-in 2026.1 wrote before the move to 2026.2 (issue 12): result JSON, text, batch and check-rules, with
# every 64/12-hex hash masked and the --allow-unsigned warning on stderr ignored. Run from the worktree root.
B=${1:-build}; G=${2:-/work/golden}; CLI=$B/app/cli/consilium-cli; rc=0
P=resources/packs/consilium-reference-2026.1.json
R=(--rules "$P" --allow-unsigned)
m() { sed -E 's/[0-9a-f]{64}/SHA/g; s/[0-9a-f]{12}…/SHORT…/g'; }
for f in resources/examples/*.json; do b=$(basename "$f" .json)
  cmp -s <($CLI evaluate "${R[@]}" "$f" 2>/dev/null | m) <(m < "$G/$b.json") || { echo "DIFF json $b"; rc=1; }
  cmp -s <($CLI evaluate "${R[@]}" --format text "$f" 2>/dev/null | m) <(m < "$G/$b.txt") || { echo "DIFF text $b"; rc=1; }
done
cmp -s <($CLI evaluate "${R[@]}" --batch "$G/batch-in.jsonl" 2>/dev/null | m) <(m < "$G/batch-out.jsonl") \
  || { echo "DIFF batch"; rc=1; }
cmp -s <($CLI check-rules "$P" | m) <(m < "$G/check-rules.txt") || { echo "DIFF check-rules"; rc=1; }
[ $rc = 0 ] && echo "2026.1 through --rules (hashes masked): identical to the golden output"; exit $rc
