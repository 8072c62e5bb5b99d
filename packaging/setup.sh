#!/usr/bin/env bash
# One command per purpose on a fresh Debian/Ubuntu machine with Python 3.11:
#
#   bash packaging/setup.sh run  [tryggapp arguments]   set up, then start the program
#   bash packaging/setup.sh test [pytest arguments]     set up, then run every check and test
#                                                       (with no arguments, then print the speed
#                                                       ratios: benchmarks/bench_ratios.py --quick)
#                                  (TRYGGAPP_SKIP_FROZEN=1: without the frozen build;
#                                   TRYGGAPP_TEST_WORKERS=N: pytest processes, default auto)
#
# Set-up is idempotent: it installs the apt libraries Qt needs when they are missing,
# makes .venv, installs the package with its extras (pinned by packaging/constraints.txt)
# when pyproject.toml or the constraints changed, and
# compiles the translation catalogs.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
MODE=${1:-}
[ $# -gt 0 ] && shift

# Libraries PySide6 needs on a bare Debian (measured in a minimal Debian 12 debootstrap:
# without the first set even `import PySide6.QtWidgets` fails on libGL.so.1): offscreen
# needs the first set, a real window also the xcb set; poppler-utils renders/reads the PDF
# reports in tests; binutils (objdump, strip) is what PyInstaller needs for the frozen build.
APT_QT="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0"
APT_WINDOW="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
APT_TEST="poppler-utils libreoffice-calc-nogui binutils postgresql postgresql-client"  # pdftoppm; soffice for the Excel/ODS round-trip tests; the throwaway PostgreSQL of the team-database tests (tests/postgres.py)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Phase timing for the test command: `phase NAME` ends the running phase and starts NAME;
# the table printed on exit (also after a failure) shows CI's log where the time went.
PHASE_NAME=""
PHASE_START=0
PHASE_TIMES=()
RUN_START=$(date +%s)
phase() {
    local now
    now=$(date +%s)
    [ -n "$PHASE_NAME" ] && PHASE_TIMES+=("$(printf '%5d s  %s' $((now - PHASE_START)) "$PHASE_NAME")")
    PHASE_NAME=$1
    PHASE_START=$now
    if [ -n "$1" ]; then say "$1"; fi
}
phase_report() {
    local status=$?
    phase ""
    printf '\033[1m==> time per phase (exit %s)\033[0m\n' "$status"
    printf '%s\n' "${PHASE_TIMES[@]}"
    printf '%5d s  total\n' $(($(date +%s) - RUN_START))
}

python_cmd() {
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    echo "Tryggapp needs Python 3.11 or newer (apt-get install python3.11)." >&2
    return 1
}

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing system libraries: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup() {
    local extra_apt=$1
    local py
    py=$(python_cmd)
    if command -v dpkg-query >/dev/null 2>&1; then
        # shellcheck disable=SC2086
        apt_install $APT_QT $extra_apt
        "$py" -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
    fi
    # A venv from before the PySide6 6.11 pin holds PySide6-Pdf 6.12, whose files overlap
    # PySide6's own: no pip command untangles that, so start that venv afresh.
    if [ -d "$VENV" ] && ls "$VENV"/lib/python3*/site-packages/ 2>/dev/null | grep -qi '^pyside6_pdf'; then
        say "Rebuilding .venv (stale PySide6-Pdf 6.12)"
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating $VENV"
        "$py" -m venv "$VENV"
    fi
    local stamp="$VENV/.tryggapp-installed"
    local want
    want=$(cat pyproject.toml packaging/constraints.txt | sha256sum | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        say "Installing Tryggapp and its dependencies into .venv (versions: packaging/constraints.txt)"
        "$VENV/bin/python" -m pip install -q --upgrade pip
        # -c: the exact versions the tests and the installer were made with (packaging/lock.py).
        "$VENV/bin/python" -m pip install -q -c packaging/constraints.txt -e ".[dev]"
        echo "$want" > "$stamp"
    fi
    say "Compiling translations"
    "$VENV/bin/python" packaging/i18n.py compile
}

case "$MODE" in
    run)
        setup "$APT_WINDOW"
        exec "$VENV/bin/tryggapp" "$@"
        ;;
    test)
        trap phase_report EXIT
        phase "set-up"
        setup "$APT_TEST"
        export QT_QPA_PLATFORM=offscreen
        phase "ruff"
        "$VENV/bin/ruff" check src tests benchmarks packaging
        phase "import-linter (layers)"
        "$VENV/bin/lint-imports"
        frozen_pid=""
        frozen_log="$ROOT/build/frozen.log"
        if [ "${TRYGGAPP_SKIP_FROZEN:-}" != "1" ]; then
            # The frozen program as the installer ships it: wheel -> fresh venv -> PyInstaller
            # (packaging/tryggapp.spec), then demo, a Swedish report with embedded fonts and
            # the window started offscreen, run from the bundle (packaging/check_frozen.py).
            # It runs in the background, beside pytest: PyInstaller works on one core, and
            # run before pytest it left the second one idle for its ~90 s. No test reads
            # build/release; its output is printed whole when it is joined, below.
            say "frozen build (PyInstaller one-folder) and its check: in the background, log $frozen_log"
            rm -rf build/release
            mkdir -p build
            (
                set -e
                start=$(date +%s)
                "$VENV/bin/python" packaging/build.py frozen --out build/release
                echo "==> frozen build: $(($(date +%s) - start)) s"
                start=$(date +%s)
                "$VENV/bin/python" packaging/check_frozen.py build/release/dist/tryggapp
                echo "==> frozen build check: $(($(date +%s) - start)) s"
            ) >"$frozen_log" 2>&1 &
            frozen_pid=$!
        fi
        pytest_status=0
        if [ $# -eq 0 ]; then
            # The whole suite on every core (pytest-xdist; README "Tests"): worksteal
            # rebalances when one process draws the slow files. --durations: the slowest
            # tests in CI's log.
            phase "pytest (${TRYGGAPP_TEST_WORKERS:-auto} processes)"
            "$VENV/bin/python" -m pytest -q -p no:cacheprovider -n "${TRYGGAPP_TEST_WORKERS:-auto}" \
                --dist worksteal --durations=15 || pytest_status=$?
        else
            phase "pytest $*"
            "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@" || pytest_status=$?
        fi
        if [ -n "$frozen_pid" ]; then
            phase "frozen build and check (waiting for the background job)"
            frozen_status=0
            wait "$frozen_pid" || frozen_status=$?
            frozen_pid=""
            cat "$frozen_log"
            while IFS= read -r line; do PHASE_TIMES+=("        ${line#==> }"); done \
                < <(grep '^==> frozen' "$frozen_log")
            if [ "$frozen_status" -ne 0 ]; then
                echo "The frozen build or its check failed (exit $frozen_status): see above." >&2
                exit "$frozen_status"
            fi
        fi
        [ "$pytest_status" -eq 0 ] || exit "$pytest_status"
        if [ $# -eq 0 ]; then  # the full run (CI): the speed figures, after the tests
            phase "benchmarks (quick; figures only, never fail the run)"
            timeout 300 "$VENV/bin/python" benchmarks/bench_ratios.py --quick \
                || echo "benchmarks did not finish (not a test failure)"
        fi
        ;;
    *)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
