# GUI tests of app/desktop/alerts. Included from tests/app/CMakeLists.txt.
# Both write review screenshots (alerts*.png, rule-editor.png, channels.png) into $STACKSCOPE_SCREENSHOT_DIR when set.
stackscope_add_test(NAME tst_alerts SOURCES tst_alerts.cpp LIBS stackscope::desktop LABELS app GUI TIMEOUT 600)
stackscope_add_test(NAME tst_alertsconfig SOURCES tst_alertsconfig.cpp LIBS stackscope::desktop LABELS app GUI
                    TIMEOUT 600)
