# Tests of core/dashboard. Included from tests/core/CMakeLists.txt.
