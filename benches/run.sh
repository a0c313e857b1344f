#!/usr/bin/env bash
# Whole-process benchmarks of treaty-register against the targets of
# docs/performance.md. Prints one line per target: the measured value, the
# target, and the ratio to the anchor it is compared with, all measured
# side by side in this run. Synthetic registers (examples/synth.rs) are
# cached in $BENCH_DIR (default: ~/.cache/treaty-register/bench).
#
#   benches/run.sh           full run (about 15 minutes on 2 cores)
#   benches/run.sh --smoke   tiny registers, one run each, for CI: checks
#                            that everything runs, reports no targets
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
[ "${1:-}" = "--smoke" ] && smoke=true
if $smoke; then
  small=100; medium=400; large=1000; attach=8M; runs=1
  BENCH_DIR="$(mktemp -d)"
  trap 'rm -rf "$BENCH_DIR"' EXIT
else
  small=1000; medium=10000; large=100000; attach=1G; runs=3
  BENCH_DIR="${BENCH_DIR:-$HOME/.cache/treaty-register/bench}"
fi
mkdir -p "$BENCH_DIR"

cargo build --release --quiet --example synth
cargo build --release --quiet
bin="$PWD/target/release/treaty-register"
synth="$PWD/target/release/examples/synth"

register() { # N [attachments [acts per instrument]] -> path of a cached synthetic register
  local n=$1 a=${2:-0} acts=${3:-0} dir="$BENCH_DIR/syn-$1-${2:-0}"
  [ "$acts" -gt 0 ] && dir="$dir-acts$acts"
  if [ ! -f "$dir/register/register.yaml" ]; then
    rm -rf "$dir"
    "$synth" --count "$n" --attachments "$a" --actions "$acts" "$dir" >/dev/null
  fi
  # Always the templates of this checkout.
  rm -rf "$dir/templates" && cp -r templates "$dir/templates"
  echo "$dir"
}

# median wall seconds of $runs runs of a command; the peak RSS (KiB) of its
# largest process goes to $peak_file (measure runs in a $(…) subshell, so a
# variable would not come back)
peak_file="$(mktemp)"
measure() {
  local times=() t0 t1 rss stats peak=0
  stats="$(mktemp)"
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    # GNU time's %M: the largest resident set of the process or of any
    # descendant it waited for, i.e. of the largest single process.
    /usr/bin/time -o "$stats" -f "%M" "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    rss=$(tail -n 1 "$stats")
    times+=("$(echo "$t1 - $t0" | bc)")
    [ "${rss:-0}" -gt "$peak" ] 2>/dev/null && peak=$rss
  done
  rm -f "$stats"
  echo "$peak" > "$peak_file"
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk '{printf "%.3f\n", $1}'
}

row() { printf '%-58s %12s %14s %10s\n' "$1" "$2" "$3" "$4"; }
ratio() { echo "scale=6; $1 / $2" | bc | awk '{printf "%.2f", $1}'; }

# A typst that returns at once with a one-page PDF: what a build costs
# outside typst (a benchmark instrument, never used by the tests).
stub_dir="$(mktemp -d)"
cat > "$stub_dir/typst" <<STUB
#!/bin/sh
[ "\$1" = --version ] && exec "$(command -v typst 2>/dev/null || echo "$HOME/.cache/treaty-register/typst-0.15.1/bin/typst")" --version
out=""; for a; do out=\$a; done
printf '%%PDF-1.7\n%%%%EOF\n' > "\$out"
STUB
chmod +x "$stub_dir/typst"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "typst: $("$bin" --version >/dev/null; "$stub_dir/typst" --version)"
row "target" "measured" "target value" "ratio"

S=$(register "$small" 0); M=$(register "$medium" 0); L=$(register "$large" 0)

t=$(measure "$bin" --root "$L" check)
row "check, $large instruments (s)" "$t" "<= 3" "$(ratio "$t" 3)"
LA=$(register "$large" 0 5)
t=$(measure "$bin" --root "$LA" check); la_peak=$(cat "$peak_file")
row "check, $large instruments with 5 acts each (s)" "$t" "<= 3" "$(ratio "$t" 3)"
row "  peak memory, check with acts (MiB)" "$((la_peak / 1024))" "<= 1536" "$(ratio "$((la_peak / 1024))" 1536)"

# One entry whose acts repeat a signature thousands of times (as a hostile
# file does): every act is a problem, and check must stay linear in them.
acts_entry() { # N -> a project with one entry of N signatures of one party
  local dir="$BENCH_DIR/acts-$1"
  mkdir -p "$dir/register/instruments"
  printf 'title: T\nas_of: 2024-08-08\nid_prefix: A\n' > "$dir/register/register.yaml"
  { printf 'id: A-001\ntitle: T\ntype: agreement\nparties:\n  - state: KAZ\n  - state: UZB\n'
    printf 'signed:\n  date: 2024-08-08\nsources:\n  - title: R\nactions:\n'
    for _ in $(seq "$1"); do printf '  - {party: KAZ, action: signature, date: 2024-08-08}\n'; done
  } > "$dir/register/instruments/A-001.yaml"
  echo "$dir"
}
few=$((large / 50 < 7000 ? large / 50 : 7000)); many=$((few * 2))
t_few=$(measure "$bin" --root "$(acts_entry "$few")" check)
t_many=$(measure "$bin" --root "$(acts_entry "$many")" check)
row "check, one entry of $few repeated acts (s)" "$t_few" "anchor" "1.00"
row "check, one entry of $many repeated acts (s)" "$t_many" "linear: ~2 x" "$(ratio "$t_many" "$t_few") x"

t_small=$(measure "$bin" --root "$S" build --force --quiet)
t_medium=$(measure "$bin" --root "$M" build --force --quiet); m_peak=$(cat "$peak_file")
row "build, $small instruments (s)" "$t_small" "anchor" "1.00"
row "build, $medium instruments (s)" "$t_medium" "<= 11 x $small" "$(ratio "$t_medium" "$t_small")"
row "  peak memory of one process, $medium (MiB)" "$((m_peak / 1024))" "<= 2048" "$(ratio "$((m_peak / 1024))" 2048)"
pdf_bytes() { du -cb "$1"/out/.current/*.pdf | tail -n 1 | cut -f1; }
row "  PDFs of $small instruments, sources embedded (MiB)" "$(echo "scale=2; $(pdf_bytes "$S") / 1048576" | bc)" "report" ""
row "  PDFs of $medium instruments, sources embedded (MiB)" "$(echo "scale=2; $(pdf_bytes "$M") / 1048576" | bc)" "report" ""
t_stub=$(measure "$bin" --root "$M" build --force --quiet --typst "$stub_dir/typst")
row "build outside typst, $medium (s; share of the build)" "$t_stub" "<= 5 %" "$(echo "scale=6; 100 * $t_stub / $t_medium" | bc | awk '{printf "%.1f", $1}') %"

# Language editions: the same register with `translations: [ru, kk]`, three
# PDFs (each in volumes) in one run.
T="$BENCH_DIR/syn-$medium-translations"
rm -rf "$T" && mkdir -p "$T" && cp -r "$M/register" "$M/templates" "$T/"
printf 'translations: [ru, kk]\n' >> "$T/register/register.yaml"
t=$(measure "$bin" --root "$T" build --force --quiet); t_peak=$(cat "$peak_file")
row "build with translations [ru, kk], $medium (s)" "$t" "report" "$(ratio "$t" "$t_medium") x"
row "  peak memory of one process (MiB)" "$((t_peak / 1024))" "<= 2048" "$(ratio "$((t_peak / 1024))" 2048)"

"$bin" --root "$M" build --quiet
t=$(measure "$bin" --root "$M" build --quiet)
row "no-op rebuild, $medium instruments (s)" "$t" "<= 0.5" "$(ratio "$t" 0.5)"

t=$(runs=1 measure "$bin" --root "$L" build --force --quiet); l_peak=$(cat "$peak_file")
row "build, $large instruments (s)" "$t" "<= 150" "$(ratio "$t" 150)"
row "  peak memory of one process, $large (MiB)" "$((l_peak / 1024))" "<= 2048" "$(ratio "$((l_peak / 1024))" 2048)"

# The web edition: building it, and how fast its list opens and searches
# in Chromium (tests/browser/load-time.mjs; needs npm ci in tests/browser).
t=$(runs=1 measure "$bin" --root "$M" build --html --force --quiet); w_peak=$(cat "$peak_file")
row "build --html, $medium instruments (s)" "$t" "report" ""
t=$(measure "$bin" --root "$M" export --format akn --out "$M/out/akn-bench")
row "export --format akn, $medium instruments (s)" "$t" "report" ""
row "  peak memory of one process (MiB)" "$((w_peak / 1024))" "<= 2048" "$(ratio "$((w_peak / 1024))" 2048)"
if [ -d tests/browser/node_modules/playwright-core ] && [ -x /usr/bin/chromium ]; then
  node tests/browser/load-time.mjs "$M/out/html" "$runs" | sed "s/^/  web edition of $medium: /"
  if ! $smoke; then
    t=$(runs=1 measure "$bin" --root "$L" build --html --quiet); w_peak=$(cat "$peak_file")
    row "build --html, $large instruments (s)" "$t" "report" ""
    row "  peak memory of one process (MiB)" "$((w_peak / 1024))" "<= 2048" "$(ratio "$((w_peak / 1024))" 2048)"
    node tests/browser/load-time.mjs "$L/out/html" "$runs" | sed "s/^/  web edition of $large: /"
  fi
fi

A=$(register "$medium" "$attach")
"$bin" --root "$A" build --quiet
sync
t_ours=$(measure "$bin" --root "$A" verify)
t_coreutils=$(cd "$A" && measure sha256sum -c --quiet out/manifest.sha256)
row "verify, $medium instruments + $attach attachments (s)" "$t_ours" ">= 4 x faster" "$(ratio "$t_coreutils" "$t_ours") x"
row "  sha256sum -c on the same manifest (s)" "$t_coreutils" "anchor" ""
t=$(measure "$bin" --root "$A" build --quiet)
row "no-op build, $medium instruments + $attach attachments (s)" "$t" "<= 0.3" "$(ratio "$t" 0.3)"

# Incremental builds: one entry of the large register with acts edited
# (its title), then built; each run edits another entry.
"$bin" --root "$LA" build --quiet
edit_one() {
  local f; f=$(ls "$LA/register/instruments" | sed -n "$((large / 2 + $1))p")
  sed -i '0,/^title: /s/^title: \(.*\)/title: \1 (amended)/' "$LA/register/instruments/$f"
}
times=()
for k in $(seq "$runs"); do
  edit_one "$k"
  times+=("$(runs=1 measure "$bin" --root "$LA" build --quiet)")
done
t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
row "build after one edit, $large with acts (s; median)" "$t" "<= 15" "$(ratio "$t" 15)"
row "  range of $runs runs (s)" "$(printf '%s\n' "${times[@]}" | sort -n | head -1)-$(printf '%s\n' "${times[@]}" | sort -n | tail -1)" "report" ""
t=$(runs=1 measure "$bin" --root "$LA" build --force --quiet); la_peak=$(cat "$peak_file")
row "build --force, $large with acts (s)" "$t" "<= 80" "$(ratio "$t" 80)"
row "  peak memory of one process (MiB)" "$((la_peak / 1024))" "<= 1536" "$(ratio "$((la_peak / 1024))" 1536)"

# A certified extract of one entry of the large register, published once
# (with a throwaway key) so the extract names its latest edition: it reads
# register.yaml, the entry, its relations' targets and that edition's
# manifest, and typesets one page. Target: <= 1.5 s.
if [ ! -d "$LA/editions/0001" ]; then
  ssh-keygen -q -t ed25519 -N '' -f "$LA/bench-key" -C bench
  printf 'bench@example namespaces="treaty-register" %s\n' "$(cut -d' ' -f1,2 "$LA/bench-key.pub")" > "$LA/register/allowed_signers"
  "$bin" --quiet --root "$LA" publish --key "$LA/bench-key" --principal bench@example
fi
one=$(ls "$LA/register/instruments" | sed -n "$((large / 3))p"); one=${one%.yaml}
t=$(measure "$bin" --quiet --root "$LA" extract "$one" --out "$LA/out/bench-extract.pdf"); x_peak=$(cat "$peak_file")
row "extract of one entry, $large with an edition (s)" "$t" "<= 1.5" "$(ratio "$t" 1.5)"
row "  peak memory (MiB)" "$((x_peak / 1024))" "report" ""

# Seals: a publish of the medium register in volumes, plain and sealed
# with a time-stamp (the tests' PKI and TSA on 127.0.0.1), each in a
# fresh copy (every PDF typeset). Target: sealing adds <= 5 %.
pki="$(mktemp -d)"
bash tests/support/pki.sh "$pki"
python3 tests/support/tsa.py "$pki" > "$pki/port" & tsa_pid=$!
sleep 1
ssh-keygen -q -t ed25519 -N '' -f "$pki/clerk" -C bench
# A fresh copy of M published (the copy, a second or less, in both runs).
cat > "$pki/publish.sh" <<PUBLISH
set -e
d=\$1; shift
rm -rf "\$d" && mkdir -p "\$d" && cp -r "$M/register" "$M/templates" "\$d/"
printf 'bench@example namespaces="treaty-register" %s\\n' "\$(cut -d' ' -f1,2 "$pki/clerk.pub")" > "\$d/register/allowed_signers"
cp "$pki/root.pem" "\$d/register/allowed_seals.pem"; cp "$pki/root.pem" "\$d/register/allowed_tsa.pem"
"$bin" --quiet --root "\$d" publish --key "$pki/clerk" --principal bench@example "\$@"
PUBLISH
t_plain=$(measure bash "$pki/publish.sh" "$BENCH_DIR/pub-plain")
t_sealed=$(measure bash "$pki/publish.sh" "$BENCH_DIR/pub-sealed" --seal-key "$pki/seal.key" --seal-cert "$pki/seal.pem" --tsa "http://127.0.0.1:$(head -1 "$pki/port")/tsr")
row "publish, $medium instruments in volumes (s)" "$t_plain" "anchor" "1.00"
row "publish sealed and time-stamped, $medium (s)" "$t_sealed" "<= 1.05 x" "$(ratio "$t_sealed" "$t_plain") x"
kill "$tsa_pid" 2>/dev/null || true
rm -rf "$pki" "$BENCH_DIR/pub-plain" "$BENCH_DIR/pub-sealed"

# import: a generated list of N instruments and 3N acts (two signatures and
# a ratification each), converted to XLSX by LibreOffice as a department's
# file would be, imported into a fresh copy of the shipped register each
# run (parse, validate every row, act and the register, write all).
# Targets (docs/performance.md): 10,000 rows with 30,000 acts <= 5 s and
# <= 500 MiB; 100,000 rows <= 40 s.
import_lists() { # N DIR -> DIR/rows.xlsx and DIR/acts.xlsx
  local n="$1" d="$2"
  echo 'Title,Type,Level,Parties,Date of signature,Status' > "$d/rows.csv"
  echo 'Title,Action,Party,Date' > "$d/acts.csv"
  awk -v n="$n" -v rows="$d/rows.csv" -v acts="$d/acts.csv" 'BEGIN {
    for (i = 0; i < n; i++) {
      dd = 1 + i % 28; mm = 1 + i % 12; yy = 2000 + i % 23
      t = sprintf("Agreement number %d on cooperation", i)
      printf "%s,agreement,intergovernmental,KAZ;UZB,%02d.%02d.%d,\n", t, dd, mm, yy >> rows
      printf "%s,signature,KAZ,%d-%02d-%02d\n", t, yy, mm, dd >> acts
      printf "%s,signature,UZB,%d-%02d-%02d\n", t, yy, mm, dd >> acts
      printf "%s,ratification,KAZ,%d-%02d-%02d\n", t, yy + 1, mm, dd >> acts
    } }'
  (cd "$d" && soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx rows.csv acts.csv >/dev/null 2>&1)
}
if command -v soffice >/dev/null 2>&1; then
  for n in $medium $large; do
    imp="$(mktemp -d)"
    import_lists "$n" "$imp"
    fresh="rm -rf '$imp/p' && mkdir '$imp/p' && cp -r register templates schema '$imp/p/'"
    t=$(measure bash -c "$fresh && '$bin' --quiet --root '$imp/p' import '$imp/rows.xlsx' --acts '$imp/acts.xlsx'")
    peak=$(cat "$peak_file")
    target="report"
    [ "$n" = 10000 ] && target="<= 5 s, 500 MiB"
    [ "$n" = 100000 ] && target="<= 40 s"
    row "import of $n rows, $((3 * n)) acts, XLSX (s)" "$t" "$target" "$((peak / 1024)) MiB"
    rm -rf "$imp"
  done
else
  echo "import: soffice (libreoffice-calc) not found; the XLSX rows are not measured"
fi

rm -rf "$stub_dir" "$peak_file"
if $smoke; then
  echo "smoke run: every benchmark ran; figures of tiny registers are not targets"
fi
