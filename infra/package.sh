#!/usr/bin/env bash
# Packages a .NET Lambda function project as a deployment zip for Lambda's managed dotnet10 runtime.
#
#   infra/package.sh PROJECT.csproj OUTPUT.zip [linux-x64|linux-arm64]
#
# The runtime identifier must match the stack's Architecture parameter: linux-x64 for x86_64 (the default),
# linux-arm64 for arm64. Upload the zip to S3 and pass its bucket and key as CodeBucket and CodeKey
# (see infra/README.md). The handler string is <Assembly>::<Namespace.Type>::<Method>; the script prints the
# assembly name of the project to help write it.
set -euo pipefail

usage() {
  echo "usage: $0 PROJECT.csproj OUTPUT.zip [linux-x64|linux-arm64]" >&2
  exit 2
}

[[ $# -eq 2 || $# -eq 3 ]] || usage
project=$1
output=$2
rid=${3:-linux-x64}
case "$rid" in
  linux-x64 | linux-arm64) ;;
  *) echo "runtime identifier must be linux-x64 or linux-arm64, not '$rid'" >&2; usage ;;
esac
[[ -f "$project" ]] || { echo "no project file '$project'" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zip_path=$(realpath -m "$output")

# Framework-dependent: the managed runtime brings .NET 10, so the zip carries only the app and its packages.
# A class library gets no runtimeconfig.json by default, and the runtime needs it to pick the framework.
# ReadyToRun precompiles the assemblies: a third less time to the first handled message (bench/README.md).
dotnet publish "$project" \
  --configuration Release \
  --runtime "$rid" \
  --self-contained false \
  -p:GenerateRuntimeConfigurationFiles=true \
  -p:PublishReadyToRun=true \
  --output "$work/publish"

# Lambda looks for the assembly at the root of the zip.
rm -f "$zip_path"
mkdir -p "$(dirname "$zip_path")"
if command -v zip > /dev/null; then
  (cd "$work/publish" && zip -q -r -X "$zip_path" .)
else
  python3 - "$work/publish" "$zip_path" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, root))
PY
fi

assembly=$(dotnet msbuild "$project" -getProperty:AssemblyName)
echo "packaged $zip_path ($rid)"
echo "handler:  $assembly::<Namespace.Type>::<Method>, e.g. LambdaWorkflow.Aws::LambdaWorkflow.Aws.Lambda.OrchestratorFunction::HandleAsync"
