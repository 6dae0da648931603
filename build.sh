#!/usr/bin/env bash
# Pidman's two entry points:
#   ./build.sh demo   publish the NativeAOT CLI and run the demo stack (needs nothing but sh and coreutils)
#   ./build.sh test   publish the CLI, then run every test against it
#   ./build.sh install [PREFIX]   publish the CLI and copy it (pidman, pidman-stamp) to PREFIX/bin (default PREFIX: ~/.local)
#   ./build.sh pack [DIR [MSBUILD-ARGS...]]   NuGet packages into DIR (default artifacts/packages): the Pidman and
#                     Pidman.Hosting libraries and the Pidman.Tool .NET tool (command pidman; NativeAOT, linux-x64)
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
    install -m 0755 artifacts/cli/pidman-stamp "$prefix/bin/pidman-stamp"   # the line stamper, found beside pidman
    echo "installed $prefix/bin/pidman ($("$prefix/bin/pidman" --version))"
    case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on your PATH" >&2 ;; esac
    ;;
  pack)
    out="$(realpath -m "${2:-artifacts/packages}")"
    shift $(( $# > 1 ? 2 : 1 ))
    echo "build.sh: packing into $out (the tool's NativeAOT build takes about a minute)..." >&2
    for project in src/Pidman src/Pidman.Hosting; do dotnet pack "$project" -c Release -o "$out" -nologo -v quiet -warnaserror "$@"; done
    dotnet pack src/Pidman.Cli -c Release -o "$out" -nologo -v quiet -warnaserror "$@"                 # the pointer package
    dotnet pack src/Pidman.Cli -c Release -r linux-x64 -o "$out" -nologo -v quiet -warnaserror "$@"    # the NativeAOT one
    ls "$out"
    ;;
  *)
    echo "usage: ./build.sh demo|test|install [PREFIX]|pack [DIR]" >&2
    exit 2
    ;;
esac
