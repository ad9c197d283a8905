# shellcheck shell=bash
# Shared by scripts/serve, scripts/build and scripts/test: puts the project's
# tools on PATH and installs whatever is missing. Every check is cheap, so
# a machine that already has the tools pays a second or so. Everything comes
# from package registries (rustup, crates.io, npm, Debian); nothing is
# downloaded at build or run time.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION=0.21.14
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive

if [ -t 1 ]; then
  step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
  step() { printf '\n==> %s\n' "$*"; }
fi
note() { printf '    %s\n' "$*"; }

# Root, or sudo when there is one.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "need root to run: $*" >&2; return 1
  fi
}

APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "$@"
}

# The wasm-bindgen version Cargo.lock resolved (the CLI must match it).
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust_tools() {
  if ! command -v cargo >/dev/null; then
    echo "cargo not found: install Rust first (https://rustup.rs)" >&2
    exit 1
  fi
  if ! command -v rustup >/dev/null; then
    echo "rustup not found: the wasm32 target is installed with rustup (https://rustup.rs)" >&2
    exit 1
  fi
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    note "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    note "installing trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  local wbg
  wbg="$(locked_wasm_bindgen)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    note "installing wasm-bindgen-cli $wbg (once)"
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
}

ensure_node_tools() {
  if ! command -v npm >/dev/null; then
    note "installing node and npm (Debian)"
    apt_install nodejs npm
  fi
  # npm ci only when package-lock.json changed since the last install.
  local stamp="$ROOT/node_modules/.dockerlings-lock"
  if ! cmp -s "$ROOT/package-lock.json" "$stamp" 2>/dev/null; then
    note "installing npm tools (binaryen's wasm-opt, playwright-core)"
    npm ci --no-audit --no-fund --loglevel=error
    cp "$ROOT/package-lock.json" "$stamp"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    note "installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  # Chinese in the screenshots must be legible, not boxes.
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    note "installing CJK fonts (fonts-noto-cjk)"
    apt_install fonts-noto-cjk
  fi
}

# The real programs the differential test compares the sandbox with
# (tests/differential.rs): bash, dash, coreutils, grep, sed, mawk and
# python3 come with Debian; busybox does not.
ensure_differential_tools() {
  if ! command -v busybox >/dev/null; then
    note "installing Debian's busybox (the differential test's alpine side)"
    apt_install busybox
  fi
}

ensure_tools() {
  step "Tools"
  ensure_rust_tools
  ensure_node_tools
  ensure_differential_tools
  if [ "${1:-}" = "--browser" ]; then
    ensure_chromium
  fi
  note "$(rustc --version), $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | cut -d' ' -f1-3), node $(node --version)"
}
