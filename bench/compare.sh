#!/usr/bin/env bash
# compare.sh: build one synthetic site with signpost and with Hugo, in
# rotating order, and report wall time and peak memory (max RSS) of each.
# signpost builds it three ways:
#   signpost        as configured by default (a .gz and a .br copy of every
#                   text file), with a cold (empty) compression cache;
#   signpost-plain  precompress = [] (no copies: the work Hugo does), cold cache;
#   signpost-warm   the default settings after one page changed, with the
#                   cache a previous build of the unchanged site left: the
#                   first rebuild after a build from scratch;
#   signpost-rewarm the same one rebuild later: a rebuild after one page
#                   changed, where the rebuild before it also changed one
#                   (what a team's edits give from the second on: the output
#                   before last is there to be updated, see bench/README.md).
#
#   bench/compare.sh [PAGES [ROUNDS]]     defaults: 10000 pages, 5 rounds
#
# Environment:
#   TOOLS="..."     which builds to time (default: signpost signpost-plain
#                   signpost-warm hugo); e.g. TOOLS=signpost for 100,000 pages
#   SIGNPOST=path   use this signpost binary instead of building ./cmd/signpost
#   HUGO=path       the hugo binary (default: hugo on PATH; installed from
#                   Debian with apt-get when missing and hugo is timed)
#   WORDS=n         words per page (default 600)
#   WARMUP=0        skip the untimed warm-up build of each tool (default 1)
#   KEEP=1          keep the work folder (sites, outputs, logs) for inspection
#
# See bench/README.md for what this measures and what it does not.
set -euo pipefail

pages=${1:-10000}
rounds=${2:-5}
words=${WORDS:-600}
warmup=${WARMUP:-1}
hugo=${HUGO:-hugo}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "compare.sh: $*" >&2; exit 1; }

[[ $pages =~ ^[1-9][0-9]*$ ]] || die "PAGES must be a positive number, not '$pages'"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive number, not '$rounds'"
read -r -a tools <<<"${TOOLS:-signpost signpost-plain signpost-warm signpost-rewarm hugo}"
for tool in "${tools[@]}"; do
	case $tool in signpost | signpost-plain | signpost-warm | signpost-rewarm | hugo) ;; *) die "unknown tool '$tool' in TOOLS" ;; esac
done
uses() { [[ " ${tools[*]} " == *" $1 "* ]]; }

# apt_install PACKAGE: installs a Debian package, as root or with sudo -n.
apt_install() {
	local sudo=()
	[[ $(id -u) == 0 ]] || sudo=(sudo -n)
	echo "compare.sh: installing $1 with apt-get" >&2
	"${sudo[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=600 "$1" >/dev/null ||
		{ "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q "$1" >/dev/null; } ||
		die "cannot install $1: apt-get install -y $1"
}
[[ -x /usr/bin/time ]] || apt_install time # the shell's time keyword cannot report memory
if uses hugo && ! command -v "$hugo" >/dev/null; then
	[[ $hugo == hugo ]] || die "HUGO=$hugo is not a program"
	apt_install hugo
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/signpost-bench.XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then
	echo "work folder: $work (kept)"
else
	trap 'rm -rf "$work"' EXIT
fi
export HUGO_CACHEDIR=$work/hugo-cache # keep Hugo's cache out of the user's

cd "$repo"
if [[ -n ${SIGNPOST:-} ]]; then
	signpost=$SIGNPOST
else
	signpost=$work/signpost
	go build -o "$signpost" ./cmd/signpost || die "cannot build ./cmd/signpost"
fi
go build -o "$work/sitegen" ./cmd/sitegen
"$work/sitegen" -pages "$pages" -words "$words" -o "$work/site"
# Until the service worker precaches only the triage set, it precaches every
# page (about 5 KB gzip each): raise the precache budget so a synthetic site
# of this size builds. Harmless once it does not.
printf '\n[budget]\nprecache_kb = %d\n' $((6 * pages + 300)) >> "$work/site/site.toml"
# The same site without the .gz/.br copies (a top-level key: it goes first).
mkdir "$work/site-plain"
cp -r "$work/site/content" "$work/site-plain/"
{ echo 'precompress = []'; cat "$work/site/site.toml"; } >"$work/site-plain/site.toml"
# The default site again, for the warm rebuild: one page of it is edited.
cp -r "$work/site" "$work/site-warm"
edit=$(find "$work/site-warm/content" -name '*.md' ! -name '_index.md' | sort | sed -n 2p)
[[ -n $edit ]] || die "no page to edit in $work/site-warm/content"
if uses hugo; then
	"$work/sitegen" -pages "$pages" -words "$words" -hugo -o "$work/hugo-site"
fi

echo "pages: $pages, words per page: $words, rounds: $rounds"
echo "cpus: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "signpost: $("$signpost" version 2>/dev/null || echo 'version unknown')"
uses hugo && echo "hugo: $("$hugo" version)"
echo "go: $(go version)"
echo

# build TOOL: one clean build under /usr/bin/time; sets wall (s) and rss (KB).
# signpost and signpost-plain start from an empty compression cache;
# signpost-warm first builds the unchanged site (untimed) into its cache,
# then one page changes and the timed build runs with that cache.
edits=0
build() {
	local tool=$1 out=$work/out-$1 cache=$work/cache-$1
	local -a cmd
	rm -rf "$out" "$cache" "$work/.out-$tool".* # .* : the spare a warm build keeps beside it
	case $tool in
	signpost) cmd=("$signpost" build -s "$work/site" -d "$out" --cache-dir "$cache") ;;
	signpost-plain) cmd=("$signpost" build -s "$work/site-plain" -d "$out" --cache-dir "$cache") ;;
	signpost-warm | signpost-rewarm)
		"$signpost" build -s "$work/site-warm" -d "$out" --cache-dir "$cache" >"$work/$tool.log" 2>&1 ||
			{ cat "$work/$tool.log" >&2; die "$tool: the build that warms the cache failed"; }
		edits=$((edits + 1))
		printf '\nThis sentence was added by compare.sh, edit %d.\n' "$edits" >>"$edit"
		if [[ $tool == signpost-rewarm ]]; then
			"$signpost" build -s "$work/site-warm" -d "$out" --cache-dir "$cache" >"$work/$tool.log" 2>&1 ||
				{ cat "$work/$tool.log" >&2; die "$tool: the first rebuild failed"; }
			edits=$((edits + 1))
			printf '\nThis sentence was added by compare.sh, edit %d.\n' "$edits" >>"$edit"
		fi
		cmd=("$signpost" build -s "$work/site-warm" -d "$out" --cache-dir "$cache")
		;;
	hugo) cmd=("$hugo" --minify -s "$work/hugo-site" -d "$out" --quiet) ;;
	esac
	sync
	if ! /usr/bin/time -f '%e %M' -o "$work/time" "${cmd[@]}" >"$work/$tool.log" 2>&1; then
		cat "$work/$tool.log" >&2
		die "$tool build failed: ${cmd[*]}"
	fi
	read -r wall rss <"$work/time"
	[[ -f $out/index.html ]] || die "$tool wrote no $out/index.html"
}

if [[ $warmup == 1 ]]; then
	for tool in "${tools[@]}"; do build "$tool"; done
	echo "warm-up builds done (not counted)"
fi

: >"$work/results"
for ((round = 1; round <= rounds; round++)); do
	# Rotate the order so that no tool always runs first or last.
	order=()
	for ((i = 0; i < ${#tools[@]}; i++)); do
		order+=("${tools[(i + round - 1) % ${#tools[@]}]}")
	done
	for tool in "${order[@]}"; do
		build "$tool"
		printf 'round %d  %-14s  %7.2f s  %9d KB\n' "$round" "$tool" "$wall" "$rss"
		echo "$tool $wall $rss" >>"$work/results"
	done
done

# The last build of each tool is still on disk: say how much each wrote.
echo
for tool in "${tools[@]}"; do
	out=$work/out-$tool
	printf 'output  %-14s  %6d files  %6d HTML  %8d KB\n' "$tool" \
		"$(find "$out" -type f | wc -l)" "$(find "$out" -type f -name '*.html' | wc -l)" \
		"$(du -sk --apparent-size "$out" | cut -f1)"
done

# median TOOL COLUMN: the median of one column (2 wall, 3 rss) of one tool.
median() {
	awk -v t="$1" '$1 == t { print $'"$2"' }' "$work/results" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
for tool in "${tools[@]}"; do
	printf 'median  %-14s  %7.2f s  %9.0f KB\n' "$tool" "$(median "$tool" 2)" "$(median "$tool" 3)"
done
uses hugo || exit 0
hw=$(median hugo 2) hm=$(median hugo 3)
for tool in "${tools[@]}"; do
	[[ $tool == hugo ]] && continue
	awk -v t="$tool" -v sw="$(median "$tool" 2)" -v hw="$hw" -v sm="$(median "$tool" 3)" -v hm="$hm" 'BEGIN {
		printf "ratio   %-14s / hugo  wall %s  peak memory %s\n", t,
			(hw > 0 ? sprintf("%.2f", sw / hw) : "n/a (hugo took 0.00 s)"),
			(hm > 0 ? sprintf("%.2f", sm / hm) : "n/a")
	}'
done
