#include "core/draw.hpp"

#include <numeric>

namespace skb::core {

std::vector<size_t> draw_order(size_t n, std::string_view seed) {
  // FNV-1a folds the seed text into 64 bits; SplitMix64 then gives a well-mixed stream.
  std::uint64_t state = 0xcbf29ce484222325ULL;
  for (unsigned char c : seed) state = (state ^ c) * 0x100000001b3ULL;
  auto next = [&state] {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[next() % i]);
  return order;
}

}  // namespace skb::core
