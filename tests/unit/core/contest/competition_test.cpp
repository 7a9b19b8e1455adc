#include "core/contest/competition.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

namespace {

Aspect aspect(AspectKind kind, double max, double step = 0.5) { return {0, kind, max, step, {}, false}; }

std::vector<std::string> codes(const std::vector<SchemeProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.code);
  return out;
}

// Welding practical: a measurement of 40 and two judgements of 30; a safety deduction outside the max.
SchemeComponent practical() {
  return {ComponentKind::practical, 100, 1,
          {aspect(AspectKind::measurement, 40), aspect(AspectKind::judgement, 30, 1), aspect(AspectKind::judgement, 30, 1),
           aspect(AspectKind::deduction, 5, 1)},
          std::nullopt};
}

}  // namespace

TEST(ValidateScheme, AcceptsMaximaThatAddUpWithDeductionsOutside) {
  EXPECT_TRUE(validate_scheme(TotalMode::raw_sum, {practical()}, 3).empty());
}

TEST(ValidateScheme, AspectMaximaMustAddUpToTheComponent) {
  auto c = practical();
  c.aspects[0].max_mark = 35;
  const auto problems = validate_scheme(TotalMode::raw_sum, {c}, 3);
  ASSERT_EQ(codes(problems), std::vector<std::string>{"aspect_sum_mismatch"});
  EXPECT_EQ(problems[0].component, 0);
  EXPECT_EQ(problems[0].aspect, -1);
}

TEST(ValidateScheme, JudgementNeedsPanelsOfThree) {
  // Each judgement aspect is named, so the editor can mark both.
  const auto problems = validate_scheme(TotalMode::raw_sum, {practical()}, 2);
  ASSERT_EQ(codes(problems), (std::vector<std::string>{"panel_too_small", "panel_too_small"}));
  EXPECT_EQ(problems[0].aspect, 1);
  EXPECT_EQ(problems[1].aspect, 2);
  // Measurement-only tasks may be marked by one judge or a device.
  SchemeComponent measured{ComponentKind::practical, 100, 1, {aspect(AspectKind::measurement, 100)}, std::nullopt};
  EXPECT_TRUE(validate_scheme(TotalMode::raw_sum, {measured}, 1).empty());
}

TEST(ValidateScheme, WeightsAddUpToOneInWeightedMode) {
  SchemeComponent theory{ComponentKind::theory, 100, 0.3, {aspect(AspectKind::measurement, 100)}, std::nullopt};
  auto task = practical();
  task.weight = 0.6;
  EXPECT_EQ(codes(validate_scheme(TotalMode::weighted, {theory, task}, 3)), std::vector<std::string>{"weights_not_one"});
  task.weight = 0.7;
  EXPECT_TRUE(validate_scheme(TotalMode::weighted, {theory, task}, 3).empty());
  EXPECT_EQ(codes(validate_scheme(TotalMode::weighted, {}, 3)), std::vector<std::string>{"scheme_empty"});
}

TEST(ValidateScheme, NumbersStayWithinDomainBounds) {
  auto huge = practical();
  huge.max_mark = 1e308;
  huge.aspects[0].max_mark = 1e308 - 60;
  auto problems = codes(validate_scheme(TotalMode::raw_sum, {huge}, 3));
  EXPECT_NE(std::find(problems.begin(), problems.end(), "max_too_large"), problems.end());
  EXPECT_NE(std::find(problems.begin(), problems.end(), "aspect_max_too_large"), problems.end());

  auto fine_step = practical();
  fine_step.aspects[0].step = 1e-300;
  problems = codes(validate_scheme(TotalMode::raw_sum, {fine_step}, 3));
  EXPECT_EQ(problems, std::vector<std::string>{"step_out_of_range"});

  auto banded = practical();
  banded.aspects[0].bands = {{0, 1e300, 40}};
  problems = codes(validate_scheme(TotalMode::raw_sum, {banded}, 3));
  EXPECT_EQ(problems, std::vector<std::string>{"band_out_of_range"});
  banded.aspects[0].bands = {{0, 0.5, 41}};
  EXPECT_EQ(codes(validate_scheme(TotalMode::raw_sum, {banded}, 3)), std::vector<std::string>{"band_out_of_range"});
  banded.aspects[0].bands = {{0, 0.5, 40}, {0.5, 1, 20}};
  EXPECT_TRUE(validate_scheme(TotalMode::raw_sum, {banded}, 3).empty());

  auto timed = practical();
  timed.time_limit_seconds = 1e12;
  EXPECT_EQ(codes(validate_scheme(TotalMode::raw_sum, {timed}, 3)), std::vector<std::string>{"time_limit_out_of_range"});
}
