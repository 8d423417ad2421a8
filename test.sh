#!/usr/bin/env bash
# Installs the Debian packages the tests need (when missing), builds, runs every test project,
# and ends with the suite's totals alone on the last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

packages=(openssh-client openssh-server ssh-audit oathtool openssl tmux procps)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! ./build.sh; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test Teleport.slnx -c "${CONFIGURATION:-Release}" --no-build -nologo \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
  -- RunConfiguration.TreatNoTestsAsError=false
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# A test host that crashed or a project that produced no results still counts as a failure.
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
