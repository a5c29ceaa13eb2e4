# Alert evaluation benchmark (issue #6). Included from tests/bench/CMakeLists.txt.
# 1,000 rules over a month of 1-minute data: gather and evaluate per cycle against plain reads of the same
# windows. Smoke run at small sizes so it cannot rot; it asserts nothing about time.
add_executable(bench_alerts bench_alerts.cpp)
target_link_libraries(bench_alerts PRIVATE stackscope::compile_policy stackscope::core stackscope::test_support)
add_test(NAME bench_alerts_smoke COMMAND bench_alerts --quick)
set_tests_properties(bench_alerts_smoke PROPERTIES
    LABELS bench TIMEOUT 300 ENVIRONMENT "QT_LOGGING_RULES=stackscope.*.debug=false;stackscope.*.info=false")
