#!/bin/bash
# Each part of the series as its own mbox, as the kvm list wants them:
# build/part-N.mbox from docs/cover-letter-N.txt, whose header lines give
# the subject, the part's first patch and its version; To/Cc come from
# scripts/get_maintainer.pl over the part's patches. Each mbox is checked
# with git am: part 1 onto a fresh base, every later part on top of the
# parts before it, and the result must be the work tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'git -C "$src" worktree remove --force "$tmp/wt" 2>/dev/null; rm -rf "$tmp"' EXIT
header() { sed -n "/^\$/q;s/^$1: //p" "$2"; }
first_commit() {	# the commit on base..HEAD whose subject is $1
	git -C "$src" log --reverse --format='%H %s' base..HEAD |
		awk -v s="$1" 'substr($0, 42) == s { print $1; exit }'
}
covers=("$top"/docs/cover-letter-*.txt)
upstream=v$(make -s -C "$src" kernelversion)
git -C "$src" worktree add -q --detach "$tmp/wt" base
mkdir -p "$build"
for i in "${!covers[@]}"; do
	cover=${covers[$i]} part=$((i + 1))
	subject=$(header Subject "$cover")
	version=$(header Version "$cover")
	[ -n "$subject" ] && [ -n "$version" ] || die "$cover: no Subject: or Version: line"
	start=$(first_commit "$(header First-Patch "$cover")")
	[ -n "$start" ] || die "$cover: its First-Patch is not in the series"
	end=HEAD
	if [ $((i + 1)) -lt ${#covers[@]} ]; then
		next=$(first_commit "$(header First-Patch "${covers[$((i + 1))]}")")
		[ -n "$next" ] || die "${covers[$((i + 1))]}: its First-Patch is not in the series"
		end=$next^
	fi
	range=$start^..$end
	n=$(git -C "$src" rev-list --count "$range")
	# What it applies to: the base commit is an import of Debian's tarball,
	# not an upstream commit, so say it in words instead of base-commit:.
	{
		echo "Applies to: Linux $upstream as Debian ships it ($BASE_PKG"
		echo "$BASE_VERSION: upstream $upstream with Debian's patches applied)"
		[ $part = 1 ] || printf 'and part %d applied first:\n"%s"\n' $((part - 1)) \
			"$(header Subject "${covers[$((i - 1))]}")"
		echo
		sed '1,/^$/d' "$cover"
	} >"$tmp/blurb"
	# To: the maintainers; Cc: the lists and reviewers. Drop ARM/STM32,
	# whose "N: stm" file pattern matches "guestmem".
	git -C "$src" format-patch -q -o "$tmp/p$part" "$range"
	(cd "$src" && perl scripts/get_maintainer.pl --no-git --no-git-fallback --no-keywords \
		"$tmp/p$part"/*.patch 2>/dev/null) | grep -v 'ARM/STM32' >"$tmp/who" || true
	to=() cc=()
	while read -r line; do
		addr=${line%% (*}
		case "$line" in
		*'(maintainer:'* | *'(supporter:'*) to+=(--to="$addr") ;;
		*) cc+=(--cc="$addr") ;;
		esac
	done <"$tmp/who"
	[ ${#to[@]} -gt 0 ] || die "get_maintainer.pl named no maintainer for part $part"
	rm -rf "$tmp/p$part"
	# Version 1 goes without a "v1", as usual on the list.
	v=(); [ "$version" = 1 ] || v=(-v "$version")
	git -C "$src" format-patch -q --cover-letter --thread --zero-commit --no-signature \
		"${v[@]}" "${to[@]}" "${cc[@]}" -o "$tmp/p$part" "$range"
	c=$(ls "$tmp/p$part"/*0000-cover-letter.patch)
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/$(printf '%s' "$subject" | sed 's/[\/&]/\\&/g')/" \
		-e "/\*\*\* BLURB HERE \*\*\*/{r $tmp/blurb
d}" "$c"
	cat "$tmp/p$part"/*.patch >"$build/part-$part.mbox"
	ls "$tmp/p$part"/*.patch | grep -vxF "$c" | xargs cat >"$tmp/check.mbox"
	git -C "$tmp/wt" am -q "$tmp/check.mbox" ||
		die "part $part does not apply (onto the base and the parts before it)"
	[ "$(git -C "$tmp/wt" rev-parse 'HEAD^{tree}')" = "$(git -C "$src" rev-parse "$end^{tree}")" ] ||
		die "part $part applied, but the result differs from the work tree"
	say "wrote build/part-$part.mbox: version $version, cover letter + $n patches, To: ${#to[@]}, Cc: ${#cc[@]}; git am checked"
done
[ "$(git -C "$tmp/wt" rev-parse 'HEAD^{tree}')" = "$(git -C "$src" rev-parse 'HEAD^{tree}')" ] ||
	die "the parts do not cover the whole series"
