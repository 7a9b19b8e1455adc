// The ability estimate by hand: each expected value below solves the posterior-mode equation
// Σ wᵢ(sᵢ − σ(θ − bᵢ)) = (θ − μ)/τ² (checked by bisection outside the code), and se = 1/√(Σ wᵢpᵢ(1−pᵢ) + 1/τ²).
#include <gtest/gtest.h>

#include <cmath>

#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"

using namespace skb::core;

TEST(Ability, WithoutEvidenceTheEstimateIsThePriorAndSaysSo) {
  const auto e = estimate_ability({}, {0.4, 1.2});
  EXPECT_DOUBLE_EQ(e.theta, 0.4);
  EXPECT_DOUBLE_EQ(e.se, 1.2);
  EXPECT_EQ(e.evidence, 0);
  EXPECT_EQ(e.information, 0);
}

TEST(Ability, OneRightItemMovesHalfwayToWhereThePriorAllows) {
  // 1 − σ(θ) = θ with prior N(0, 1): θ = 0.40106 (σ(0.40106) = 0.59894).
  const auto e = estimate_ability({{1, 1, 0, 0}}, {0, 1});
  EXPECT_NEAR(e.theta, 0.401058, 1e-5);
  EXPECT_NEAR(e.se, 0.897950, 1e-5);
  EXPECT_EQ(e.evidence, 1);
}

TEST(Ability, ItemsAtTheirDifficulty) {
  // Three of four right at b = 0.5, prior N(0, 1.5²).
  const auto e = estimate_ability({{1, 1, 0.5, 0}, {1, 1, 0.5, 0}, {1, 1, 0.5, 0}, {0, 1, 0.5, 0}}, {0, 1.5});
  EXPECT_NEAR(e.theta, 1.047662, 1e-5);
  EXPECT_NEAR(e.se, 0.853406, 1e-5);
}

TEST(Ability, AJudgedAspectCountsAsItsWeightInItems) {
  // 80 % of an aspect's marks, worth 4 items, prior N(0, 1.5²).
  const auto judged = estimate_ability({{0.8, 4, 0, 0}}, {0, 1.5});
  EXPECT_NEAR(judged.theta, 0.865578, 1e-5);
  EXPECT_NEAR(judged.se, 0.884483, 1e-5);
  const auto four_items = estimate_ability({{0.8, 1, 0, 0}, {0.8, 1, 0, 0}, {0.8, 1, 0, 0}, {0.8, 1, 0, 0}}, {0, 1.5});
  EXPECT_NEAR(four_items.theta, judged.theta, 1e-9);
}

TEST(Ability, MuchEvidenceOutweighsThePrior) {
  // 200 observations of 0.8: the mode nears logit(0.8) = ln 4 = 1.386, the band narrows.
  const auto e = estimate_ability(std::vector<Observation>(200, {0.8, 1, 0, 0}), {0, 1.5});
  EXPECT_NEAR(e.theta, 1.367410, 1e-5);
  EXPECT_NEAR(e.se, 0.174588, 1e-5);
}

TEST(Ability, OldEvidenceCountsLessThanNew) {
  // Right two years ago (one half-life: weight ½), wrong today: θ = −0.30617.
  const auto e = estimate_ability({{1, 1, 0, 730}, {0, 1, 0, 0}}, {0, 1.5});
  EXPECT_NEAR(e.theta, -0.306169, 1e-5);
  EXPECT_NEAR(e.information, 1.5, 1e-12);
  const auto same_age = estimate_ability({{1, 1, 0, 0}, {0, 1, 0, 0}}, {0, 1.5});
  EXPECT_NEAR(same_age.theta, 0, 1e-9);
}

TEST(Ability, ThinEvidenceIsPulledTowardsThePeers) {
  const auto alone = estimate_ability({{1, 1, 0, 0}}, {0, 1.5});
  const auto among_strong = estimate_ability({{1, 1, 0, 0}}, {1.0, 1.5});
  EXPECT_GT(among_strong.theta, alone.theta);
  // Perfect scores never run off to infinity.
  const auto perfect = estimate_ability(std::vector<Observation>(50, {1, 1, 0, 0}), {0, 1.5});
  EXPECT_TRUE(std::isfinite(perfect.theta));
  EXPECT_GT(perfect.theta, 2.5);
}

TEST(Ability, BadEvidenceIsRefused) {
  EXPECT_THROW(estimate_ability({{1.2, 1, 0, 0}}, {}), Error);
  EXPECT_THROW(estimate_ability({{0.5, 0, 0, 0}}, {}), Error);
  EXPECT_THROW(estimate_ability({{0.5, 1, NAN, 0}}, {}), Error);
  EXPECT_THROW(estimate_ability({{0.5, 1, 0, -1}}, {}), Error);
  EXPECT_THROW(estimate_ability({}, {0, 0}), Error);
}

TEST(Ability, ScoresAreSharesOfTheMarksAtDifficultyZero) {
  const auto band = to_score_band({0, 0.5, 1, 1});
  EXPECT_DOUBLE_EQ(band.score, 50);
  EXPECT_NEAR(band.low, 100 * logistic(-0.979982), 1e-6);
  EXPECT_NEAR(band.high, 100 - band.low, 1e-9);
  const auto high = to_score_band({std::log(3.0), 0.2, 1, 1});
  EXPECT_NEAR(high.score, 75, 1e-9);
  EXPECT_LT(high.high - high.score, high.score - high.low) << "the band narrows towards 100";
}

TEST(Ability, StrengthsAndWeaknessesOnlyWhereTheBandsSeparateThem) {
  using E = std::optional<AbilityEstimate>;
  // Against the median (0): dimension 0 differs by 2 with se √(0.3² + 0.3²) = 0.424, z = 4.7; the two
  // at the median are neither (one is the median, the other differs by 0).
  std::vector<E> dims{AbilityEstimate{2, 0.3, 10, 10}, AbilityEstimate{0, 0.3, 10, 10}, AbilityEstimate{0, 0.3, 10, 10},
                      std::nullopt};
  auto s = separate(dims);
  EXPECT_EQ(s.strengths, std::vector<size_t>{0});
  EXPECT_TRUE(s.weaknesses.empty());
  // The same differences with wide bands: z = 2/√(1.5² + 1.5²) = 0.94, nothing stands out.
  std::vector<E> vague{AbilityEstimate{2, 1.5, 1, 1}, AbilityEstimate{0, 1.5, 1, 1}, AbilityEstimate{0, 1.5, 1, 1}};
  s = separate(vague);
  EXPECT_TRUE(s.strengths.empty());
  EXPECT_TRUE(s.weaknesses.empty());
  // One clearly low dimension among three alike: median (0.9 + 1)/2 = 0.95; dimension 3 differs by
  // −1.95 with se √(0.2² + ¼·0.2² + ¼·0.2²) = 0.245, z = −8; dimension 1 by 0.15 (z = 0.6), not a strength.
  std::vector<E> low{AbilityEstimate{1, 0.2, 9, 9}, AbilityEstimate{1.1, 0.2, 9, 9}, AbilityEstimate{0.9, 0.2, 9, 9},
                     AbilityEstimate{-1, 0.2, 9, 9}};
  s = separate(low);
  EXPECT_TRUE(s.strengths.empty());
  EXPECT_EQ(s.weaknesses, std::vector<size_t>{3});
  // Two dimensions: the pairwise test, z = 1.5/√(0.3² + 0.3²) = 3.5.
  s = separate({AbilityEstimate{1.5, 0.3, 4, 4}, AbilityEstimate{0, 0.3, 4, 4}});
  EXPECT_EQ(s.strengths, std::vector<size_t>{0});
  EXPECT_EQ(s.weaknesses, std::vector<size_t>{1});
  // A dimension with evidence alone has nothing to stand out from.
  EXPECT_TRUE(separate({AbilityEstimate{3, 0.1, 5, 5}, std::nullopt}).strengths.empty());
}
