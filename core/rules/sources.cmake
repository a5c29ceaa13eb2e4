# Alert rules and their evaluation over the store's rollups. Included from core/CMakeLists.txt.
target_sources(stackscope_core PRIVATE
    rules/alertrule.h
    rules/ruleevaluator.h
)
