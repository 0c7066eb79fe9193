#!/usr/bin/env bash
# Where a durable ingest's CPU goes: the web app (Release, embedded default: in-process bus, SQLite with
# synchronous=FULL) under wrk posting distinct tickets on 16 connections, sampled by dotnet-trace for 15 s.
# Prints wrk's figures and the top methods by exclusive and inclusive time.
# Usage: tests/tools/profile-ingest.sh [port]   (installs wrk and dotnet-trace when missing)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
port=${1:-5391}
work=$(mktemp -d /tmp/cc-profile.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
trace=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
[ -x "$trace" ] || dotnet tool install --global dotnet-trace --version 10.0.750501 >/dev/null

dotnet build -c Release "$repo/CommandCenter.Web" -v quiet -nologo >/dev/null
cd "$repo/CommandCenter.Web"
dotnet bin/Release/net10.0/CommandCenter.Web.dll --urls "http://127.0.0.1:$port" --Simulator:Enabled=false \
  --Storage:SqlitePath="$work/profile.db" --Ingest:Sources:profile:ApiKey=profile-ingest-key \
  --Ingest:PermitsPerSecond=1000000 --Ingest:Burst=1000000 --Logging:LogLevel:Default=Warning >"$work/web.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do kill -0 $pid; sleep 0.2; done
lua="$repo/tests/tools/ingest-tickets.lua"
echo "warm-up (10 s):"; wrk -t2 -c16 -d10s -s "$lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|answers"
wrk -t2 -c16 -d20s --latency -s "$lua" "http://127.0.0.1:$port" >"$work/wrk.txt" &
sleep 2
"$trace" collect -p $pid --duration 00:00:00:15 -o "$work/ingest.nettrace" >/dev/null
wait %2 2>/dev/null || true
echo "under load (20 s, profiled for 15 s):"; grep -E "Requests/sec|50%|99%|answers" "$work/wrk.txt"
echo "top methods, exclusive time:"; "$trace" report "$work/ingest.nettrace" topN -n 20
echo "top methods, inclusive time:"; "$trace" report "$work/ingest.nettrace" topN -n 40 --inclusive
