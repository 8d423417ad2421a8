#!/usr/bin/env bash
# The Auth service under load: a real `bin/teleport start` (SQLite backend, fsync on every commit)
# driven through its mTLS API by bench/Teleport.Auth.LoadGen with the admin identity tctl uses:
#   certificate pairs  - SSH + TLS user certificates issued per second (POST /v1/certs/user)
#   logins             - password logins per second, each issuing a certificate pair; and the
#                        password KDF alone (PBKDF2-SHA512, 210k iterations) on every core, which
#                        is what bounds logins
#   audit events       - events written per second (backend and data_dir/log/events)
#   heartbeats         - node heartbeats absorbed per second with 10k and 50k simulated nodes
#                        registered, and how long listing them all takes
# Then the Auth process's memory. The last line is `auth <metric>=<per second> ...`.
# DURATION (seconds per measurement), CONCURRENCY and NODES override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10}
concurrency=${CONCURRENCY:-8}
nodes=${NODES:-10000,50000}

[ -x bin/teleport ] || ./build.sh >/dev/null
dotnet build bench/Teleport.Auth.LoadGen -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
loadgen=bench/Teleport.Auth.LoadGen/bin/Release/net10.0/Teleport.Auth.LoadGen.dll

work=$(mktemp -d /tmp/auth-bench.XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/teleport.yaml" <<CONFIG
version: v3
teleport:
  nodename: bench-auth
  data_dir: $work/data
  log:
    severity: WARN
auth_service:
  enabled: yes
  listen_addr: 127.0.0.1:$port
  cluster_name: bench.local
  authentication:
    type: local
    second_factor: "off"
ssh_service:
  enabled: no
proxy_service:
  enabled: no
CONFIG

bin/teleport start -c "$work/teleport.yaml" >"$work/teleport.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
  [ -f "$work/data/admin/admin.crt" ] && grep -q "is running" "$work/teleport.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/teleport.log"; exit 1; }
  sleep 0.1
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(dotnet --version) SDK"
dotnet "$loadgen" --auth "127.0.0.1:$port" --data-dir "$work/data" \
  --duration "$duration" --concurrency "$concurrency" --nodes "$nodes" | tee "$work/result"

rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
backend=$(du -k "$work/data/backend" | tail -1 | cut -f1)
echo "auth process: RSS $((rss / 1024)) MiB now, peak $((hwm / 1024)) MiB; backend on disk $((backend / 1024)) MiB"
tail -1 "$work/result"
