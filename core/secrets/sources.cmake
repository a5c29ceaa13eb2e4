target_sources(stackscope_core PRIVATE
    secrets/keychainsecretstore.cpp secrets/keychainsecretstore.h
    secrets/keyfile.cpp secrets/keyfile.h
    secrets/securebytes.cpp secrets/securebytes.h
)
