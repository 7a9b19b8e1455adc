#include "core/contest/draw.hpp"

#include <numeric>

#include "core/platform/random.hpp"

namespace skb::core {

std::vector<size_t> draw_order(size_t n, std::string_view seed) {
  // FNV-1a folds the seed text into 64 bits; SplitMix64 then gives a well-mixed stream.
  std::uint64_t state = 0xcbf29ce484222325ULL;
  for (unsigned char c : seed) state = (state ^ c) * 0x100000001b3ULL;
  SplitMix64 random(state);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[random.next() % i]);
  return order;
}

}  // namespace skb::core
