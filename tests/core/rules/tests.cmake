# Tests of core/rules. Included from tests/core/CMakeLists.txt.
stackscope_add_test(NAME tst_rules_json SOURCES rules/tst_rules_json.cpp LABELS core)
stackscope_add_test(NAME tst_ruleevaluator SOURCES rules/tst_ruleevaluator.cpp LABELS core)
