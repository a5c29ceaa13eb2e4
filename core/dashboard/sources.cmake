# Dashboards as data: specs, their JSON form, storage and templates. Included from core/CMakeLists.txt.
target_sources(stackscope_core PRIVATE
    dashboard/dashboardrepository.h
    dashboard/dashboardspec.h
)
