# GUI tests of app/desktop/explorer. Included from tests/app/CMakeLists.txt.
# tst_explorer writes review screenshots (explorer*.png) into $STACKSCOPE_SCREENSHOT_DIR when that variable is set.
stackscope_add_test(NAME tst_explorer SOURCES tst_explorer.cpp LIBS stackscope::desktop LABELS app GUI TIMEOUT 600)
