# Tests of core/notify. Included from tests/core/CMakeLists.txt.
