# Secrets layer unit tests (included from tests/core/CMakeLists.txt). The real keychain is exercised only by the
# integration tests in tests/integration.
stackscope_add_test(NAME tst_keyfile SOURCES tst_keyfile.cpp LABELS core secrets)
