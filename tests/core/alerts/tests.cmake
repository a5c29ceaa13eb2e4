# Tests of core/alerts. Included from tests/core/CMakeLists.txt.
stackscope_add_test(NAME tst_alertlifecycle SOURCES alerts/tst_alertlifecycle.cpp LABELS core)
stackscope_add_test(NAME tst_alertnoise SOURCES alerts/tst_alertnoise.cpp LABELS core)
stackscope_add_test(NAME tst_alertrepository SOURCES alerts/tst_alertrepository.cpp LABELS core)
stackscope_add_test(NAME tst_alertcycle SOURCES alerts/tst_alertcycle.cpp alerts/alertworld.cpp alerts/alertworld.h LABELS core)
stackscope_add_test(NAME tst_alertengine SOURCES alerts/tst_alertengine.cpp alerts/alertworld.cpp alerts/alertworld.h LABELS core)
