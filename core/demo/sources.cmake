target_sources(stackscope_core PRIVATE
    demo/demodata.cpp demo/demodata.h
    demo/demoinfra.cpp
    demo/demometrics.cpp
    demo/demoproduct.cpp
    demo/demoprometheus.cpp
    demo/demorules.cpp
    demo/demosaas.cpp
    demo/demoshape.cpp demo/demoshape.h
)
