# GUI tests of app/desktop/navigation. Included from tests/app/CMakeLists.txt.
