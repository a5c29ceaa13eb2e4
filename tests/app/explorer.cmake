# GUI tests of app/desktop/explorer. Included from tests/app/CMakeLists.txt.
