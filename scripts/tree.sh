#!/bin/bash
# Unpack the pinned base into work/linux as a git repo (tag "base") and
# apply patches/ onto it. Never touches an existing work tree: commits
# there that are not exported yet are kept.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$top/scripts/deps.sh"

if [ -d "$src/.git" ]; then
	n=$(git -C "$src" rev-list --count base..HEAD)
	say "work tree $src exists ($n commits on base); left as it is"
	exit 0
fi

sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
have=$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null || true)
if [ "$have" != "$BASE_VERSION" ]; then
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	if ! $sudo apt-get install -y -qq --allow-downgrades "$BASE_PKG=$BASE_VERSION" >/dev/null; then
		$sudo apt-get install -y -qq "$BASE_PKG" >/dev/null
		have=$(dpkg-query -W -f='${Version}' "$BASE_PKG")
		cat >&2 <<-MSG
		********************************************************************
		WARNING: $BASE_PKG $BASE_VERSION is no longer served.
		         Using $have instead. The series was made on $BASE_VERSION:
		         update base.env (version and sha256) once it applies cleanly.
		********************************************************************
		MSG
	fi
fi
have=$(dpkg-query -W -f='${Version}' "$BASE_PKG")
sum=$(sha256sum "$BASE_TARBALL" | cut -d' ' -f1)
if [ "$have" = "$BASE_VERSION" ] && [ "$sum" != "$BASE_SHA256" ]; then
	die "$BASE_TARBALL has sha256 $sum, base.env pins $BASE_SHA256"
fi

say "unpacking $BASE_PKG $have into $src"
rm -rf "$src.tmp"
mkdir -p "$src.tmp"
tar -xf "$BASE_TARBALL" -C "$src.tmp" --strip-components=1
# Debian's .gitignore ignores every top-level path of a packaging repo,
# which would hide new files from git: keep only the upstream part.
sed -i '/^# Debian packaging/,$d' "$src.tmp/.gitignore"
(
	cd "$src.tmp"
	git init -q -b master .
	git add -A
	GIT_AUTHOR_DATE=2025-01-01T00:00:00Z GIT_COMMITTER_DATE=2025-01-01T00:00:00Z \
		git -c user.name="Debian $BASE_PKG" -c user.email=base@invalid \
		commit -q -m "$BASE_PKG $have (sha256 $sum)"
	git tag base
)
mv "$src.tmp" "$src"

if [ -s "$top/patches/series" ]; then
	say "applying $(grep -vc "^#" "$top/patches/series") patches"
	grep -v '^#' "$top/patches/series" | sed "s|^|$top/patches/|" | xargs git -C "$src" am -q ||
		die "the series does not apply; fix it in $src (git am --show-current-patch)"
fi
