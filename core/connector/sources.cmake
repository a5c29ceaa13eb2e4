target_sources(stackscope_core PRIVATE
    connector/connector.h
    connector/connectorinfo.h
    connector/connectorregistry.cpp connector/connectorregistry.h
    connector/healthrecorder.cpp connector/healthrecorder.h
    connector/pollingengine.cpp connector/pollingengine.h
    connector/pollscheduler.cpp connector/pollscheduler.h
    connector/requestbudget.cpp connector/requestbudget.h
    connector/servicesession.cpp connector/servicesession.h
)
