#!/usr/bin/env bash
# Times reading series in each layout with JMH (core/src/test/java/org/distinct/bench/SeriesReadBenchmark.java): the twelve
# demo song workbooks (xlsx and csv), the same sequences as a long csv and as a UCR file; prints the median per read
# and per million cells, then one cold read and the retained heap per layout.
# Usage: bench/run-read.sh        (env BUILD_DIR=core/target by default; JMH_ARGS to override JMH options, e.g. "-wi 1 -i 1")
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests test-compile
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
java -Xmx2g -cp "$CP" org.distinct.bench.SeriesReadBenchmark | tee "$BUILD_DIR/read-cells.txt"
java -cp "$CP" org.openjdk.jmh.Main SeriesReadBenchmark -rf json -rff "$BUILD_DIR/jmh-read.json" ${JMH_ARGS:-} 2>&1 | tail -25
python3 - "$BUILD_DIR/jmh-read.json" "$BUILD_DIR/read-cells.txt" <<'PY'
import json, re, sys
cells = {}
for line in open(sys.argv[2]):
    m = re.match(r"(\w+) cells=(\d+)", line)
    if m: cells[m.group(1)] = int(m.group(2))
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    med = r["primaryMetric"]["scorePercentiles"]["50.0"]
    print(f"{name:11s} median {med:8.1f} ms per read, {cells[name]:>9,d} cells, {med / 1000 / (cells[name] / 1e6):.3f} s per million cells")
PY
