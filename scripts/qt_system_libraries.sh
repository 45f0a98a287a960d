#!/usr/bin/env bash
# Debian packages that Qt's xcb platform (the desk on a real X display) and QtMultimedia load.
# Qt's own error names only xcb-cursor when one is missing; `ldd` on PySide6's
# plugins/platforms/libqxcb.so lists them all. Sourced by scripts/demo.sh and scripts/test.sh.
QT_SYSTEM_LIBRARIES=(
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libx11-xcb1
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  libpulse0
)

# Install whichever of `$@` are missing (as root, or through sudo); no-op where apt is absent.
install_missing_debian_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || return 0
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "installing system libraries: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
