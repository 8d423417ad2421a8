#!/usr/bin/env bash
# Restores, builds the whole solution, and publishes the executables to bin/.
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-Release}"

dotnet build Teleport.slnx -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
mkdir -p bin
for project in Teleport Tctl Tsh; do
  # Tsh goes last: its ReadyToRun copies of the shared libraries are the ones that stay in bin/.
  # tsh starts for every command a person types and for every OpenSSH ProxyCommand: it is
  # always published ReadyToRun (precompiled): a third less start-up for tsh status (docs/tsh.md).
  ready_to_run="${READY_TO_RUN:-false}"
  if [ "$project" = Tsh ]; then ready_to_run=true; fi
  dotnet publish "src/$project/$project.csproj" -c "$configuration" -nologo -v quiet -clp:ErrorsOnly \
    -o bin --no-self-contained -p:PublishReadyToRun="$ready_to_run" -r linux-x64
done
echo "published: $(cd bin && ls teleport tsh tctl | tr '\n' ' ')"
