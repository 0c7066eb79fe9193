#!/usr/bin/env bash
# Measures how long the README's run command takes to serve a ready wall (/healthz 200 and the wall page),
# from a clean clone (restore + build + start) and again with the build already done (start only).
# Usage: tests/tools/measure-startup.sh [port]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
port=${1:-5090}
work=$(mktemp -d /tmp/cc-startup.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/repo"
cd "$work/repo"

measure() {
  local label=$1 start=$(date +%s.%N)
  dotnet run --project CommandCenter.Web --urls "http://127.0.0.1:$port" >"$work/$label.log" 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { cat "$work/$label.log"; exit 1; }
    sleep 0.1
  done
  curl -sf "http://127.0.0.1:$port/wall/district-command" | grep -q "今日受理"
  printf '%-28s %6.1f s\n' "$label" "$(echo "$(date +%s.%N) - $start" | bc)"
  kill $pid; wait $pid 2>/dev/null || true
}

measure "clean clone (build + start)"
measure "already built (start only)"
