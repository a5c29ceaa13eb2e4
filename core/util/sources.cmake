target_sources(stackscope_core PRIVATE
    util/clock.cpp util/clock.h
    util/error.cpp util/error.h
    util/guiguard.cpp
    util/logging.cpp util/logging.h
    util/timeparse.cpp util/timeparse.h
    util/result.h
)
