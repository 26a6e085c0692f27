#!/usr/bin/env bash
# Private, throw-away PostgreSQL instance for tests and local runs of the production topology.
#
#   eval "$(scripts/postgres.sh start)"   # installs Debian's postgresql if needed, starts an instance,
#                                         # prints `export SA_PG_...=...` lines on stdout
#   scripts/postgres.sh stop              # stops and deletes the instance named by $SA_PG_DIR
#   scripts/postgres.sh stop DIR          # same, for an explicit instance directory
#
# Environment:
#   PGPORT        port to listen on (default 55432). If PGPORT is not set and 55432 is taken (say, a
#                 second instance), the next free port is used; an explicit PGPORT that is taken fails.
#   SA_PG_DIR     instance directory (for `stop`).
#
# Why a private instance rather than the distro's "main" cluster: CI machines are fresh Debian boxes
# without systemd, running as root; the packaged cluster may or may not be running and belongs to the
# machine, not to us. A directory of our own, on loopback, with its own socket directory, can be
# created and thrown away any number of times and never collides with anything else.
#
# Everything meant for humans goes to stderr; stdout carries only the `export` lines, so `eval` is safe.
set -euo pipefail

readonly MARKER=".secure-access-pg"
readonly DB_NAME="secureaccess"
readonly DB_USER="secureaccess"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

pg_bin_dir() {
  # Highest installed major version wins; Debian keeps one directory per major version.
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$d" && -x "$d/initdb" ]] && printf '%s\n' "$d"
}

install_postgres() {
  if [[ -n "$(pg_bin_dir)" ]]; then return 0; fi
  [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)."
  log "installing Debian's postgresql (apt-get)…"
  # The package's postinst may try to start its own cluster; without systemd/policy it just skips or
  # starts one on 5432. Either way it does not touch our instance.
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  [[ -n "$(pg_bin_dir)" ]] || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
}

# Run a PostgreSQL server binary as the postgres OS user when we are root (initdb and postgres refuse
# to run as root); as any other user, run it as ourselves.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  # A successful TCP connect means somebody listens there. bash's /dev/tcp avoids needing ss/netstat.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  if [[ -n "${PGPORT:-}" ]]; then
    [[ "$PGPORT" =~ ^[0-9]+$ ]] || die "PGPORT must be a number, got '$PGPORT'"
    port_in_use "$PGPORT" && die "PGPORT=$PGPORT is already in use on 127.0.0.1"
    printf '%s\n' "$PGPORT"
    return
  fi
  local p
  for p in $(seq 55432 55531); do
    if ! port_in_use "$p"; then printf '%s\n' "$p"; return; fi
  done
  die "no free port in 55432-55531 on 127.0.0.1"
}

# The next free port above $1 (within the range pick_port uses).
pick_port_after() {
  local p
  for p in $(seq $(( $1 + 1 )) 55531); do
    if ! port_in_use "$p"; then printf '%s\n' "$p"; return; fi
  done
  die "no free port above $1 up to 55531 on 127.0.0.1"
}

cmd_start() {
  install_postgres
  local bin port dir data sock logf password
  bin=$(pg_bin_dir)
  port=$(pick_port)

  dir=$(mktemp -d "${TMPDIR:-/tmp}/sa-pg.XXXXXX")
  data="$dir/data"; sock="$dir/sock"; logf="$dir/postgres.log"
  touch "$dir/$MARKER"
  mkdir -p "$sock"
  # The socket directory stays private (0700) to the server's user: local connections are trusted
  # (see pg_hba below), so nobody else may reach the socket.
  chmod 0700 "$dir" "$sock"
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres:postgres "$dir"
    # A TMPDIR under /root (0700) would be unreachable for the postgres user.
    runuser -u postgres -- test -w "$dir" \
      || { rm -rf -- "$dir"; die "$dir is not reachable by the postgres user; set TMPDIR to a world-traversable directory such as /tmp"; }
  fi

  # Random password for the application role; alphanumeric so it needs no quoting anywhere
  # (connection strings, SQL literal, shell).
  password=$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 || true)
  [[ ${#password} -eq 24 ]] || die "could not generate a password"

  log "initdb in $data (PostgreSQL $(basename "$(dirname "$bin")"))"
  # --no-locale: the C locale exists everywhere, so initdb cannot fail on a machine without locales.
  as_pg "$bin/initdb" -D "$data" -U postgres -E UTF8 --no-locale --auth-local=trust --auth-host=reject \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  # Only loopback TCP, and only with a password (SCRAM); the superuser gets no TCP access at all.
  cat >"$data/pg_hba.conf" <<EOF
# Written by scripts/postgres.sh for a private test instance.
local   all   all                      trust
host    all   $DB_USER   127.0.0.1/32  scram-sha-256
host    all   all        0.0.0.0/0     reject
EOF
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$data/pg_hba.conf"; fi

  # Another instance may take the chosen port between the check and the bind (tests and benchmarks
  # start instances of their own): then try the next free port, a few times.
  local attempt
  for attempt in 1 2 3 4 5; do
    log "starting on 127.0.0.1:$port"
    if as_pg "$bin/pg_ctl" -D "$data" -l "$logf" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c password_encryption=scram-sha-256" start >&2; then
      break
    fi
    if [[ -z "${PGPORT:-}" && $attempt -lt 5 ]] && grep -q "Address already in use" "$logf" 2>/dev/null; then
      log "port $port was taken meanwhile; trying another"
      : >"$logf"
      port=$(pick_port_after "$port")
      continue
    fi
    tail -n 30 "$logf" >&2 || true
    die "pg_ctl start failed (instance left in $dir for inspection)"
  done

  # Role with CREATEDB so tests can make scratch databases (e.g. an empty one to check that the
  # silo refuses to start on a missing schema) over the same password-checked connection.
  as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres >&2 <<EOF
CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE $DB_NAME OWNER $DB_USER;
EOF

  log "ready; stop with: scripts/postgres.sh stop $dir"
  local conn="Host=127.0.0.1;Port=$port;Database=$DB_NAME;Username=$DB_USER;Password=$password"
  printf 'export SA_PG_CONNECTION=%q\n' "$conn"
  printf 'export SA_PG_DIR=%q\n' "$dir"
  printf 'export SA_PG_PORT=%q\n' "$port"
  printf 'export SA_PG_USER=%q\n' "$DB_USER"
  printf 'export SA_PG_PASSWORD=%q\n' "$password"
  printf 'export SA_PG_DATABASE=%q\n' "$DB_NAME"
}

cmd_stop() {
  local dir="${1:-${SA_PG_DIR:-}}"
  [[ -n "$dir" ]] || die "stop needs SA_PG_DIR (or a directory argument)"
  if [[ ! -d "$dir" ]]; then
    log "nothing to stop: $dir does not exist"
    return 0
  fi
  # Refuse to rm -rf anything we did not create.
  [[ -f "$dir/$MARKER" ]] || die "$dir is not an instance made by scripts/postgres.sh (no $MARKER); not touching it"

  local bin
  bin=$(pg_bin_dir || true)
  if [[ -n "$bin" && -f "$dir/data/postmaster.pid" ]]; then
    log "stopping instance in $dir"
    # fast = roll back open transactions and disconnect clients; then wait for the server to exit.
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 \
      || as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2 \
      || log "warning: pg_ctl stop failed; removing the directory anyway"
  fi
  rm -rf -- "$dir"
  log "removed $dir"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop)  shift; cmd_stop "$@" ;;
  *) printf 'usage: %s start | stop [DIR]\n' "$0" >&2; exit 2 ;;
esac
