# Sourced by the scripts: makes sure the Debian packages commsim needs are installed.
# As root it installs what is missing with apt-get; otherwise it prints the exact apt line.

COMMSIM_BUILD_PACKAGES=(cmake ninja-build g++ libboost-graph-dev libboost-program-options-dev
  libeigen3-dev nlohmann-json3-dev doctest-dev libfmt-dev)
COMMSIM_TEST_PACKAGES=(python3 python3-pandas python3-matplotlib python3-jsonschema clang-format pkg-config libsimgrid-dev strace)
# scripts/test --sanitize and scripts/fuzz: clang with the ASan/UBSan/libFuzzer runtimes.
COMMSIM_SANITIZER_PACKAGES=(clang libclang-rt-14-dev)

commsim_missing_packages() {
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  echo "${missing[@]:-}"
}

commsim_ensure_packages() {
  local missing
  missing=$(commsim_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing missing Debian packages: $missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "commsim needs these Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y $missing" >&2
    exit 1
  fi
}
