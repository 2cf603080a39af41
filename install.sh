#!/usr/bin/env bash
# Installs one teambook release: the archive for this machine from the
# release downloads, checked against its SHA-256, or else a build with
# `cargo install --locked`. action.yml runs it; it runs on its own as well,
# in bash on Linux, macOS and Windows (Git Bash, as on GitHub's runners).
#
#   install.sh [auto|prebuilt|source]
#     auto      prebuilt, else source (the default)
#     prebuilt  the release archive only; with no archive for this machine
#               it installs nothing and says installed=false in $GITHUB_OUTPUT
#     source    cargo install teambook --locked --version X
#
# Environment (all optional; GitHub Actions sets the last four):
#   TEAMBOOK_VERSION       X.Y.Z to install; default: the version the action
#                          was used at (TEAMBOOK_ACTION_REF, e.g. v0.3.1)
#   TEAMBOOK_ACTION_REF    the ref action.yml was used at
#   TEAMBOOK_DOWNLOAD_URL  where the archives are, as URL/vX.Y.Z/ARCHIVE;
#                          default: the releases of the repository in Cargo.toml
#   TEAMBOOK_INSTALL_DIR   where the binary goes; default:
#                          $RUNNER_TOOL_CACHE/teambook/X.Y.Z/ARCH, else ~/.teambook/bin
#   TEAMBOOK_CARGO         the cargo that builds the fallback (default: cargo)
#   RUNNER_OS RUNNER_ARCH  the machine (default: from uname)
#   GITHUB_PATH            the folder installed into is added to it
#   GITHUB_OUTPUT          gets version=X.Y.Z and installed=true|false
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() {
  # An annotation on GitHub, a plain line elsewhere.
  if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::error title=teambook install::${1//$'\n'/%0A}"; fi
  echo "error: $1" >&2
  exit 1
}

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1" >>"$GITHUB_OUTPUT"; fi
}

# A line of this repository's Cargo.toml (the action's own copy).
manifest() {
  sed -n "s/^$1 = \"\(.*\)\"\$/\1/p" "$here/Cargo.toml" 2>/dev/null | head -n 1
}

# Sets $version.
resolve_version() {
  local ref=${TEAMBOOK_ACTION_REF:-}
  version=${TEAMBOOK_VERSION:-}
  if [ -z "$version" ]; then
    if [[ $ref =~ ^v?[0-9]+\.[0-9]+\.[0-9]+ ]]; then
      version=$ref
    elif [ -z "$ref" ]; then
      # The runner does not always tell a composite action its ref; the
      # action's files are that ref, so its Cargo.toml has the version.
      version=$(manifest version)
    fi
  fi
  version=${version#v}
  local action
  action=$(manifest repository)
  action=${action#https://github.com/}
  [ -n "$version" ] || fail "no teambook version to install: the action is used at \"$ref\", which is not a release; \
use it at a release (uses: ${action:-the action}@v0.1.0) or set its input version (with: version: 0.1.0)"
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
    fail "\"$version\" is not a teambook version (write it as 0.1.0)"
}

# The release target for this machine, or nothing when no archive is built
# for it. Windows on Arm runs the x64 build.
target() {
  local os=${RUNNER_OS:-$(uname -s)} arch=${RUNNER_ARCH:-$(uname -m)}
  case "$os/$arch" in
    Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64 | Linux/arm64) echo aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
    Windows/X64 | Windows/ARM64 | MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) echo x86_64-pc-windows-msvc ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d ' ' -f 1
}

# Downloads $1 into $2 and prints the HTTP status (000: no answer).
download() {
  curl --silent --show-error --location --retry 3 --output "$2" --write-out '%{http_code}' "$1" || true
}

# Adds folder $1 to the PATH of later steps, in the runner's own form
# (C:\... on Windows, where bash's /c/... means nothing to the runner).
add_to_path() {
  local dir=$1
  if command -v cygpath >/dev/null; then dir=$(cygpath -w "$dir"); fi
  if [ -n "${GITHUB_PATH:-}" ]; then echo "$dir" >>"$GITHUB_PATH"; fi
}

# Puts $2 (a checked binary) into folder $1 by a rename, so the folder never
# holds half a binary, and adds the folder to the PATH of later steps.
install_into() {
  local dir=$1 binary=$2 name
  name=$(basename "$binary")
  mkdir -p "$dir"
  cp "$binary" "$dir/.$name.partial"
  chmod +x "$dir/.$name.partial"
  mv -f "$dir/.$name.partial" "$dir/$name"
  add_to_path "$dir"
  echo "installed $("$dir/$name" --version) into $dir"
}

# Fails unless binary $1 runs and is version $2.
check_runs() {
  local said
  said=$("$1" --version 2>&1) || fail "the teambook binary does not run here: $said"
  [ "$said" = "teambook $2" ] || fail "the binary says \"$said\", not \"teambook $2\""
}

# Installs the release archive and sets installed=true; with no archive for
# this machine it installs nothing and sets installed=false.
prebuilt() {
  local target base archive bin url status expected actual
  installed=false
  target=$(target)
  if [ -z "$target" ]; then
    echo "teambook publishes no binary for ${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}"
    return
  fi
  base=${TEAMBOOK_DOWNLOAD_URL:-}
  if [ -z "$base" ]; then
    base=$(manifest repository)
    [ -n "$base" ] || fail "no TEAMBOOK_DOWNLOAD_URL, and no repository in $here/Cargo.toml to download from"
    base=$base/releases/download
  fi
  bin=teambook archive=teambook-$target-v$version.tar.gz
  if [[ $target == *windows* ]]; then bin=teambook.exe archive=teambook-$target-v$version.zip; fi
  url=${base%/}/v$version/$archive

  status=$(download "$url" "$tmp/$archive")
  case "$status" in
    200) ;;
    404)
      echo "no release archive at $url"
      return
      ;;
    *) fail "cannot download $url (HTTP status $status)" ;;
  esac
  status=$(download "$url.sha256" "$tmp/$archive.sha256")
  [ "$status" = 200 ] || fail "cannot download $url.sha256 (HTTP status $status); \
teambook installs no binary it cannot check, so nothing was installed"
  expected=$(cut -d ' ' -f 1 <"$tmp/$archive.sha256" | tr -d '\r' | tr 'A-F' 'a-f')
  actual=$(sha256 "$tmp/$archive")
  if [ "$expected" != "$actual" ]; then
    fail "checksum mismatch for $archive: $url.sha256 says $expected, the download is $actual.
The archive is damaged or not the one released; nothing was installed."
  fi

  mkdir "$tmp/unpacked"
  case "$archive" in
    *.zip)
      if command -v unzip >/dev/null; then
        unzip -q "$tmp/$archive" -d "$tmp/unpacked"
      else
        7z x -y -bd -o"$tmp/unpacked" "$tmp/$archive" >/dev/null
      fi
      ;;
    *) tar -xzf "$tmp/$archive" -C "$tmp/unpacked" ;;
  esac
  local binary=$tmp/unpacked/teambook-$target-v$version/$bin
  [ -f "$binary" ] || fail "$archive holds no teambook-$target-v$version/$bin; nothing was installed"
  chmod +x "$binary"
  check_runs "$binary" "$version"

  local dir=${TEAMBOOK_INSTALL_DIR:-}
  if [ -z "$dir" ] && [ -n "${RUNNER_TOOL_CACHE:-}" ]; then dir=$RUNNER_TOOL_CACHE/teambook/$version/$target; fi
  install_into "${dir:-$HOME/.teambook/bin}" "$binary"
  installed=true
}

# Builds the release with cargo (action.yml caches ~/.cargo around it).
from_source() {
  local cargo=${TEAMBOOK_CARGO:-cargo} bin=teambook dir
  command -v "$cargo" >/dev/null ||
    fail "no teambook binary fits this machine and cargo is missing to build one: install Rust (rustup) first"
  echo "building teambook $version with cargo install (a few minutes; cached for later runs)"
  "$cargo" install teambook --locked --version "$version" ||
    fail "\`cargo install teambook --locked --version $version\` failed (its output is above)"
  dir=${CARGO_HOME:-$HOME/.cargo}/bin
  if [ -f "$dir/teambook.exe" ]; then bin=teambook.exe; fi
  check_runs "$dir/$bin" "$version"
  add_to_path "$dir"
  echo "installed $("$dir/$bin" --version) into $dir"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
resolve_version
output "version=$version"
case "${1:-auto}" in
  auto)
    prebuilt
    if [ "$installed" = false ]; then from_source; fi
    ;;
  prebuilt)
    prebuilt
    output "installed=$installed"
    ;;
  source) from_source ;;
  *) fail "unknown mode \"$1\" (auto, prebuilt or source)" ;;
esac
