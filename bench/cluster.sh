#!/usr/bin/env bash
# A whole cluster (one `bin/teleport start` running auth, proxy and node) against OpenSSH's sshd,
# in the same run, on loopback. Every session is a fresh client process and a fresh connection
# running `true` as root; bench/sessions.py runs COUNT of them CONCURRENCY at a time and reports
# sessions/s and latency percentiles. Paths measured at concurrency 1, 8 and 32:
#   sshd direct         ssh -p SSHD root@127.0.0.1 true                   (the reference)
#   node direct         ssh -p NODE root@127.0.0.1 true                   (our node, no proxy)
#   ssh via proxy       ssh -o ProxyCommand='ssh -W %h:%p proxy' root@node (what ssh -J does)
#   ssh via sshd jump   the same with sshd as the jump host, to the same node
#   ... , hop           the same two, the first hop multiplexed on an already open connection to
#                       the jump host (ControlMaster): only routing, dialing and piping remain
#   tsh ssh             tsh ssh root@bench-node true                       (tsh's own client)
# The proxy's added latency is measured against sshd doing the same job, because the client's
# plumbing differs between a direct TCP connection and a ProxyCommand pipe (OpenSSH leaves Nagle
# on for non-interactive sessions over TCP), which alone moves a session by tens of ms:
#   proxy_added_hop_ms  = p50(ssh via proxy, hop) - p50(ssh via sshd jump, hop), concurrency 1
#   proxy_added_full_ms = p50(ssh via proxy)      - p50(ssh via sshd jump),      concurrency 1
# Logins: LOGINS sequential `tsh login` (password piped, second factor off for the benchmark user
# so codes need not wait 30 s), wall time per login including tsh's start-up.
# The last line: `ratio proxied_vs_sshd=<ssh via proxy sessions/s at 8 / sshd direct at 8>
# tsh_vs_sshd=<...> proxy_added_hop_ms=<...> proxy_added_full_ms=<...>`.
# Needs root (sshd, logins as root). Env: COUNT (sessions per path and level, 64), LOGINS (10), KEEP.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/sshd.sh
count=${COUNT:-64}
logins=${LOGINS:-10}
levels=(1 8 32)

[ -x bin/teleport ] && [ -x bin/tctl ] && [ -x bin/tsh ] || ./build.sh >/dev/null

work=$(mktemp -d /tmp/cluster-bench.XXXXXX)
pids=()
cleanup() {
  set +e
  for cm in "$work"/*.cm; do [[ -S $cm ]] && ssh -o ControlPath="$cm" -O exit jump 2>/dev/null; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  pkill -f "$work/" 2>/dev/null
  wait 2>/dev/null
  [[ -n ${KEEP:-} ]] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
progress() { echo "# $(date +%T) $*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
auth_port=$(free_port); web_port=$(free_port); proxy_port=$(free_port); tunnel_port=$(free_port)
node_port=$(free_port); sshd_port=$(free_port)
listening() { ss -ltn | grep -q "127.0.0.1:$1 "; }

cat >"$work/teleport.yaml" <<CONFIG
version: v3
teleport:
  nodename: bench-node
  data_dir: $work/data
  log:
    severity: WARN
auth_service:
  enabled: yes
  listen_addr: 127.0.0.1:$auth_port
  cluster_name: bench.local
  authentication:
    type: local
    second_factor: "off"
ssh_service:
  enabled: yes
  listen_addr: 127.0.0.1:$node_port
proxy_service:
  enabled: yes
  web_listen_addr: 127.0.0.1:$web_port
  listen_addr: 127.0.0.1:$proxy_port
  tunnel_listen_addr: 127.0.0.1:$tunnel_port
CONFIG
progress "starting the cluster"
bin/teleport start -c "$work/teleport.yaml" >"$work/teleport.log" 2>&1 &
pids+=($!)
teleport_pid=$!
for _ in $(seq 600); do
  listening "$web_port" && listening "$proxy_port" && listening "$node_port" && break
  kill -0 "$teleport_pid" 2>/dev/null || { echo "teleport exited:" >&2; cat "$work/teleport.log" >&2; exit 1; }
  sleep 0.1
done
listening "$node_port" || { echo "the cluster did not start:" >&2; cat "$work/teleport.log" >&2; exit 1; }
tctl() { bin/tctl -c "$work/teleport.yaml" "$@"; }

tctl create -f - >/dev/null <<ROLE
kind: role
version: v7
metadata:
  name: bench
spec:
  allow:
    logins: [root]
    node_labels:
      '*': '*'
ROLE
# The user completes the invitation through the proxy's web API, as the invitation page does.
invite=$(tctl users add bench --roles=bench | grep -o 'https://[^ ]*/web/invite/[0-9a-f]*' | head -1)
token=${invite##*/}
password=bench-password-$RANDOM$RANDOM
secret=$(curl -skf "https://127.0.0.1:$web_port/webapi/users/password/token/$token" \
  | python3 -c 'import json, sys, urllib.parse as u; print(u.parse_qs(u.urlparse(json.load(sys.stdin)["otp_auth_uri"]).query)["secret"][0])')
curl -skf -X PUT "https://127.0.0.1:$web_port/webapi/users/password/token" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$token\",\"password\":\"$password\",\"second_factor_token\":\"$(oathtool --totp -b "$secret")\"}" >/dev/null
export TELEPORT_HOME=$work/tsh
tsh_login() { printf '%s\n' "$password" | bin/tsh login --proxy="127.0.0.1:$web_port" --insecure --user=bench >/dev/null; }
tsh_login

# OpenSSH's side: a tctl-signed certificate for the same user, the host CA for known_hosts, and a
# host certificate for the reference sshd so one known_hosts serves all three servers.
tctl auth sign --user=bench --out="$work/user" --ttl=2h >/dev/null
tctl auth export --type=host | awk 'NF >= 4 { print "@cert-authority * " $3 " " $4 }' >"$work/known_hosts"
tctl auth export --type=openssh | sed 's/^cert-authority //' >"$work/user_ca.pub"
tctl auth sign --host=127.0.0.1 --format=openssh --out="$work/sshd_host" --ttl=2h >/dev/null
host_cert=$(ls "$work"/sshd_host*-cert.pub | head -1)
chmod 600 "$work/user" "$work/sshd_host"
start_sshd "$work" "$sshd_port" "$work/sshd_host" "$work/user_ca.pub" "HostCertificate $host_cert" "PermitRootLogin yes"
for _ in $(seq 100); do listening "$sshd_port" && break; sleep 0.1; done

ssh_opts=(-F /dev/null -i "$work/user" -o CertificateFile="$work/user-cert.pub" -o IdentitiesOnly=yes
  -o UserKnownHostsFile="$work/known_hosts" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes
  -o BatchMode=yes -o ConnectTimeout=10 -o LogLevel=ERROR -o KexAlgorithms=curve25519-sha256)
hop="ssh ${ssh_opts[*]} -p $proxy_port -W %h:%p bench@127.0.0.1"
mux_hop="ssh ${ssh_opts[*]} -o ControlPath=$work/proxy.cm -W %h:%p bench@127.0.0.1"
sshd_hop="ssh ${ssh_opts[*]} -p $sshd_port -W 127.0.0.1:%p root@127.0.0.1"
sshd_mux_hop="ssh ${ssh_opts[*]} -o ControlPath=$work/sshd.cm -W 127.0.0.1:%p root@127.0.0.1"
ssh "${ssh_opts[@]}" -p "$proxy_port" -o ControlMaster=yes -o ControlPath="$work/proxy.cm" -o ControlPersist=yes -N -f bench@127.0.0.1
ssh "${ssh_opts[@]}" -p "$sshd_port" -o ControlMaster=yes -o ControlPath="$work/sshd.cm" -o ControlPersist=yes -N -f root@127.0.0.1

declare -A path
path[sshd direct]="ssh ${ssh_opts[*]} -p $sshd_port root@127.0.0.1 true"
path[node direct]="ssh ${ssh_opts[*]} -p $node_port root@127.0.0.1 true"
path[ssh via proxy]="ssh ${ssh_opts[*]} -o ProxyCommand='$hop' -p $node_port root@bench-node true"
path[ssh via proxy, hop]="ssh ${ssh_opts[*]} -o ProxyCommand='$mux_hop' -p $node_port root@bench-node true"
path[ssh via sshd jump]="ssh ${ssh_opts[*]} -o ProxyCommand='$sshd_hop' -p $node_port root@bench-node true"
path[ssh via sshd jump, hop]="ssh ${ssh_opts[*]} -o ProxyCommand='$sshd_mux_hop' -p $node_port root@bench-node true"
path[tsh ssh]="bin/tsh ssh root@bench-node true"
order=("sshd direct" "node direct" "ssh via proxy" "ssh via sshd jump" "ssh via proxy, hop" "ssh via sshd jump, hop" "tsh ssh")

progress "warming up"
for name in "${order[@]}"; do
  for _ in 1 2 3; do bash -c "${path[$name]}" </dev/null >/dev/null || { echo "$name failed: ${path[$name]}" >&2; exit 1; }; done
done

declare -A result
for level in "${levels[@]}"; do
  n=$(( count > level * 2 ? count : level * 2 ))
  for name in "${order[@]}"; do
    progress "$name at concurrency $level ($n sessions)"
    result[$name,$level]=$(python3 bench/sessions.py "$level" "$n" -- bash -c "${path[$name]}")
  done
done

progress "logins"
login_ms=()
for _ in $(seq "$logins"); do
  s=$(date +%s%N); tsh_login; e=$(date +%s%N)
  login_ms+=("$(( (e - s) / 1000000 ))")
done
login_median=$(printf '%s\n' "${login_ms[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')

field() { echo "${result[$1,$2]}" | awk -v f="$3" '{ print $f }'; }
printf '%-24s %5s %10s %8s %8s %8s %6s\n' path conc sessions/s p50_ms p90_ms p99_ms failed
for level in "${levels[@]}"; do
  for name in "${order[@]}"; do
    read -r sps p50 p90 p99 failed <<<"${result[$name,$level]}"
    printf '%-24s %5s %10s %8s %8s %8s %6s\n' "$name" "$level" "$sps" "$p50" "$p90" "$p99" "$failed"
  done
done
printf 'tsh login (median of %s, ms, including tsh start-up): %s (%.1f logins/s one at a time)\n' \
  "$logins" "$login_median" "$(awk -v m="$login_median" 'BEGIN { print 1000 / m }')"
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf 'ratio proxied_vs_sshd=%s tsh_vs_sshd=%s proxy_added_hop_ms=%s proxy_added_full_ms=%s\n' \
  "$(ratio "$(field 'ssh via proxy' 8 1)" "$(field 'sshd direct' 8 1)")" \
  "$(ratio "$(field 'tsh ssh' 8 1)" "$(field 'sshd direct' 8 1)")" \
  "$(sub "$(field 'ssh via proxy, hop' 1 2)" "$(field 'ssh via sshd jump, hop' 1 2)")" \
  "$(sub "$(field 'ssh via proxy' 1 2)" "$(field 'ssh via sshd jump' 1 2)")"
