# Dashboard load benchmark (issue #5). Included from tests/bench/CMakeLists.txt.
