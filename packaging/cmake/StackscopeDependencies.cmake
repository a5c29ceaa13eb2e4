# Third-party dependencies, all from Debian packages (see docs/DEPENDENCIES.md).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
find_package(Qt6Keychain 0.13 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
set_package_properties(Qt6Keychain PROPERTIES TYPE REQUIRED PURPOSE "database key and credentials in the OS keychain")
set_package_properties(nlohmann_json PROPERTIES TYPE REQUIRED PURPOSE "JSON parsing of API responses and imports")
