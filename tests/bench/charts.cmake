# Chart drawing benchmarks (issue #5). Included from tests/bench/CMakeLists.txt.
