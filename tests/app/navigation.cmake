# GUI tests of app/desktop/navigation and the main window around it. Included from tests/app/CMakeLists.txt.
stackscope_add_test(NAME tst_navigation SOURCES tst_navigation.cpp LIBS stackscope::desktop LABELS app GUI TIMEOUT 600)
