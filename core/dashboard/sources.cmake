# Dashboards as data: specs, their JSON form, storage and templates. Included from core/CMakeLists.txt.
target_sources(stackscope_core PRIVATE
    dashboard/dashboardjsonreader.cpp
    dashboard/dashboardrepository.cpp
    dashboard/dashboardrepository.h
    dashboard/dashboardspec.cpp
    dashboard/dashboardspec.h
    dashboard/dashboardvalidation.cpp
    dashboard/scenariotemplates.cpp
    dashboard/servicetemplates.cpp
    dashboard/templatebuilder.cpp
    dashboard/templatebuilder.h
    dashboard/templates.h
)
