#include "core/contest/ranking.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace skb::core;

namespace {

RankInput entry(std::int64_t id, double total, double practical = 0, double theory = 0,
                std::optional<double> seconds = std::nullopt, bool disqualified = false) {
  return {id, total, practical, theory, seconds, disqualified};
}

std::vector<std::int64_t> ids(const std::vector<Standing>& s) {
  std::vector<std::int64_t> out;
  for (const Standing& x : s) out.push_back(x.entry_id);
  return out;
}
std::vector<int> ranks(const std::vector<Standing>& s) {
  std::vector<int> out;
  for (const Standing& x : s) out.push_back(x.rank);
  return out;
}
std::vector<bool> tied(const std::vector<Standing>& s) {
  std::vector<bool> out;
  for (const Standing& x : s) out.push_back(x.tied);
  return out;
}

using V = std::vector<std::int64_t>;
using R = std::vector<int>;

}  // namespace

TEST(Ranking, OrdersByTotalDescending) {
  const auto s = rank_entries({entry(1, 70), entry(2, 90), entry(3, 80)}, {});
  EXPECT_EQ(ids(s), (V{2, 3, 1}));
  EXPECT_EQ(ranks(s), (R{1, 2, 3}));
  EXPECT_EQ(tied(s), (std::vector<bool>{false, false, false}));
}

TEST(Ranking, TiesShareARankAndTheNextPlaceStaysEmpty) {
  const auto s = rank_entries({entry(4, 70), entry(3, 80), entry(2, 80), entry(1, 90)}, {});
  EXPECT_EQ(ids(s), (V{1, 2, 3, 4}));  // tied entrants listed by entry_id
  EXPECT_EQ(ranks(s), (R{1, 2, 2, 4}));
  EXPECT_EQ(tied(s), (std::vector<bool>{false, true, true, false}));
}

TEST(Ranking, ThreeWayTieAtTheTop) {
  const auto s = rank_entries({entry(9, 50), entry(7, 88), entry(5, 88), entry(6, 88)}, {});
  EXPECT_EQ(ids(s), (V{5, 6, 7, 9}));
  EXPECT_EQ(ranks(s), (R{1, 1, 1, 4}));
  EXPECT_EQ(tied(s), (std::vector<bool>{true, true, true, false}));
}

TEST(Ranking, FloatNoiseNeverSplitsATie) {
  const double a = 0.7 * (57.0 / 60) * 100;  // 66.49999999999999, a weighted 57/60
  const double b = 66.5;
  const auto s = rank_entries({entry(2, a, 10), entry(1, b, 5)}, {});
  EXPECT_EQ(ranks(s), (R{1, 1}));
  EXPECT_NE(a, b);
  EXPECT_EQ(s[0].total, 66.5);  // published total
  EXPECT_EQ(s[1].total, 66.5);
  // …but a hundredth apart is a real difference.
  const auto t = rank_entries({entry(1, 84.99), entry(2, 85.0)}, {});
  EXPECT_EQ(ids(t), (V{2, 1}));
  EXPECT_EQ(ranks(t), (R{1, 2}));
}

TEST(Ranking, PracticalBreaksTheTieThenTime) {
  const std::vector<RankInput> in = {
      entry(1, 80, 50, 30, 700), entry(2, 80, 55, 25, 900), entry(3, 80, 55, 25, 650), entry(4, 95, 60, 35, 800)};
  const auto s = rank_entries(in, {TieBreak::practical_higher, TieBreak::time_lower});
  EXPECT_EQ(ids(s), (V{4, 3, 2, 1}));
  EXPECT_EQ(ranks(s), (R{1, 2, 3, 4}));
  EXPECT_EQ(tied(s), (std::vector<bool>(4, false)));
}

TEST(Ranking, RulesApplyInTheDeclaredOrder) {
  // 1 is faster, 2 has the higher practical.
  const std::vector<RankInput> in = {entry(1, 80, 50, 30, 600), entry(2, 80, 55, 25, 900)};
  EXPECT_EQ(ids(rank_entries(in, {TieBreak::practical_higher, TieBreak::time_lower})), (V{2, 1}));
  EXPECT_EQ(ids(rank_entries(in, {TieBreak::time_lower, TieBreak::practical_higher})), (V{1, 2}));
  EXPECT_EQ(ids(rank_entries(in, {TieBreak::theory_higher})), (V{1, 2}));
  const auto none = rank_entries(in, {});
  EXPECT_EQ(ranks(none), (R{1, 1}));
}

TEST(Ranking, TieBreakComparesAtPublishedPrecision) {
  const std::vector<RankInput> in = {entry(1, 80, 55.0000000001, 0, 600), entry(2, 80, 55, 0, 500)};
  // practical equal at hundredths → time decides
  EXPECT_EQ(ids(rank_entries(in, {TieBreak::practical_higher, TieBreak::time_lower})), (V{2, 1}));
}

TEST(Ranking, MissingTimeCountsAsSlowest) {
  const std::vector<RankInput> in = {entry(1, 80, 0, 0, std::nullopt), entry(2, 80, 0, 0, 3600),
                                     entry(3, 80, 0, 0, std::nullopt)};
  const auto s = rank_entries(in, {TieBreak::time_lower});
  EXPECT_EQ(ids(s), (V{2, 1, 3}));
  EXPECT_EQ(ranks(s), (R{1, 2, 2}));  // two without a time stay tied
  EXPECT_EQ(tied(s), (std::vector<bool>{false, true, true}));
}

TEST(Ranking, DisqualifiedComeLastWithoutARank) {
  const std::vector<RankInput> in = {entry(5, 99, 0, 0, {}, true), entry(1, 60), entry(3, 70),
                                     entry(2, 10, 0, 0, {}, true)};
  const auto s = rank_entries(in, {});
  EXPECT_EQ(ids(s), (V{3, 1, 2, 5}));
  EXPECT_EQ(ranks(s), (R{1, 2, 0, 0}));
  EXPECT_FALSE(s[2].tied);
  EXPECT_FALSE(s[3].tied);
}

TEST(Ranking, OutputIsDeterministicWhateverTheInputOrder) {
  std::vector<RankInput> in = {entry(3, 80), entry(1, 80), entry(2, 90), entry(4, 80, 0, 0, {}, true)};
  const auto first = rank_entries(in, {TieBreak::time_lower});
  std::reverse(in.begin(), in.end());
  const auto second = rank_entries(in, {TieBreak::time_lower});
  EXPECT_EQ(ids(first), ids(second));
  EXPECT_EQ(ranks(first), ranks(second));
  EXPECT_EQ(ids(first), (V{2, 1, 3, 4}));
}

TEST(Ranking, EmptyInput) { EXPECT_TRUE(rank_entries({}, {TieBreak::time_lower}).empty()); }

// --- advancing ---

TEST(RankingAdvancing, TopNAndTiesAtTheCut) {
  const auto s = rank_entries({entry(1, 90), entry(2, 80), entry(3, 80), entry(4, 70), entry(5, 60)}, {});
  EXPECT_EQ(advancing(s, 1, std::nullopt), (V{1}));
  EXPECT_EQ(advancing(s, 2, std::nullopt), (V{1, 2, 3}));  // 2 and 3 tied at the cut
  EXPECT_EQ(advancing(s, 3, std::nullopt), (V{1, 2, 3}));
  EXPECT_EQ(advancing(s, 4, std::nullopt), (V{1, 2, 3, 4}));
  EXPECT_EQ(advancing(s, 10, std::nullopt), (V{1, 2, 3, 4, 5}));
  EXPECT_TRUE(advancing(s, 0, std::nullopt).empty());
  EXPECT_TRUE(advancing(s, -3, std::nullopt).empty());
}

TEST(RankingAdvancing, TopPercentRoundsUp) {
  std::vector<RankInput> in;
  for (int i = 1; i <= 10; ++i) in.push_back(entry(i, 100 - i));
  const auto s = rank_entries(in, {});
  EXPECT_EQ(advancing(s, std::nullopt, 30.0).size(), 3u);  // exactly 3, not 4 from 3.0000000000000004
  EXPECT_EQ(advancing(s, std::nullopt, 25.0).size(), 3u);  // 2.5 → 3
  EXPECT_EQ(advancing(s, std::nullopt, 1.0).size(), 1u);   // 0.1 → 1
  EXPECT_EQ(advancing(s, std::nullopt, 100.0).size(), 10u);
  EXPECT_EQ(advancing(s, std::nullopt, 0.0).size(), 0u);
  EXPECT_EQ(advancing(s, std::nullopt, 70.0).size(), 7u);
  // Both: the smaller cut.
  EXPECT_EQ(advancing(s, 5, 30.0).size(), 3u);
  EXPECT_EQ(advancing(s, 2, 30.0).size(), 2u);
}

TEST(RankingAdvancing, PercentIsOfRankedEntrantsAndDisqualifiedNeverAdvance) {
  const auto s = rank_entries({entry(1, 90), entry(2, 85), entry(3, 80), entry(4, 75), entry(5, 99, 0, 0, {}, true),
                               entry(6, 98, 0, 0, {}, true)},
                              {});
  EXPECT_EQ(advancing(s, std::nullopt, 50.0), (V{1, 2}));  // 50% of 4 ranked
  EXPECT_EQ(advancing(s, 10, std::nullopt), (V{1, 2, 3, 4}));
  EXPECT_EQ(advancing(s, std::nullopt, std::nullopt), (V{1, 2, 3, 4}));
}

TEST(RankingAdvancing, EveryoneTiedAtTheCutAdvances) {
  const auto s = rank_entries({entry(1, 90), entry(2, 80), entry(3, 80), entry(4, 80), entry(5, 70)}, {});
  EXPECT_EQ(advancing(s, std::nullopt, 40.0), (V{1, 2, 3, 4}));  // 2 places, a three-way tie at the second
  EXPECT_TRUE(advancing({}, 3, std::nullopt).empty());
}
