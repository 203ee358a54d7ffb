#!/usr/bin/env bash
# Install the Debian packages listed in the given files that are missing (one list shared with the Dockerfile).
set -euo pipefail
missing=()
for list in "${@:-system-packages.txt}"; do
  while read -r pkg; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done < <(grep -vE '^\s*(#|$)' "$list")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing system packages: ${missing[*]} (run 'make install' as root, or apt-get install them)" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
