# Chart drawing benchmarks (issue #5). Included from tests/bench/CMakeLists.txt.

# Draw time of a 1,000,000-point series: TimeSeriesChartView (decimated on its worker) against all points in
# Qt Charts and against QCustomPlot. QCustomPlot (Debian: libqcustomplot-dev, Qt 6 library QCustomPlotQt6) is
# linked into this benchmark only, and only when present; without it the benchmark says it skipped (c).
add_executable(bench_charts bench_charts.cpp)
target_link_libraries(bench_charts PRIVATE stackscope::compile_policy stackscope::charts)
find_library(STACKSCOPE_QCUSTOMPLOT_QT6_LIBRARY NAMES QCustomPlotQt6 qcustomplot-qt6)
find_path(STACKSCOPE_QCUSTOMPLOT_INCLUDE_DIR qcustomplot.h)
find_package(Qt6 QUIET COMPONENTS PrintSupport)
if(STACKSCOPE_QCUSTOMPLOT_QT6_LIBRARY AND STACKSCOPE_QCUSTOMPLOT_INCLUDE_DIR AND TARGET Qt6::PrintSupport)
    target_compile_definitions(bench_charts PRIVATE STACKSCOPE_HAVE_QCUSTOMPLOT QCUSTOMPLOT_USE_LIBRARY)
    target_include_directories(bench_charts SYSTEM PRIVATE ${STACKSCOPE_QCUSTOMPLOT_INCLUDE_DIR})
    target_link_libraries(bench_charts PRIVATE ${STACKSCOPE_QCUSTOMPLOT_QT6_LIBRARY} Qt6::PrintSupport)
else()
    message(STATUS "QCustomPlot (Qt 6) not found: bench_charts will skip its QCustomPlot comparison")
endif()
add_test(NAME bench_charts_smoke COMMAND bench_charts --quick)
set_tests_properties(bench_charts_smoke PROPERTIES LABELS bench TIMEOUT 300 ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
