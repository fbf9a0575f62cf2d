// One small process beside each shipit that runs commands, so that no
// command (deploy script, command check) outlives shipit unnoticed, however
// shipit ends (kill -9 included). shipit writes to this process's stdin:
//   "watch <pgid> <graceMs> [liveFile]"  when a command's process group starts,
//   "forget <pgid>"                      once shipit has seen that group gone.
// When stdin closes (shipit is gone: the kernel closes the pipe, no polling),
// every group still watched gets SIGTERM, then SIGKILL after its grace period,
// and its live file (see live-scripts.ts) is removed once the group is gone.
// The pipe buffers what shipit wrote before this process was even running, so
// a command is watched from the moment shipit starts it.
//
// It is a POSIX sh script, not a second Node: it starts on every run that
// executes a command, and a shell starts in a millisecond where Node costs as
// much CPU as shipit's own start. Builtins only, but for `sleep` and `rm` once
// shipit is gone. A group is alive while one of its processes is in any state
// but zombie (read from /proc where there is one; see live-scripts.ts for why).

// (A template literal: each shell `${` is written `\${`.)
const SCRIPT = `
trap '' INT HUP TERM
nl='
'
watched=
forget() {
  rest=$watched watched=
  while [ -n "$rest" ]; do
    entry=\${rest%%"$nl"*} rest=\${rest#*"$nl"}
    [ "\${entry%% *}" = "$1" ] || watched=$watched$entry$nl
  done
}
alive() {
  kill -0 "-$1" 2>/dev/null || return 1
  [ -r /proc/self/stat ] || return 0
  for stat in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue
    set -- "$1" \${line##*") "}
    [ "$4" = "$1" ] && [ "$2" != Z ] && return 0
  done
  return 1
}
clock=0
tick() {
  if read -r up _ 2>/dev/null </proc/uptime; then clock=$((\${up%.*} * 100 + 1\${up#*.} - 100)); else clock=$((clock + 5)); fi
}
stop() {
  kill -TERM "-$1" 2>/dev/null
  tick
  deadline=$((clock + $2 / 10))
  while alive "$1"; do
    tick
    [ "$clock" -lt "$deadline" ] || break
    sleep 0.05
  done
  kill -KILL "-$1" 2>/dev/null
  tries=0
  while [ $tries -lt 40 ] && alive "$1"; do
    tries=$((tries + 1))
    sleep 0.05
  done
  [ -z "$3" ] || rm -f "$3"
}
while read -r verb pgid grace live; do
  case $pgid in '' | *[!0-9]*) continue ;; esac
  case $verb in
    watch)
      case $grace in '' | *[!0-9]*) grace=0 ;; esac
      watched="$watched$pgid $grace $live$nl"
      ;;
    forget) forget "$pgid" ;;
  esac
done
while [ -n "$watched" ]; do
  entry=\${watched%%"$nl"*} watched=\${watched#*"$nl"}
  pgid=\${entry%% *} rest=\${entry#* }
  stop "$pgid" "\${rest%% *}" "\${rest#* }" &
done
wait
`;

/** The argv that starts a watchdog: its commands come on stdin. */
export const WATCHDOG_COMMAND: readonly string[] = ['/bin/sh', '-c', SCRIPT, 'shipit-watchdog'];
