#!/bin/sh
# setup.sh build|test|bench - installs what bienphong needs and is missing.
#
# Debian packages are installed with apt-get when run as root; otherwise
# the missing ones are listed with the command to install them. The web
# UI's libraries (Preact, htm) and the browser-test driver (playwright-core)
# come from npm, pinned by the package-lock.json files.
set -eu
cd "$(dirname "$0")/.."
what=${1:-build}

pkgs="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libssl-dev libpq-dev libexpat1-dev libxlsxwriter-dev nodejs npm"
case "$what" in
	test) pkgs="$pkgs libcmocka-dev chromium sqlite3 curl postgresql gdal-bin unzip libreoffice-calc" ;;
	bench) pkgs="$pkgs wrk sqlite3 curl postgresql jq time" ;;
esac

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
# node and npm may come from elsewhere than Debian's packages.
case "$missing" in *nodejs*|*npm*)
	if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
		missing=$(echo "$missing" | sed 's/ nodejs//; s/ npm//')
	fi ;;
esac

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "setup: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
	else
		echo "setup: missing Debian packages:$missing" >&2
		echo "setup: install them with: sudo apt-get install$missing" >&2
		exit 1
	fi
fi

# npm ci when node_modules is missing or older than its lock file.
npm_ci() {
	dir=$1
	stamp="$dir/node_modules/.bienphong-lock"
	if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
		echo "setup: npm ci in $dir"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
		cp "$dir/package-lock.json" "$stamp"
	fi
}
npm_ci web
[ "$what" = test ] && npm_ci tests
exit 0
