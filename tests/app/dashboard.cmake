# GUI tests of app/desktop/dashboard. Included from tests/app/CMakeLists.txt.
# tst_dashboard writes review screenshots into $STACKSCOPE_SCREENSHOT_DIR when that variable is set.
stackscope_add_test(NAME tst_dashboardlayout SOURCES tst_dashboardlayout.cpp LIBS stackscope::desktop LABELS app)
stackscope_add_test(NAME tst_dashboard SOURCES tst_dashboard.cpp LIBS stackscope::desktop LABELS app GUI TIMEOUT 600)
