# GUI tests of app/desktop/alerts. Included from tests/app/CMakeLists.txt.
