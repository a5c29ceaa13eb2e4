target_sources(stackscope_core PRIVATE
    net/httpclient.cpp net/httpclient.h
    net/httpmessage.cpp net/httpmessage.h
)
