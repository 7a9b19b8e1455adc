# Warnings every target of ours gets; sanitizers and optimisation live in CMakePresets.json.
add_library(skb_warnings INTERFACE)
target_compile_options(skb_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
