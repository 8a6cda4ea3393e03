# Sourced by bin/liftoff and .ci/run: find_jdk prints the home of a JDK 21 or newer, preferring JAVA_HOME,
# then the java on PATH, then the newest under the usual install directories.

# Prints the feature version of the JDK at $1 (e.g. 25), from its release file, or nothing.
jdk_version() {
  local release="$1/release"
  [ -f "$release" ] && [ -x "$1/bin/java" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

find_jdk() {
  local candidate version best="" best_version=0
  if [ -n "${JAVA_HOME:-}" ]; then
    version="$(jdk_version "$JAVA_HOME")"
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    version="$(jdk_version "$candidate")"
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then echo "$candidate"; return; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] || continue
    version="$(jdk_version "$candidate")"
    if [ -n "$version" ] && [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"; best_version="$version"
    fi
  done
  [ -n "$best" ] && echo "$best"
}
