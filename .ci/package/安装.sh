#!/bin/sh
# 把支部台账装到本用户的 ~/.local：程序、应用菜单项和图标。不需要管理员权限。
set -e
cd "$(dirname "$0")"
mkdir -p "$HOME/.local/bin" "$HOME/.local/share/applications" "$HOME/.local/share/icons/hicolor/256x256/apps"
install -m 755 zhibu "$HOME/.local/bin/zhibu"
sed "s|^Exec=zhibu|Exec=$HOME/.local/bin/zhibu|" zhibu.desktop > "$HOME/.local/share/applications/zhibu.desktop"
install -m 644 zhibu.png "$HOME/.local/share/icons/hicolor/256x256/apps/zhibu.png"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$HOME/.local/share/applications" || true
echo "已安装：$HOME/.local/bin/zhibu（应用菜单：支部台账）"
