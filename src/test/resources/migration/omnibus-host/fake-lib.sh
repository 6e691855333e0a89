# Shared by the fake Omnibus commands. @STATE@ is replaced by the fixture's state directory when the
# scripts are installed, so they work whatever PATH or environment the SSH session has.
STATE='@STATE@'
US=$(printf '\037')

# Appends this call's argv to calls.log: arguments separated by US (0x1f), one call per line, in a
# single write so concurrent calls do not interleave.
record() {
  line=""
  for argument in "$@"; do line="$line$argument$US"; done
  printf '%s\n' "$line" >> "$STATE/calls.log"
}

# Applies a one-shot switch set by the test: for "$1 $2" (program and first argument) first, then
# for the program alone. A switch may hang (bounded) and then fail with an exit code and a message.
# Taking it with mv is atomic, so exactly one call consumes it.
apply_switch() {
  for name in "$1@$2" "$1"; do
    [ "$name" = "$1@" ] && continue
    switch="$STATE/switches/$name"
    [ -d "$switch" ] || continue
    taken="$switch.taken.$$"
    mv "$switch" "$taken" 2>/dev/null || continue
    if [ -f "$taken/hang-tenths" ]; then
      tenths=$(cat "$taken/hang-tenths")
      while [ "$tenths" -gt 0 ]; do
        # The fixture's reset or close removes the switch: stop at once, doing nothing.
        [ -d "$taken" ] || exit 143
        sleep 0.1
        tenths=$((tenths - 1))
      done
    fi
    [ -f "$taken/message" ] && cat "$taken/message" >&2
    code=0
    [ -f "$taken/exit" ] && code=$(cat "$taken/exit")
    rm -rf "$taken"
    [ "$code" -ne 0 ] && exit "$code"
    return 0
  done
}

# When the test switched it on (a file, not one-shot), prints the host's secrets as a careless
# command would: the JSON as it is, then with its \n escapes as line breaks (PEM keys line by line).
print_secrets() {
  [ -f "$STATE/switches/print-secrets" ] || return 0
  cat /etc/gitlab/gitlab-secrets.json
  echo
  sed 's/\\n/\n/g' /etc/gitlab/gitlab-secrets.json
}

stamp() {
  date -u '+%Y-%m-%d %H:%M:%S UTC -- '
}
