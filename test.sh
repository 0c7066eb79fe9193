#!/usr/bin/env bash
# Runs every CommandCenter test against real services.
#  1. installs what is missing (Debian/apt when run as root: redis-server, postgresql, mosquitto, chromium, fonts-noto-cjk)
#  2. starts private Redis, PostgreSQL and Mosquitto instances on free loopback ports in a temporary folder
#  3. runs `dotnet test` with their addresses in CC_TEST_* variables, then stops them.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Browser).
# `./test.sh --run CMD …` runs CMD instead of the tests, with the same services (used by the benchmarks).
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1;34m[test.sh]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[test.sh]\033[0m %s\n' "$*" >&2; exit 1; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  [ -n "$(pg_bin)" ] || need+=(postgresql)
  command -v mosquitto >/dev/null || need+=(mosquitto)
  command -v openssl >/dev/null || need+=(openssl)
  [ -x "${CC_CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk) # -q would stop reading and fail the pipe
  [ ${#need[@]} -eq 0 ] && return
  log "installing: ${need[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || die "missing ${need[*]} and no apt-get here; install them and run again"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return
    sleep 0.1
  done
  die "$name did not open port $port; see $STATE/$name.log"
}

STATE=$(mktemp -d /tmp/commandcenter-test.XXXXXX)
chmod 755 "$STATE"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  set +e
  [ -f "$STATE/redis.pid" ] && kill "$(cat "$STATE/redis.pid")" 2>/dev/null
  [ -f "$STATE/mosquitto.pid" ] && kill "$(cat "$STATE/mosquitto.pid")" 2>/dev/null
  [ -d "$STATE/pg" ] && as_pg "$(pg_bin)/pg_ctl" -D "$STATE/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$STATE"
}
trap cleanup EXIT

start_redis() {
  REDIS_PORT=$(free_port 16379)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" --dir "$STATE" >/dev/null
  wait_for_port "$REDIS_PORT" redis
}

start_postgres() {
  PG_PORT=$(free_port 15432)
  mkdir -p "$STATE/pg" "$STATE/pgsock"
  [ "$(id -u)" -eq 0 ] && chown postgres "$STATE/pg" "$STATE/pgsock"
  as_pg "$(pg_bin)/initdb" -D "$STATE/pg" -U postgres -A trust -E UTF8 >"$STATE/postgres-init.log" 2>&1 \
    || die "initdb failed; see $STATE/postgres-init.log"
  as_pg "$(pg_bin)/pg_ctl" -D "$STATE/pg" -l "$STATE/pgsock/postgres.log" -w \
    -o "-p $PG_PORT -k $STATE/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || die "PostgreSQL did not start; see $STATE/pgsock/postgres.log"
}

start_mosquitto() {
  MQTT_PORT=$(free_port 11883)
  # As a city runs it: no anonymous clients; the center reads cc/#, and each platform may publish only under its own
  # name (cc/{feed}/{user}/...). One password for the test accounts, new each run.
  MQTT_PASSWORD="mqtt-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  : >"$STATE/mosquitto.passwd"
  for user in commandcenter platform-a platform-b station-1 rogue; do
    mosquitto_passwd -b "$STATE/mosquitto.passwd" "$user" "$MQTT_PASSWORD"
  done
  cat >"$STATE/mosquitto.acl" <<ACL
pattern write cc/+/%u/#
user commandcenter
topic read cc/#
ACL
  # A TLS listener too, with a server certificate from a private CA (as a city's own CA would issue).
  MQTT_TLS_PORT=$(free_port 18883)
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=cc-test-ca -keyout "$STATE/mqtt-ca.key" -out "$STATE/mqtt-ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$STATE/mqtt-server.key" -out "$STATE/mqtt-server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' >"$STATE/mqtt-server.ext"
  openssl x509 -req -in "$STATE/mqtt-server.csr" -CA "$STATE/mqtt-ca.pem" -CAkey "$STATE/mqtt-ca.key" -CAcreateserial -days 2 \
    -extfile "$STATE/mqtt-server.ext" -out "$STATE/mqtt-server.pem" 2>/dev/null
  chmod 644 "$STATE"/mqtt-*.key
  cat >"$STATE/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
listener $MQTT_TLS_PORT 127.0.0.1
cafile $STATE/mqtt-ca.pem
certfile $STATE/mqtt-server.pem
keyfile $STATE/mqtt-server.key
allow_anonymous false
password_file $STATE/mosquitto.passwd
acl_file $STATE/mosquitto.acl
persistence false
pid_file $STATE/mosquitto.pid
log_dest file $STATE/mosquitto.log
CONF
  [ "$(id -u)" -eq 0 ] && echo "user root" >>"$STATE/mosquitto.conf"
  mosquitto -c "$STATE/mosquitto.conf" -d
  wait_for_port "$MQTT_PORT" mosquitto
}

install_missing
start_redis
start_postgres
start_mosquitto

export CC_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export CC_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export CC_TEST_MQTT="127.0.0.1:$MQTT_PORT"
export CC_TEST_MQTT_PASSWORD="$MQTT_PASSWORD"
export CC_TEST_MQTT_TLS="127.0.0.1:$MQTT_TLS_PORT"
export CC_TEST_MQTT_CA="$STATE/mqtt-ca.pem"
export CC_TEST_PG_BIN="$(pg_bin)"
export CC_CHROMIUM="${CC_CHROMIUM:-/usr/bin/chromium}"
log "redis $CC_TEST_REDIS · postgres 127.0.0.1:$PG_PORT · mqtt $CC_TEST_MQTT · chromium $CC_CHROMIUM"

if [ "${1:-}" = "--run" ]; then
  shift
  "$@"
else
  # One test project at a time (-m:1): the browser and outage tests measure timings that a second project's load
  # on the same two cores would distort.
  dotnet test CommandCenter.sln -m:1 "$@"
fi
