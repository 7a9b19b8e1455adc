#include "core/contest/draw.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace skb::core;

TEST(Draw, IsAPermutationAndReproducibleFromItsSeed) {
  const auto a = draw_order(30, "2026-温州-焊工-7f3a");
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(sorted[i], i);
  EXPECT_EQ(a, draw_order(30, "2026-温州-焊工-7f3a"));
  EXPECT_NE(a, draw_order(30, "2026-温州-焊工-7f3b"));
}

TEST(Draw, KnownSeedGivesAKnownOrder) {
  // Pinned so that a change to the algorithm, which would change every recorded draw, cannot slip in.
  EXPECT_EQ(draw_order(6, "seed"), (std::vector<size_t>{3, 0, 1, 2, 4, 5}));
  EXPECT_EQ(draw_order(0, "x").size(), 0u);
  EXPECT_EQ(draw_order(1, "x"), std::vector<size_t>{0});
}
