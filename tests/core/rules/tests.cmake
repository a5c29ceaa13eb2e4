# Tests of core/rules. Included from tests/core/CMakeLists.txt.
