# Dashboard load benchmark (issue #5). Included from tests/bench/CMakeLists.txt.
# Time from DashboardView::setDashboard() to panelsPainted() for 12 panels over 30 days of 100 one-minute series,
# against raw-tier loading without decimation in the same run; idle CPU and RSS with five dashboards open.
add_executable(bench_dashboard bench_dashboard.cpp)
target_link_libraries(bench_dashboard PRIVATE stackscope::compile_policy stackscope::desktop stackscope::test_support)
add_test(NAME bench_dashboard_smoke COMMAND bench_dashboard --quick)
set_tests_properties(bench_dashboard_smoke PROPERTIES
    LABELS bench TIMEOUT 300
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=stackscope.*.debug=false;stackscope.*.info=false")
