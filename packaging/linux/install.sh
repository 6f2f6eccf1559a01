#!/bin/sh
# Installs an unpacked authoring folder (the Linux build) with its menu entry, icon and course file
# type.  Run it from the unpacked folder:
#
#   ./install.sh              for you only: ~/.local/lib/authoring, ~/.local/bin, ~/.local/share
#   sudo ./install.sh --system    for everyone: /opt/authoring, /usr/local/bin, /usr/local/share
#   ./install.sh --uninstall  (add --system for a system install) removes it again
#
# Your courses are never touched.  Set DESTDIR to stage the files elsewhere (for distribution packages).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
app_id=io.github.authoring.Authoring
system=no
uninstall=no
for arg in "$@"; do
  case $arg in
    --system) system=yes ;;
    --uninstall) uninstall=yes ;;
    *) echo "install.sh: unknown option '$arg'; use --system and/or --uninstall" >&2; exit 2 ;;
  esac
done

if [ "$system" = yes ]; then
  lib=/opt/authoring; bin=/usr/local/bin; share=/usr/local/share
else
  lib="$HOME/.local/lib/authoring"; bin="$HOME/.local/bin"; share="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
dest=${DESTDIR:-}

files="applications/$app_id.desktop metainfo/$app_id.metainfo.xml mime/packages/$app_id.mime.xml
       icons/hicolor/scalable/apps/$app_id.svg"
for size in 16 24 32 48 64 128 256 512; do files="$files icons/hicolor/${size}x$size/apps/$app_id.png"; done

refresh() {
  # Tell the desktop about the change; each tool is optional, and missing ones only delay it.
  [ -n "$dest" ] && return 0
  if command -v update-mime-database >/dev/null; then update-mime-database "$share/mime" >/dev/null || true; fi
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$share/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t -f "$share/icons/hicolor" || true; fi
}

if [ "$uninstall" = yes ]; then
  for file in $files; do rm -f "$dest$share/$file"; done
  rm -f "$dest$bin/authoring"
  rm -rf "$dest$lib"
  refresh
  echo "Removed authoring from $lib."
  exit 0
fi

if [ ! -x "$here/authoring" ] || [ ! -d "$here/_internal/share" ]; then
  echo "install.sh: run me from the unpacked authoring folder (it has 'authoring' and '_internal')" >&2
  exit 1
fi

if [ "$here" != "$dest$lib" ]; then
  rm -rf "$dest$lib"
  mkdir -p "$dest$lib"
  cp -a "$here/." "$dest$lib/"
fi
mkdir -p "$dest$bin"
ln -sf "$lib/authoring" "$dest$bin/authoring"
for file in $files; do
  mkdir -p "$(dirname "$dest$share/$file")"
  cp "$here/_internal/share/$file" "$dest$share/$file"
done
# Menus do not always search ~/.local/bin, so the menu entry names the program by its full path.
sed -i "s|^Exec=authoring |Exec=$lib/authoring |; s|^TryExec=authoring\$|TryExec=$lib/authoring|" \
  "$dest$share/applications/$app_id.desktop"
refresh
echo "Installed authoring in $lib; run it from your menu, or as $bin/authoring."
