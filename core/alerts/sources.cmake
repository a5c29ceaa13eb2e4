# Alert lifecycle, noise control, built-in alerts and the alert engine. Included from core/CMakeLists.txt.
target_sources(stackscope_core PRIVATE
)
