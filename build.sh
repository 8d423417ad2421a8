#!/usr/bin/env bash
# Restores, builds the whole solution, and publishes the executables to bin/.
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-Release}"

dotnet build Teleport.slnx -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
mkdir -p bin
for project in Teleport Tsh Tctl; do
  dotnet publish "src/$project/$project.csproj" -c "$configuration" -nologo -v quiet -clp:ErrorsOnly \
    -o bin --no-self-contained -p:PublishReadyToRun="${READY_TO_RUN:-false}" -r linux-x64
done
echo "published: $(cd bin && ls teleport tsh tctl | tr '\n' ' ')"
