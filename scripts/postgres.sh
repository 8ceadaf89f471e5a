#!/usr/bin/env bash
# Makes sure a PostgreSQL server runs on 127.0.0.1:5432 with the test role
# lkjip_test (password lkjip_test, may create databases): installs it from
# Debian's packages when missing, starts the cluster when it is down.
# Skipped when TEST_DATABASE_URL points at a server of your own.
set -euo pipefail

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  exit 0
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "PostgreSQL belum terpasang: memasang dari paket Debian…" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^${version} "; then
  as_root pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | awk -v v="$version" '$1 == v { print $2; exit }')
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3; exit }')

# The server's malloc settings recommended in the README (Deployment): with glibc's defaults each backend
# hands the memory of every large value (an agency document of about 80 KB, as text) back to the kernel
# and faults it in again for the next, about 120 page faults per answer on an agency not loaded yet; with
# these, 8, and about 30 % less of the database's CPU per such answer (docs/benchmark.md, item 32). Written
# only when the cluster's environment file sets no MALLOC_ variable: a server set up otherwise is left as it is.
environment="/etc/postgresql/$version/$cluster/environment"
restart=0
if [[ -f "$environment" ]] && ! grep -q '^[[:space:]]*MALLOC_' "$environment"; then
  if printf '%s\n' "# lkjip (scripts/postgres.sh): keep freed memory instead of returning it to the kernel after each large value" \
    "MALLOC_MMAP_THRESHOLD_ = 1048576" "MALLOC_TRIM_THRESHOLD_ = 8388608" | as_root tee -a "$environment" >/dev/null; then
    restart=1
  else
    echo "Pengaturan malloc tidak dapat ditulis ke $environment; PostgreSQL berjalan dengan pengaturan bawaan." >&2
  fi
fi

# The test role may log in through the server's Unix socket with its password (Debian allows only "peer"
# there: the operating system user's own name): the benchmark connects that way, as a bot on the database's
# machine should (README, Deployment; docs/benchmark.md, item 40). The rule goes before the first catch-all
# "local all all" rule, which would otherwise match first.
hba="/etc/postgresql/$version/$cluster/pg_hba.conf"
reload=0
if [[ -f "$hba" ]] && ! as_root grep -qE '^[[:space:]]*local[[:space:]]+all[[:space:]]+lkjip_test[[:space:]]' "$hba"; then
  rule='local   all             lkjip_test                              scram-sha-256'
  if as_root grep -qE '^[[:space:]]*local[[:space:]]+all[[:space:]]+all[[:space:]]' "$hba"; then
    as_root sed -i "0,/^[[:space:]]*local[[:space:]]\+all[[:space:]]\+all[[:space:]]/s//${rule}\n&/" "$hba" && reload=1
  else
    printf '%s\n' "$rule" | as_root tee -a "$hba" >/dev/null && reload=1
  fi
fi

if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }' | grep -q online; then
  as_root pg_ctlcluster "$version" "$cluster" start
elif [[ $restart == 1 ]]; then
  echo "PostgreSQL dimulai ulang agar pengaturan malloc di $environment berlaku." >&2
  as_root pg_ctlcluster "$version" "$cluster" restart
elif [[ $reload == 1 ]]; then
  as_root pg_ctlcluster "$version" "$cluster" reload
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done

# SQL on standard input, run as the postgres superuser.
psql_admin() {
  if [[ $(id -u) -eq 0 ]]; then su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qAt"; else sudo -n -u postgres psql -p "$port" -v ON_ERROR_STOP=1 -qAt; fi
}
if [[ "$(echo "SELECT 1 FROM pg_roles WHERE rolname = 'lkjip_test'" | psql_admin)" != "1" ]]; then
  echo "CREATE ROLE lkjip_test LOGIN PASSWORD 'lkjip_test' CREATEDB" | psql_admin
fi
# The benchmark writes out its freshly copied database before measuring (CHECKPOINT; PostgreSQL 15 and later
# let a member of pg_checkpoint do so, earlier versions only a superuser, and the benchmark then goes without).
if [[ "$(echo "SELECT 1 FROM pg_roles WHERE rolname = 'pg_checkpoint'" | psql_admin)" == "1" ]] \
  && [[ "$(echo "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = 'pg_checkpoint' AND u.rolname = 'lkjip_test'" | psql_admin)" != "1" ]]; then
  echo "GRANT pg_checkpoint TO lkjip_test" | psql_admin
fi
if [[ "$port" != "5432" ]]; then
  echo "PostgreSQL berjalan di port $port; setel TEST_DATABASE_URL=postgres://lkjip_test:lkjip_test@127.0.0.1:$port/postgres" >&2
fi
