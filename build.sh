#!/usr/bin/env bash
# Pidman's two entry points:
#   ./build.sh demo   publish the NativeAOT CLI and run the demo stack (needs nothing but sh and coreutils)
#   ./build.sh test   publish the CLI, then run every test against it
set -euo pipefail
cd "$(dirname "$0")"

publish() {
  dotnet publish src/Pidman.Cli -c Release -r linux-x64 -o artifacts/cli -nologo -v quiet -warnaserror
}

case "${1:-}" in
  demo)
    publish
    exec sh examples/demo/demo.sh "$PWD/artifacts/cli/pidman"
    ;;
  test)
    publish
    export PIDMAN_EXE="$PWD/artifacts/cli/pidman"
    dotnet test Pidman.slnx -nologo -warnaserror --logger "console;verbosity=normal"
    ;;
  *)
    echo "usage: ./build.sh demo|test" >&2
    exit 2
    ;;
esac
