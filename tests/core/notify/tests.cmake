# Tests of core/notify. Included from tests/core/CMakeLists.txt.
stackscope_add_test(NAME tst_notifystore SOURCES notify/tst_notifystore.cpp LABELS core notify)
stackscope_add_test(NAME tst_notifyformat SOURCES notify/tst_notifyformat.cpp LIBS PkgConfig::CURL LABELS core notify)
stackscope_add_test(NAME tst_notifydispatch SOURCES notify/tst_notifydispatch.cpp LABELS core notify)
# Real SMTP servers (aiosmtpd, started by the test on free loopback ports).
stackscope_add_test(NAME tst_notifysmtp SOURCES notify/tst_notifysmtp.cpp LABELS integration notify smtp TIMEOUT 240)
target_compile_definitions(tst_notifysmtp PRIVATE STACKSCOPE_NOTIFY_TEST_DIR="${CMAKE_CURRENT_SOURCE_DIR}/notify")
# A real notification server (dunst) in a private session; then the same test with no server at all.
find_program(STACKSCOPE_BASH bash REQUIRED)
stackscope_add_test(NAME tst_notifydesktop SOURCES notify/tst_notifydesktop.cpp LIBS Qt6::DBus
    LABELS integration notify desktop
    WRAPPER ${STACKSCOPE_BASH} ${PROJECT_SOURCE_DIR}/tests/with-desktop.sh
    TIMEOUT 120)
add_test(NAME tst_notifydesktop_noserver
    COMMAND ${STACKSCOPE_BASH} ${PROJECT_SOURCE_DIR}/tests/with-desktop.sh $<TARGET_FILE:tst_notifydesktop>)
set_tests_properties(tst_notifydesktop_noserver PROPERTIES
    ENVIRONMENT "WITH_DESKTOP_NO_X=1;STACKSCOPE_EXPECT_NO_NOTIFICATION_SERVER=1;QT_LOGGING_RULES=stackscope.*.debug=false"
    TIMEOUT 120 LABELS "integration;notify;desktop")
