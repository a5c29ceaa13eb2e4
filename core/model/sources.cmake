target_sources(stackscope_core PRIVATE
    model/sample.h
)
