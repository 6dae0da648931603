#!/usr/bin/env bash
# Pidman's two entry points:
#   ./build.sh demo   publish the NativeAOT CLI and run the demo stack (needs nothing but sh and coreutils)
#   ./build.sh test   publish the CLI, then run every test against it
#   ./build.sh install [PREFIX]   publish the CLI and copy it to PREFIX/bin (default PREFIX: ~/.local)
set -euo pipefail
cd "$(dirname "$0")"

publish() {
  # The first NativeAOT build restores the ILCompiler package and links natively: about a minute, silent otherwise.
  [ -x artifacts/cli/pidman ] || echo "build.sh: compiling the NativeAOT pidman into artifacts/cli (the first time takes about a minute)..." >&2
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
  install)
    publish
    prefix="${2:-$HOME/.local}"
    mkdir -p "$prefix/bin"
    install -m 0755 artifacts/cli/pidman "$prefix/bin/pidman"
    echo "installed $prefix/bin/pidman ($("$prefix/bin/pidman" --version))"
    case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on your PATH" >&2 ;; esac
    ;;
  *)
    echo "usage: ./build.sh demo|test|install [PREFIX]" >&2
    exit 2
    ;;
esac
