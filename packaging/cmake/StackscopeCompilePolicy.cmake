# One INTERFACE target carries the compile policy every Stackscope target links.
add_library(stackscope_compile_policy INTERFACE)
add_library(stackscope::compile_policy ALIAS stackscope_compile_policy)

target_compile_features(stackscope_compile_policy INTERFACE cxx_std_20)
target_compile_definitions(stackscope_compile_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(stackscope_compile_policy INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(STACKSCOPE_WERROR)
        target_compile_options(stackscope_compile_policy INTERFACE -Werror)
    endif()
    if(STACKSCOPE_SANITIZERS)
        list(JOIN STACKSCOPE_SANITIZERS "," _stackscope_san)
        target_compile_options(stackscope_compile_policy INTERFACE
            -fsanitize=${_stackscope_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
        target_link_options(stackscope_compile_policy INTERFACE -fsanitize=${_stackscope_san})
    endif()
elseif(MSVC)
    target_compile_options(stackscope_compile_policy INTERFACE /W4 /permissive- /utf-8)
    if(STACKSCOPE_WERROR)
        target_compile_options(stackscope_compile_policy INTERFACE /WX)
    endif()
endif()
