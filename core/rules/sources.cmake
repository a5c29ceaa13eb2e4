# Alert rules and their evaluation over the store's rollups. Included from core/CMakeLists.txt.
target_sources(stackscope_core PRIVATE
    rules/alertrule.cpp
    rules/alertrule.h
    rules/ruleduration.cpp
    rules/ruleduration.h
    rules/ruleevaluator.cpp
    rules/ruleevaluator.h
    rules/rulegather.cpp
    rules/rulejson.cpp
    rules/rulewindow.h
    rules/rulewording.cpp
    rules/rulewording.h
    rules/seasonalband.cpp
    rules/seasonalband.h
)
