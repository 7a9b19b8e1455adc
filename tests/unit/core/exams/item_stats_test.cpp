#include "core/exams/item_stats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/platform/error.hpp"

using namespace skb::core;
using namespace skb::core::exam;

namespace {

bool flagged(const ItemStatistics& s, ItemFlag f) { return std::find(s.flags.begin(), s.flags.end(), f) != s.flags.end(); }

}  // namespace

TEST(ItemStats, HandComputedDichotomousPaper) {
  // Six candidates, four 1-mark items (rows: candidates A–F).
  //        i1 i2 i3 i4 | total
  //   A     1  1  1  1 |  4
  //   B     1  1  1  0 |  3
  //   C     1  1  0  1 |  3
  //   D     1  0  1  0 |  2
  //   E     1  0  0  0 |  1
  //   F     0  0  0  0 |  0
  const ItemScores data{{1, 1, 1, 1},
                        {{1, 1, 1, 1}, {1, 1, 1, 0}, {1, 1, 0, 1}, {1, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}}};
  const PaperStatistics s = item_statistics(data);
  EXPECT_EQ(s.candidates, 6);
  EXPECT_DOUBLE_EQ(s.mean_total, 13.0 / 6);
  // p = 5/6, 3/6, 3/6, 2/6.
  EXPECT_DOUBLE_EQ(*s.items[0].p, 5.0 / 6);
  EXPECT_DOUBLE_EQ(*s.items[1].p, 0.5);
  EXPECT_DOUBLE_EQ(*s.items[3].p, 2.0 / 6);

  // KR-20 = k/(k−1) (1 − Σpq / σ²): Σpq = (5 + 9 + 9 + 8)/36 = 31/36; totals 4,3,3,2,1,0 have
  // mean 13/6 and σ² = 39/6 − (13/6)² = 65/36; KR-20 = 4/3 × (1 − 31/65) = 136/195 ≈ 0.6974.
  ASSERT_TRUE(s.kr20);
  EXPECT_NEAR(*s.kr20, 136.0 / 195, 1e-12);
  ASSERT_TRUE(s.alpha);
  EXPECT_NEAR(*s.alpha, *s.kr20, 1e-12);  // equal marks, 0/1 items: alpha is KR-20

  // Point-biserial of i2 against the rest score (total − i2 = 3,2,2,2,1,0):
  // r = (M1 − M0)/s_rest × √(pq) with M1 = 7/3 (A–C), M0 = 1 (D–F), s_rest = √(8/9), √(pq) = 1/2
  //   = (4/3)/(2√2/3) × 1/2 = 1/√2.
  EXPECT_NEAR(*s.items[1].item_rest_r, 1 / std::sqrt(2.0), 1e-12);
  // i1: rest 3,2,2,1,0 | 0 → M1 = 8/5, M0 = 0, s_rest = √(11/9), √(pq) = √5/6 → r = 4√5/(5√11).
  EXPECT_NEAR(*s.items[0].item_rest_r, 4 * std::sqrt(5.0) / (5 * std::sqrt(11.0)), 1e-12);
  EXPECT_NEAR(*s.items[2].item_rest_r, 0.30151134457776363, 1e-12);  // 1/√11

  // 27% groups: round(0.27 × 6) = 2. Upper A, B (B before C: ties keep input order); lower F, E.
  EXPECT_EQ(s.group_size, 2);
  EXPECT_DOUBLE_EQ(*s.items[0].discrimination, 1 - 0.5);  // upper 1,1; lower 0,1
  EXPECT_DOUBLE_EQ(*s.items[1].discrimination, 1.0);
  EXPECT_DOUBLE_EQ(*s.items[3].discrimination, 0.5);      // upper 1,0; lower 0,0
  for (const auto& item : s.items) {
    EXPECT_TRUE(item.dichotomous);
    EXPECT_TRUE(item.flags.empty());
  }
}

TEST(ItemStats, FractionalItemsGetAlphaButNoKr20) {
  // Item maxima 2, 1, 1; the first item had a partial mark of 1 and 1.5.
  // Totals 4, 2, 0, 3.5: mean 9.5/4, σ² = 155/64. Item variances 35/64, 1/4, 3/16 (Σ = 63/64).
  // alpha = 3/2 × (1 − 63/155) = 138/155 ≈ 0.8903.
  const ItemScores data{{2, 1, 1}, {{2, 1, 1}, {1, 0, 1}, {0, 0, 0}, {1.5, 1, 1}}};
  const PaperStatistics s = item_statistics(data);
  EXPECT_FALSE(s.kr20);
  ASSERT_TRUE(s.alpha);
  EXPECT_NEAR(*s.alpha, 138.0 / 155, 1e-12);
  EXPECT_FALSE(s.items[0].dichotomous);
  EXPECT_TRUE(s.items[1].dichotomous);
  EXPECT_DOUBLE_EQ(*s.items[0].p, (2 + 1 + 0 + 1.5) / 4 / 2);
  // 4 candidates → groups of round(1.08) = 1: the top (4) and the bottom (0) candidate.
  EXPECT_EQ(s.group_size, 1);
  EXPECT_DOUBLE_EQ(*s.items[0].discrimination, 1.0);
  EXPECT_NEAR(*s.items[0].item_rest_r, 0.9683296637314885, 1e-12);  // Pearson item–rest
}

TEST(ItemStats, FlagsItemsThatAreTooEasyTooHardOrDoNotDiscriminate) {
  // i1: everyone right. i2: nobody right. i3: only the weaker half right (a wrong key?).
  // i4–i7: follow ability (a Guttman pattern).
  const ItemScores data{{1, 1, 1, 1, 1, 1, 1},
                        {{1, 0, 0, 1, 1, 1, 1},
                         {1, 0, 0, 1, 1, 1, 0},
                         {1, 0, 0, 1, 1, 0, 0},
                         {1, 0, 1, 1, 0, 0, 0},
                         {1, 0, 1, 0, 0, 0, 0},
                         {1, 0, 1, 0, 0, 0, 0}}};
  const PaperStatistics s = item_statistics(data);
  EXPECT_TRUE(flagged(s.items[0], ItemFlag::too_easy));
  EXPECT_TRUE(flagged(s.items[0], ItemFlag::low_discrimination));
  EXPECT_FALSE(s.items[0].item_rest_r);  // no variance: r undefined, not flagged on its own
  EXPECT_FALSE(flagged(s.items[0], ItemFlag::low_correlation));
  EXPECT_TRUE(flagged(s.items[1], ItemFlag::too_hard));
  EXPECT_TRUE(flagged(s.items[2], ItemFlag::low_discrimination));
  EXPECT_TRUE(flagged(s.items[2], ItemFlag::low_correlation));
  EXPECT_LT(*s.items[2].discrimination, 0);
  for (size_t i = 3; i < 7; ++i) EXPECT_TRUE(s.items[i].flags.empty()) << i;
  EXPECT_EQ(to_code(ItemFlag::low_correlation), "low_correlation");

  // Thresholds are inclusive and configurable: p = 0.95 exactly is not too easy.
  ItemScores twenty{{1, 1}, {}};
  for (int c = 0; c < 20; ++c) twenty.scores.push_back({c == 0 ? 0.0 : 1.0, c < 10 ? 1.0 : 0.0});
  EXPECT_FALSE(flagged(item_statistics(twenty).items[0], ItemFlag::too_easy));
  EXPECT_TRUE(flagged(item_statistics(twenty, {0.1, 0.9, 0.2}).items[0], ItemFlag::too_easy));
}

TEST(ItemStats, FewCandidatesOrNoVarianceGiveNoStatisticsRatherThanNonsense) {
  const PaperStatistics none = item_statistics({{1, 1}, {}});
  EXPECT_EQ(none.candidates, 0);
  EXPECT_FALSE(none.items[0].p);
  EXPECT_FALSE(none.kr20);
  EXPECT_TRUE(none.items[0].flags.empty());

  const PaperStatistics one = item_statistics({{1, 1}, {{1, 0}}});
  EXPECT_DOUBLE_EQ(*one.items[0].p, 1);
  EXPECT_FALSE(one.items[0].item_rest_r);
  EXPECT_FALSE(one.items[0].discrimination);
  EXPECT_FALSE(one.kr20);
  EXPECT_FALSE(one.alpha);
  EXPECT_EQ(one.group_size, 0);

  // Everybody scores the same total: no variance, no reliability.
  const PaperStatistics flat = item_statistics({{1, 1}, {{1, 0}, {0, 1}, {1, 0}}});
  EXPECT_FALSE(flat.kr20);
  EXPECT_FALSE(flat.alpha);
  EXPECT_TRUE(flat.items[0].item_rest_r);  // item and rest do vary: r = −1
  EXPECT_NEAR(*flat.items[0].item_rest_r, -1, 1e-12);

  const PaperStatistics single_item = item_statistics({{1}, {{1}, {0}}});
  EXPECT_FALSE(single_item.kr20);  // k/(k−1) needs two items
}

TEST(ItemStats, RejectsMalformedMatrices) {
  auto code_of = [](const ItemScores& d) {
    try {
      item_statistics(d);
    } catch (const Error& e) {
      return e.code();
    }
    return std::string("none");
  };
  EXPECT_EQ(code_of({{1, 1}, {{1}}}), "scores_shape");
  EXPECT_EQ(code_of({{1, 1}, {{1, 2}}}), "score_out_of_range");
  EXPECT_EQ(code_of({{1, 0}, {{1, 0}}}), "max_not_positive");
}
