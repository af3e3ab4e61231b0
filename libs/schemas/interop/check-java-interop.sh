#!/usr/bin/env bash
# Checks tmrm's single-object records against Apache Avro for Java, an implementation
# independent of avsc: Java reads each record type with BinaryMessageDecoder (fingerprint lookup
# in a SchemaStore), prints its own CRC-64-AVRO fingerprints, and writes the records back; the
# bytes must equal tmrm's. Needs a JDK 17+ and Maven (as the local broker does). Run from the
# repository root: bash libs/schemas/interop/check-java-interop.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath"
npx tsx "$here/write-samples.ts" --write "$work/tmrm"
mkdir -p "$work/java"
java -cp "$(cat "$work/classpath")" "$here/JavaInterop.java" "$here/../avro" "$work/tmrm" "$work/java"
npx tsx "$here/write-samples.ts" --verify "$work/java"
