# The demo workspace's data generator (core/demo). Included from tests/core/CMakeLists.txt.
stackscope_add_test(NAME tst_demodata SOURCES tst_demodata.cpp demohistory.h LABELS core)
stackscope_add_test(NAME tst_democatalogue SOURCES tst_democatalogue.cpp demohistory.h LIBS stackscope::connectors LABELS core)
