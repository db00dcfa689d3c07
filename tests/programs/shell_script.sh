# Run by Debian's static busybox sh on Linux and on the Astra kernel (tests/kernel/proc_test.c):
# pipelines, command substitution, subshells, loops, redirections and exit statuses.
echo start
x=$(echo sub | tr a-z A-Z)
echo "command substitution: $x"
echo one two three | wc -w
for i in 1 2 3; do echo "loop $i"; done
(exit 3); echo "status $?"
( echo in a subshell; exit 4 ); echo "subshell status $?"
f=/tmp/shell-script-$$
echo redirected > "$f"; cat "$f"; echo appended >> "$f"; wc -l < "$f"; rm -f "$f"
seq 1 5 | tail -n 2 | sort -r
if test -d /tmp; then echo test ok; fi
false || echo "or works"
true && echo "and works"
n=0; while [ $n -lt 3 ]; do n=$((n + 1)); done; echo "arithmetic $n"
case "$x" in S*) echo "case matched";; esac
sh -c 'exit 7'; echo "child shell status $?"
echo "$(echo nested $(echo deeper))"
exec 3> "$f"; echo "to fd 3" >&3; exec 3>&-; cat "$f"; rm -f "$f"
echo done
exit 5
