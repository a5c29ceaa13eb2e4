# Network layer unit tests (included from tests/core/CMakeLists.txt). They talk only to LocalHttpServer on
# 127.0.0.1; nothing here reaches the internet.
stackscope_add_test(NAME tst_httpclient SOURCES tst_httpclient.cpp LABELS core net TIMEOUT 120)
