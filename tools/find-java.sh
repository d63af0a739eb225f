# Sourced by ./ike4j and bench/run: find_java prints the newest java binary of at least
# version $1 found in $JAVA_HOME, on the PATH or in the usual install folders, or nothing.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

find_java() {
    local min="$1" candidates=() best="" best_major=0 c m
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
    command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
    for c in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java /opt/*/bin/java \
             "$HOME"/.jdks/*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java \
             /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
        [[ -x "$c" ]] && candidates+=("$c")
    done
    for c in "${candidates[@]}"; do
        m="$(java_major "$c")"
        if [[ -n "$m" && "$m" -ge "$min" && "$m" -gt "$best_major" ]]; then
            best="$c"; best_major="$m"
        fi
    done
    [[ -n "$best" ]] && echo "$best"
}
