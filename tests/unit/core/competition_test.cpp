#include "core/competition.hpp"

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
