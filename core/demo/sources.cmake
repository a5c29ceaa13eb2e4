target_sources(stackscope_core PRIVATE
    demo/demodata.cpp demo/demodata.h
)
