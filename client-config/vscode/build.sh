#!/bin/sh
# Build derivlint-<version>.vsix from this folder: ./build.sh
#
# Needs Node >= 20 and npm. @vscode/vsce is pinned to 3.9.2 in package.json:
# it is the newest release that runs on Node 20 (vsce 3.8.1 and 4.x declare
# Node >= 22). On Node >= 22 a newer vsce works too: `npx @vscode/vsce@^4 package`.
set -eu
cd "$(dirname "$0")"

version=$(node -p 'require("./package.json").version')
npm install --no-audit --no-fund
# --no: use the vsce pinned in devDependencies, never download another one.
npx --no -- vsce package --out "derivlint-$version.vsix"
echo "built $(pwd)/derivlint-$version.vsix"
