#!/usr/bin/env bash
# Creates the skeleton of a new nx project in this workspace: package.json,
# project.json with its tags and targets, tsconfig.json and ava configs.
#
#   tools/scripts/new-project.sh DIR TYPE SCOPE [--integration]
#
#   DIR     libs/NAME or apps/NAME (the project and package are named NAME)
#   TYPE    app | feature | util
#   SCOPE   shared | maths | data | io | pipeline | eval | cli | tooling
#   --integration   also add the `integration` target for *.kafka.test.ts files
#
# Other projects import it as `@tmrm/NAME`: tsconfig.base.json maps that name to
# libs/NAME/src/index.ts, and nx reads the same mapping for its project graph.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,12p' "$0"; exit 2; }
dir=$1 type=$2 scope=$3 integ=${4:-}
name=$(basename "$dir")
[ -e "$dir/project.json" ] && { echo "$dir already is a project" >&2; exit 1; }
mkdir -p "$dir/src"

# ava takes the folder of the nearest package.json as its project folder, so each
# project has one. It is not an npm workspace: dependencies live at the root.
cat > "$dir/package.json" <<JSON
{
  "name": "@tmrm/$name",
  "private": true,
  "type": "module"
}
JSON

targets='"build": {}, "test": {}, "lint": {}'
[ "$integ" = --integration ] && targets="$targets, \"integration\": {}"
kind=library
[ "$type" = app ] && kind=application
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$kind",
  "tags": ["type:$type", "scope:$scope"],
  "targets": { $targets }
}
JSON

cat > "$dir/tsconfig.json" <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "include": ["src/**/*.ts"]
}
JSON

cat > "$dir/ava.config.mjs" <<'JS'
import { avaConfig, unitFiles } from '../../ava.config.base.mjs';

export default avaConfig({ files: unitFiles });
JS

if [ "$integ" = --integration ]; then
  cat > "$dir/ava.integration.config.mjs" <<'JS'
import { avaConfig, integrationFiles } from '../../ava.config.base.mjs';

export default avaConfig({ files: integrationFiles, timeout: '300s', serial: true });
JS
fi
echo "created $dir (@tmrm/$name, type:$type scope:$scope); add src/index.ts and a first test"
