#pragma once
// 抽签: a seeded, reproducible draw. The same seed gives the same order on every machine, so a draw
// recorded with its seed can be re-run by anyone to check it.
#include <cstdint>
#include <string_view>
#include <vector>

namespace skb::core {

// A permutation of 0..n-1 (Fisher–Yates driven by SplitMix64 seeded from the text).
std::vector<size_t> draw_order(size_t n, std::string_view seed);

}  // namespace skb::core
