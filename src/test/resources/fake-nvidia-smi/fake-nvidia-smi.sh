#!/bin/sh
# Fake nvidia-smi for tests: replays a capture (src/test/resources/captures/nvidia-smi/*.csv) the way
#   nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits [-lms <ms>]
# prints it. Run as: sh fake-nvidia-smi.sh [knobs] <nvidia-smi args>
# The capture's first "# fields:" line names its columns; the requested fields are projected out of it, and a field
# the capture lacks is answered like an old driver: 'Field "x" is not a valid field to query.' with exit 2.
# Other '#' lines are comments; blank lines separate -lms frames, replayed in a cycle. Without -lms: one frame, exit 0.
# Knobs:
#   --capture FILE      capture to replay (required)
#   --exit-after N      exit after N frames with --exit-code (default 1)
#   --garbage-every N   print a garbage line before every Nth frame
#   --hang-after N      after N frames hang holding stdout open (`sleep 1000` in the foreground)
#   --partial           before exiting/hanging, print half a row without a newline
#   --state DIR         misbehave only on the first -lms run: later ones find DIR/ran and behave
#   --pid-file FILE     where the hanging `sleep` writes its pid
capture=""; exit_after=0; exit_code=1; garbage=0; hang_after=0; partial=0; state=""; pid_file=/dev/null
fields=""; lms=""
while [ $# -gt 0 ]; do
  case "$1" in
    --capture) capture="$2"; shift ;;
    --exit-after) exit_after="$2"; shift ;;
    --exit-code) exit_code="$2"; shift ;;
    --garbage-every) garbage="$2"; shift ;;
    --hang-after) hang_after="$2"; shift ;;
    --partial) partial=1 ;;
    --state) state="$2"; shift ;;
    --pid-file) pid_file="$2"; shift ;;
    --query-gpu=*) fields="${1#--query-gpu=}" ;;
    -lms|--loop-ms) lms="$2"; shift ;;
    --loop-ms=*) lms="${1#--loop-ms=}" ;;
    *) ;; # --format=... and anything else: accepted, ignored
  esac
  shift
done
if [ -z "$capture" ] || [ ! -r "$capture" ]; then
  echo "fake-nvidia-smi: no readable --capture" >&2; exit 9
fi
if [ -z "$fields" ]; then
  echo "fake-nvidia-smi: only --query-gpu is faked" >&2; exit 2
fi
if [ -n "$state" ] && [ -n "$lms" ]; then  # one-shot (probe) runs do not count
  if [ -e "$state/ran" ]; then exit_after=0; hang_after=0; partial=0; garbage=0; else : > "$state/ran"; fi
fi
secs=""
[ -n "$lms" ] && secs=$(awk -v ms="$lms" 'BEGIN { printf "%.3f", ms / 1000 }')
exec awk -v want="$fields" -v secs="$secs" -v exit_after="$exit_after" -v exit_code="$exit_code" \
  -v garbage="$garbage" -v hang_after="$hang_after" -v partial="$partial" -v pid_file="$pid_file" '
BEGIN { n = split(want, W, ","); nf = 0; cur = "" }
/^# fields:/ {
  sub(/^# fields:[ ]*/, ""); m = split($0, F, /, */)
  for (i = 1; i <= m; i++) col[F[i]] = i
  for (j = 1; j <= n; j++) if (!(W[j] in col)) { printf "Field \"%s\" is not a valid field to query.\n\n", W[j]; bad = 1; exit 2 }
  next
}
/^#/ { next }
/^[ \t]*$/ { if (cur != "") { frames[nf++] = cur; cur = "" } next }
{
  split($0, C, /, /); line = ""
  for (j = 1; j <= n; j++) line = line (j > 1 ? ", " : "") C[col[W[j]]]
  cur = cur line "\n"
}
END {
  if (bad) exit 2
  if (cur != "") frames[nf++] = cur
  if (secs == "") { printf "%s", frames[0]; exit 0 }
  for (k = 0; ; k++) {
    if (garbage > 0 && k > 0 && k % garbage == 0) printf "Unable to determine the device handle for GPU0000:C8:00.0: Unknown Error\n"
    printf "%s", frames[k % nf]; fflush()
    if (exit_after > 0 && k + 1 >= exit_after) { if (partial) printf "0, GPU-5d8b6f0e-3c41, NVIDIA H1"; fflush(); exit exit_code }
    if (hang_after > 0 && k + 1 >= hang_after) {
      if (partial) printf "0, GPU-5d8b6f0e-3c41, NVIDIA H1"
      fflush(); system("echo $$ > \"" pid_file "\"; exec sleep 1000"); exit 0
    }
    system("sleep " secs)
  }
}' "$capture"
