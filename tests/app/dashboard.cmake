# GUI tests of app/desktop/dashboard. Included from tests/app/CMakeLists.txt.
