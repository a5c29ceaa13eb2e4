# Tests of core/alerts. Included from tests/core/CMakeLists.txt.
