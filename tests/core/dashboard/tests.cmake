# Tests of core/dashboard. Included from tests/core/CMakeLists.txt.
stackscope_add_test(NAME tst_dashboardspec SOURCES dashboard/tst_dashboardspec.cpp LABELS core)
stackscope_add_test(NAME tst_dashboardrepository SOURCES dashboard/tst_dashboardrepository.cpp LABELS core)
stackscope_add_test(NAME tst_projectrepository SOURCES dashboard/tst_projectrepository.cpp LABELS core)
# Links the connectors on purpose: the curated layouts name their metrics as strings, checked against the real catalogues.
stackscope_add_test(NAME tst_templates SOURCES dashboard/tst_templates.cpp LIBS stackscope::connectors LABELS core)
