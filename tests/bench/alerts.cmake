# Alert evaluation benchmark (issue #6). Included from tests/bench/CMakeLists.txt.
