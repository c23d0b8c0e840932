#!/bin/bash
# Install the Debian packages the harness needs, when any is missing.
# usage: deps.sh [extra package...]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
pkgs=(build-essential bc bison flex libelf-dev libssl-dev cpio rsync kmod git
	ccache sparse busybox-static qemu-system-x86 python3-ply python3-git "$@")
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} = 0 ] && exit 0
say "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
