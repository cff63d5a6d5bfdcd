#!/usr/bin/env bash
# compare.sh: build one synthetic site with signpost and with Hugo, in
# rotating order, and report wall time and peak memory (max RSS) of each.
# signpost builds it twice over: as configured by default ("signpost", with
# a .gz and a .br copy of every text file) and with precompress = []
# ("signpost-plain", no copies: the work Hugo does).
#
#   bench/compare.sh [PAGES [ROUNDS]]     defaults: 10000 pages, 5 rounds
#
# Environment:
#   SIGNPOST=path   use this signpost binary instead of building ./cmd/signpost
#   HUGO=path       the hugo binary (default: hugo on PATH)
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
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (the shell's time keyword cannot report memory); install it with: apt-get install -y time"
command -v "$hugo" >/dev/null || die "hugo is not installed; install it with: apt-get install -y hugo"

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
# The service worker precaches every page (about 5 KB gzip each); raise the
# precache budget so a synthetic site of this size builds.
printf '\n[budget]\nprecache_kb = %d\n' $((6 * pages + 300)) >> "$work/site/site.toml"
# The same site without the .gz/.br copies (a top-level key: it goes first).
mkdir "$work/site-plain"
cp -r "$work/site/content" "$work/site-plain/"
{ echo 'precompress = []'; cat "$work/site/site.toml"; } >"$work/site-plain/site.toml"
"$work/sitegen" -pages "$pages" -words "$words" -hugo -o "$work/hugo-site"

echo "pages: $pages, words per page: $words, rounds: $rounds"
echo "cpus: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "signpost: $("$signpost" version 2>/dev/null || echo 'version unknown')"
echo "hugo: $("$hugo" version)"
echo "go: $(go version)"
echo

# build TOOL: one clean build under /usr/bin/time; sets wall (s) and rss (KB).
build() {
	local tool=$1 out=$work/out-$1
	local -a cmd
	case $tool in
	signpost) cmd=("$signpost" build -s "$work/site" -d "$out") ;;
	signpost-plain) cmd=("$signpost" build -s "$work/site-plain" -d "$out") ;;
	hugo) cmd=("$hugo" --minify -s "$work/hugo-site" -d "$out" --quiet) ;;
	esac
	rm -rf "$out"
	sync
	if ! /usr/bin/time -f '%e %M' -o "$work/time" "${cmd[@]}" >"$work/$tool.log" 2>&1; then
		cat "$work/$tool.log" >&2
		die "$tool build failed: ${cmd[*]}"
	fi
	read -r wall rss <"$work/time"
	[[ -f $out/index.html ]] || die "$tool wrote no $out/index.html"
}

tools=(signpost signpost-plain hugo)
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
hw=$(median hugo 2) hm=$(median hugo 3)
for tool in signpost signpost-plain; do
	awk -v t="$tool" -v sw="$(median "$tool" 2)" -v hw="$hw" -v sm="$(median "$tool" 3)" -v hm="$hm" 'BEGIN {
		printf "ratio   %-14s / hugo  wall %s  peak memory %s\n", t,
			(hw > 0 ? sprintf("%.2f", sw / hw) : "n/a (hugo took 0.00 s)"),
			(hm > 0 ? sprintf("%.2f", sm / hm) : "n/a")
	}'
done
