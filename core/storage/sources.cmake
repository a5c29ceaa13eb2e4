target_sources(stackscope_core PRIVATE
    storage/aggregate.h
    storage/bitreader.h storage/bitwriter.h storage/bytereader.h storage/varint.h
    storage/chunkcodec.cpp storage/chunkcodec.h
    storage/database.cpp storage/database.h
    storage/maintenance.cpp storage/maintenance.h
    storage/metricstore.cpp storage/metricstore.h
    storage/migrations.cpp storage/migrations.h
    storage/schema_v4_dashboards.h storage/schema_v5_alerts.h storage/schema_v6_channels.h
    storage/minutetier.cpp storage/minutetier.h
    storage/query.cpp storage/query.h
    storage/queryengine.cpp storage/queryengine.h
    storage/rawtier.cpp storage/rawtier.h
    storage/retentionbook.cpp storage/retentionbook.h
    storage/rolluptables.cpp storage/rolluptables.h
    storage/samplewriter.cpp storage/samplewriter.h
    storage/sealedsecrets.cpp storage/sealedsecrets.h
    storage/projectrepository.cpp storage/projectrepository.h
    storage/servicerepository.cpp storage/servicerepository.h
    storage/seriescatalog.cpp storage/seriescatalog.h
    storage/storeservice.cpp storage/storeservice.h
    storage/storeworker.cpp storage/storeworker.h
    storage/tier.cpp storage/tier.h
    storage/workspace.cpp storage/workspace.h
)
