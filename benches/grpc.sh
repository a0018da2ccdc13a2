#!/usr/bin/env bash
# Throughput and latency over gRPC: starts the release server on a free port and drives it
# with the client's bounded load generator at 1 and 32 concurrent calls over the PolNeAR
# articles (or the test fixtures when ../shared is absent). Prints one line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/data/polnear/train/text}"
[ -d "$DIR" ] || DIR=tests/fixtures
COUNT="${COUNT:-400}"
cargo build --release --bins >/dev/null 2>&1
OUT="$(mktemp)"
./target/release/newsfacts-server --addr 127.0.0.1:0 >"$OUT" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q listening "$OUT" && break; sleep 0.1; done
ADDR="$(sed -n 's/^newsfacts-server listening on //p' "$OUT")"
for c in 1 32; do
  ./target/release/newsfacts --addr "$ADDR" bench "$DIR" --concurrency "$c" --count "$COUNT"
done
