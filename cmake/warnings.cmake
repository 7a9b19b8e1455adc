# Warnings every target of ours gets; sanitizers and optimisation live in CMakePresets.json.
add_library(skb_warnings INTERFACE)
target_compile_options(skb_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports std::variant<…, std::string> moves inside initializer lists as maybe-uninitialized
  # at -O2 (a known false positive of its middle end); clang and the sanitizers check these paths.
  target_compile_options(skb_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
