# Common paths and helpers, sourced by every script in scripts/.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$top/base.env"
src=${SRC:-$top/work/linux}
build=${BUILD:-$top/build}
results=${RESULTS:-$top/results}
jobs=${JOBS:-$(($(nproc) + 1))}

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Kernel make, with ccache when it is installed. Cross-builds set ARCH and
# CROSS_COMPILE in the environment.
kmake() {
	local cc=${CROSS_COMPILE:-}gcc hostcc=gcc
	if command -v ccache >/dev/null; then
		cc="ccache $cc" hostcc="ccache gcc"
	fi
	make -C "${KSRC:-$src}" -j"$jobs" CC="$cc" HOSTCC="$hostcc" "$@"
}
