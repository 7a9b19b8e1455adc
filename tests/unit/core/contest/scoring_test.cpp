#include "core/contest/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace skb::core;

namespace {

Aspect judgement(double max_mark) {
  Aspect a;
  a.id = 1;
  a.kind = AspectKind::judgement;
  a.max_mark = max_mark;
  return a;
}

Aspect measurement(double max_mark, double step = 0.5) {
  Aspect a;
  a.id = 2;
  a.kind = AspectKind::measurement;
  a.max_mark = max_mark;
  a.step = step;
  return a;
}

Aspect deduction(double points, bool disqualifies = false) {
  Aspect a;
  a.id = 3;
  a.kind = AspectKind::deduction;
  a.max_mark = points;
  a.disqualifies = disqualifies;
  return a;
}

AspectMarks marks(std::int64_t aspect_id, std::vector<double> values) { return {aspect_id, std::move(values)}; }

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

// --- check_mark ---

TEST(ScoringCheckMark, JudgementIsAWholeNumberFromZeroToThree) {
  const Aspect a = judgement(6);
  for (double v : {0.0, 1.0, 2.0, 3.0}) EXPECT_FALSE(check_mark(a, v)) << v;
  for (double v : {-1.0, 4.0, 2.5, 0.1, kNaN, kInf, -kInf}) EXPECT_TRUE(check_mark(a, v)) << v;
  const auto message = check_mark(a, 2.5);
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("0–3"), std::string::npos);
  EXPECT_NE(message->find("(judgement marks"), std::string::npos);  // Chinese, then English in parentheses
}

TEST(ScoringCheckMark, MeasurementInRangeAndOnTheStep) {
  const Aspect a = measurement(10, 0.5);
  for (double v : {0.0, 0.5, 7.5, 10.0}) EXPECT_FALSE(check_mark(a, v)) << v;
  for (double v : {-0.5, 10.5, 7.3, 0.25, kNaN, kInf}) EXPECT_TRUE(check_mark(a, v)) << v;
  const auto message = check_mark(a, 11);
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("0–10 "), std::string::npos) << *message;
}

TEST(ScoringCheckMark, MeasurementStepToleratesBinaryNoise) {
  const Aspect tenths = measurement(1, 0.1);
  EXPECT_FALSE(check_mark(tenths, 0.1 + 0.2));  // 0.30000000000000004
  EXPECT_FALSE(check_mark(tenths, 0.7));
  EXPECT_FALSE(check_mark(tenths, 1.0 - 1e-12));
  EXPECT_TRUE(check_mark(tenths, 0.35));
  EXPECT_TRUE(check_mark(tenths, 0.3 + 1e-6));  // beyond the tolerance
}

TEST(ScoringCheckMark, MeasurementWithBandsTakesAnyFiniteValue) {
  Aspect a = measurement(10);
  a.bands = {{0, 0.5, 10}, {0.5, 1, 6}};
  EXPECT_FALSE(check_mark(a, 0.37));
  EXPECT_FALSE(check_mark(a, -3.21));
  EXPECT_FALSE(check_mark(a, 250));
  EXPECT_TRUE(check_mark(a, kNaN));
  EXPECT_TRUE(check_mark(a, -kInf));
  EXPECT_TRUE(check_mark(a, 1e300));  // no table reaches that far
}

TEST(ScoringCanonicalMark, StoresExactlyTheMultipleOfTheStep) {
  const Aspect halves = measurement(10, 0.5);
  EXPECT_FALSE(check_mark(halves, 1e-320));
  EXPECT_EQ(canonical_mark(halves, 1e-320), 0.0);
  EXPECT_FALSE(std::signbit(canonical_mark(halves, -1e-320)));
  EXPECT_EQ(canonical_mark(halves, 7.4999999999), 7.5);
  EXPECT_EQ(canonical_mark(measurement(1, 0.1), 0.1 + 0.2), 0.3);
  EXPECT_EQ(canonical_mark(judgement(6), 2.0000000001), 2.0);
  EXPECT_EQ(canonical_mark(deduction(5), 1e-320), 0.0);
  Aspect banded = measurement(10);
  banded.bands = {{0, 0.5, 10}};
  EXPECT_EQ(canonical_mark(banded, 0.37), 0.37);  // a measured value is kept as measured
}

TEST(ScoringCheckMark, DeductionIsZeroOrOne) {
  const Aspect a = deduction(5);
  EXPECT_FALSE(check_mark(a, 0));
  EXPECT_FALSE(check_mark(a, 1));
  for (double v : {0.5, 2.0, -1.0, kNaN}) EXPECT_TRUE(check_mark(a, v)) << v;
}

// --- score_aspect: measurement ---

TEST(ScoringAspect, MeasurementIsTheValueAndCompleteWithOneValue) {
  const Aspect a = measurement(10);
  const AspectScore none = score_aspect(a, marks(2, {}));
  EXPECT_FALSE(none.complete);
  EXPECT_EQ(none.score, 0);
  const AspectScore one = score_aspect(a, marks(2, {7.5}));
  EXPECT_TRUE(one.complete);
  EXPECT_FALSE(one.flagged);
  EXPECT_DOUBLE_EQ(one.score, 7.5);
  EXPECT_EQ(one.aspect_id, 2);
}

TEST(ScoringAspect, MeasurementBandsMapTheValueAndOutsideEveryBandIsZero) {
  Aspect a = measurement(10);
  a.bands = {{0, 0.5, 10}, {0.5, 1.0, 6}, {1.0, 2.0, 2}};
  EXPECT_DOUBLE_EQ(score_aspect(a, marks(2, {0})).score, 10);
  EXPECT_DOUBLE_EQ(score_aspect(a, marks(2, {0.49})).score, 10);
  EXPECT_DOUBLE_EQ(score_aspect(a, marks(2, {0.5})).score, 6);  // [from, to): 0.5 belongs to the next band
  EXPECT_DOUBLE_EQ(score_aspect(a, marks(2, {1.99})).score, 2);
  const AspectScore outside = score_aspect(a, marks(2, {2.0}));
  EXPECT_EQ(outside.score, 0);
  EXPECT_TRUE(outside.complete);
  EXPECT_EQ(score_aspect(a, marks(2, {-0.1})).score, 0);
}

TEST(ScoringAspect, MeasurementValuesThatDisagreeAreFlagged) {
  const AspectScore s = score_aspect(measurement(10), marks(2, {7.5, 8}));
  EXPECT_TRUE(s.flagged);
  EXPECT_DOUBLE_EQ(s.score, 7.5);
  EXPECT_FALSE(score_aspect(measurement(10), marks(2, {7.5, 7.5})).flagged);
}

// --- score_aspect: judgement ---

TEST(ScoringAspect, JudgementIsMaxTimesMeanOverThree) {
  const AspectScore s = score_aspect(judgement(6), marks(1, {2, 3, 2}));
  EXPECT_TRUE(s.complete);
  EXPECT_FALSE(s.flagged);
  EXPECT_NEAR(s.panel_mean, 7.0 / 3, 1e-12);
  EXPECT_NEAR(s.score, 6 * (7.0 / 3) / 3, 1e-12);  // 4.666…
  EXPECT_DOUBLE_EQ(round2(s.score), 4.67);
}

TEST(ScoringAspect, JudgementCompleteOnlyWithMinJudges) {
  EXPECT_FALSE(score_aspect(judgement(3), marks(1, {2, 2})).complete);           // default 3
  EXPECT_TRUE(score_aspect(judgement(3), marks(1, {2, 2}), 2).complete);
  EXPECT_TRUE(score_aspect(judgement(3), marks(1, {2, 2, 2, 2}), 3).complete);
  const AspectScore none = score_aspect(judgement(3), marks(1, {}), 0);
  EXPECT_FALSE(none.complete);  // no marks is never complete
  EXPECT_EQ(none.score, 0);
  // Incomplete panels still show what they have so far.
  EXPECT_DOUBLE_EQ(score_aspect(judgement(3), marks(1, {3, 1})).score, 2);
}

TEST(ScoringAspect, FourJudgesUseThePlainMean) {
  const AspectScore s = score_aspect(judgement(3), marks(1, {0, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(s.panel_mean, 0.75);
  EXPECT_DOUBLE_EQ(s.score, 0.75);
}

TEST(ScoringAspect, FiveOrMoreJudgesDropTheHighestAndLowest) {
  // Sorted 1 2 2 2 3 → 2 2 2; untrimmed it would be 2 too, so use a skewed panel.
  const AspectScore five = score_aspect(judgement(9), marks(1, {3, 2, 2, 2, 2}));
  EXPECT_DOUBLE_EQ(five.panel_mean, 2);  // the 3 is dropped with one of the 2s
  EXPECT_DOUBLE_EQ(five.score, 6);
  const AspectScore six = score_aspect(judgement(3), marks(1, {1, 2, 2, 3, 3, 3}));
  EXPECT_DOUBLE_EQ(six.panel_mean, 2.5);  // 2 2 3 3
  EXPECT_DOUBLE_EQ(six.score, 2.5);
}

TEST(ScoringAspect, FlaggedWhenThePanelSpreadExceedsOnePoint) {
  EXPECT_FALSE(score_aspect(judgement(3), marks(1, {1, 2, 2})).flagged);
  EXPECT_TRUE(score_aspect(judgement(3), marks(1, {1, 2, 3})).flagged);
  EXPECT_TRUE(score_aspect(judgement(3), marks(1, {0, 2})).flagged);
  // Trimming does not hide a disagreement from the chief judge.
  const AspectScore trimmed = score_aspect(judgement(3), marks(1, {0, 2, 2, 2, 2}));
  EXPECT_TRUE(trimmed.flagged);
  EXPECT_DOUBLE_EQ(trimmed.panel_mean, 2);
}

// --- score_aspect: deduction ---

TEST(ScoringAspect, DeductionTakesPointsOffWhenItApplies) {
  const AspectScore applies = score_aspect(deduction(5), marks(3, {1}));
  EXPECT_DOUBLE_EQ(applies.score, -5);
  EXPECT_TRUE(applies.complete);
  EXPECT_FALSE(applies.disqualified);
  const AspectScore not_applied = score_aspect(deduction(5), marks(3, {0}));
  EXPECT_EQ(not_applied.score, 0);
  EXPECT_TRUE(not_applied.complete);
  const AspectScore no_mark = score_aspect(deduction(5), marks(3, {}));
  EXPECT_EQ(no_mark.score, 0);
  EXPECT_TRUE(no_mark.complete);  // no mark: does not apply
}

TEST(ScoringAspect, DisqualifyingDeduction) {
  const AspectScore s = score_aspect(deduction(0, true), marks(3, {1}));
  EXPECT_TRUE(s.disqualified);
  EXPECT_EQ(s.score, 0);
  EXPECT_FALSE(score_aspect(deduction(0, true), marks(3, {0})).disqualified);
}

// --- sum_component ---

TEST(ScoringComponent, SumsAndFloorsAtZero) {
  std::vector<AspectScore> aspects = {{1, 4, true}, {2, 3.5, true}, {3, -2, true}};
  ComponentScore c = sum_component(7, 20, 0.7, aspects);
  EXPECT_EQ(c.component_id, 7);
  EXPECT_DOUBLE_EQ(c.score, 5.5);
  EXPECT_DOUBLE_EQ(c.max_mark, 20);
  EXPECT_DOUBLE_EQ(c.weight, 0.7);
  EXPECT_TRUE(c.complete);
  EXPECT_FALSE(c.flagged);
  EXPECT_FALSE(c.disqualified);

  aspects.push_back({4, -10, true});
  EXPECT_EQ(sum_component(7, 20, 0.7, aspects).score, 0);  // deductions never make a component negative
}

TEST(ScoringComponent, IncompleteFlaggedOrDisqualifiedIfAnyAspectIs) {
  AspectScore ok{1, 2, true};
  AspectScore open{2, 1, false};
  AspectScore flagged{3, 1, true, true};
  AspectScore out{4, 0, true, false, true};
  EXPECT_FALSE(sum_component(1, 10, 1, {ok, open}).complete);
  EXPECT_TRUE(sum_component(1, 10, 1, {ok, flagged}).flagged);
  EXPECT_TRUE(sum_component(1, 10, 1, {ok, out}).disqualified);
  EXPECT_TRUE(sum_component(1, 10, 1, {ok, out}).complete);
}

// --- time_score ---

TEST(ScoringTime, FastestGetsFullMarksLinearDownToTheLimit) {
  EXPECT_DOUBLE_EQ(time_score(300, 300, 900, 20), 20);
  EXPECT_DOUBLE_EQ(time_score(250, 300, 900, 20), 20);  // faster than the declared fastest
  EXPECT_DOUBLE_EQ(time_score(600, 300, 900, 20), 10);
  EXPECT_DOUBLE_EQ(time_score(750, 300, 900, 20), 5);
  EXPECT_DOUBLE_EQ(time_score(900, 300, 900, 20), 0);
  EXPECT_DOUBLE_EQ(time_score(1200, 300, 900, 20), 0);
}

TEST(ScoringTime, LimitNotAboveFastestDoesNotDivideByZero) {
  EXPECT_DOUBLE_EQ(time_score(300, 300, 300, 20), 20);
  EXPECT_DOUBLE_EQ(time_score(301, 300, 300, 20), 0);
  EXPECT_DOUBLE_EQ(time_score(250, 300, 200, 20), 20);
  EXPECT_DOUBLE_EQ(time_score(260, 300, 200, 20), 20);
  EXPECT_DOUBLE_EQ(time_score(350, 300, 200, 20), 0);
  EXPECT_TRUE(std::isfinite(time_score(kNaN, 300, 900, 20)));
}

// --- total_score ---

TEST(ScoringTotal, WeightedThirtySeventy) {
  ComponentScore theory;
  theory.kind = ComponentKind::theory;
  theory.score = 80;
  theory.max_mark = 100;
  theory.weight = 0.3;
  ComponentScore practical;
  practical.score = 45;
  practical.max_mark = 60;
  practical.weight = 0.7;
  EXPECT_DOUBLE_EQ(total_score(TotalMode::weighted, {theory, practical}), 0.3 * 80 + 0.7 * 75);  // 76.5
  EXPECT_DOUBLE_EQ(total_score(TotalMode::raw_sum, {theory, practical}), 125);
}

TEST(ScoringTotal, WeightedSkipsComponentsWithoutMax) {
  ComponentScore a;
  a.score = 10;
  a.max_mark = 20;
  a.weight = 1;
  ComponentScore broken;
  broken.score = 5;
  broken.max_mark = 0;
  broken.weight = 1;
  EXPECT_DOUBLE_EQ(total_score(TotalMode::weighted, {a, broken}), 50);
  EXPECT_DOUBLE_EQ(total_score(TotalMode::raw_sum, {a, broken}), 15);
  EXPECT_EQ(total_score(TotalMode::weighted, {}), 0);
}

// --- standardise ---

TEST(ScoringStandardise, MeanFiveHundredSdOneHundred) {
  const std::vector<double> z = standardise({60, 70, 80});
  ASSERT_EQ(z.size(), 3u);
  // population sd of 60, 70, 80 is sqrt(200/3) = 8.1650
  EXPECT_NEAR(z[0], 500 - 100 * 10 / std::sqrt(200.0 / 3), 1e-9);
  EXPECT_NEAR(z[1], 500, 1e-9);
  EXPECT_NEAR(z[2], 622.47, 0.005);
  double mean = 0, squares = 0;
  for (double v : z) mean += v / 3;
  for (double v : z) squares += (v - mean) * (v - mean) / 3;
  EXPECT_NEAR(mean, 500, 1e-9);
  EXPECT_NEAR(std::sqrt(squares), 100, 1e-9);
}

TEST(ScoringStandardise, TwoScoresBecomeFourAndSixHundred) {
  const std::vector<double> z = standardise({40, 90});
  EXPECT_DOUBLE_EQ(z[0], 400);
  EXPECT_DOUBLE_EQ(z[1], 600);
}

TEST(ScoringStandardise, NoSpreadGivesFiveHundredAndEmptyStaysEmpty) {
  EXPECT_TRUE(standardise({}).empty());
  EXPECT_EQ(standardise({73.5}), std::vector<double>{500});
  EXPECT_EQ(standardise({0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}), std::vector<double>(7, 500));
}

// --- round2 ---

TEST(ScoringRound2, HalvesAwayFromZero) {
  EXPECT_DOUBLE_EQ(round2(1.234), 1.23);
  EXPECT_DOUBLE_EQ(round2(1.235), 1.24);  // stored as 1.2350000000000000977
  EXPECT_DOUBLE_EQ(round2(1.005), 1.01);  // stored as 1.00499999999999989
  EXPECT_DOUBLE_EQ(round2(2.675), 2.68);  // stored as 2.67499999999999982
  EXPECT_DOUBLE_EQ(round2(-1.005), -1.01);
  EXPECT_DOUBLE_EQ(round2(-2.5), -2.5);
  EXPECT_DOUBLE_EQ(round2(0.125), 0.13);
}

TEST(ScoringRound2, RobustToAccumulatedNoise) {
  EXPECT_DOUBLE_EQ(round2(84.999999999), 85.0);
  EXPECT_DOUBLE_EQ(round2(84.994999999999), 85.0);   // 84.995 with noise below it
  EXPECT_DOUBLE_EQ(round2(84.995), 85.0);
  EXPECT_DOUBLE_EQ(round2(0.1 + 0.2), 0.3);
  EXPECT_DOUBLE_EQ(round2(6 * (7.0 / 3) / 3), 4.67);
  EXPECT_DOUBLE_EQ(round2(84.9949), 84.99);  // a real difference stays
}

TEST(ScoringRound2, ZeroIsNeverNegative) {
  const double r = round2(-0.001);
  EXPECT_EQ(r, 0);
  EXPECT_FALSE(std::signbit(r));
  EXPECT_DOUBLE_EQ(round2(123456.789), 123456.79);
}

TEST(ScoringTime, ATimeIsZeroToADayAndTwoDifferentRecordsAreFlagged) {
  const Aspect time{1, AspectKind::time, 20, 0.5, {}, false};
  EXPECT_FALSE(check_mark(time, 0));
  EXPECT_FALSE(check_mark(time, 312.37));  // no step for times
  EXPECT_TRUE(check_mark(time, -1));
  EXPECT_TRUE(check_mark(time, 86401));
  const auto one = score_aspect(time, {1, {300}});
  EXPECT_TRUE(one.complete);
  EXPECT_FALSE(one.flagged);
  EXPECT_EQ(one.seconds, 300);
  EXPECT_EQ(one.score, 0) << "marks for time come from the field";
  EXPECT_TRUE(score_aspect(time, {1, {300, 301}}).flagged);
  EXPECT_FALSE(score_aspect(time, {1, {}}).complete);
}

TEST(ScoringTime, TheFastestNotDisqualifiedSetsTheBenchmark) {
  // Scenario 07 by hand: limit 900 s, 20 marks; 250 s was disqualified.
  const std::vector<TimedResult> field{{300, false}, {600, false}, {450, false}, {950, false}, {std::nullopt, false}, {700, false},
                                       {250, true}};
  const auto marks = time_scores(field, 900, 20);
  ASSERT_EQ(marks.size(), field.size());
  EXPECT_DOUBLE_EQ(marks[0], 20);
  EXPECT_DOUBLE_EQ(marks[1], 10);      // 20 × (900 − 600) / (900 − 300)
  EXPECT_DOUBLE_EQ(marks[2], 15);      // 20 × 450 / 600
  EXPECT_DOUBLE_EQ(marks[3], 0);       // over the limit
  EXPECT_DOUBLE_EQ(marks[4], 0);       // no time
  EXPECT_NEAR(marks[5], 20.0 * 200 / 600, 1e-12);
  EXPECT_DOUBLE_EQ(marks[6], 0);       // disqualified
  EXPECT_EQ(time_scores({{std::nullopt, false}}, 900, 20), std::vector<double>{0});
}
