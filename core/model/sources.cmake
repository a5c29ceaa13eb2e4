target_sources(stackscope_core PRIVATE
    model/sample.h
    model/serviceconfig.h
)
