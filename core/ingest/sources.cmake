target_sources(stackscope_core PRIVATE
    ingest/ndjsonsampleparser.cpp ingest/ndjsonsampleparser.h
)
