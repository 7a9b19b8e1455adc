#include "core/contest/judge_report.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace skb::core;

namespace {

PanelMark mark(std::int64_t judge, std::int64_t entry, std::int64_t aspect, double score, bool home = false) {
  return {judge, entry, aspect, score, home};
}

const JudgeSummary& judge(const std::vector<JudgeSummary>& report, std::int64_t id) {
  for (const JudgeSummary& s : report)
    if (s.judge_id == id) return s;
  throw std::runtime_error("judge not in report");
}

}  // namespace

TEST(JudgeReport, DeviationFromTheOtherJudgesMean) {
  const auto report = judge_report({
      mark(1, 1, 1, 3), mark(2, 1, 1, 2), mark(3, 1, 1, 2),  // d: +1, −0.5, −0.5
      mark(1, 1, 2, 2), mark(2, 1, 2, 2), mark(3, 1, 2, 2),  // d: 0, 0, 0
  });
  ASSERT_EQ(report.size(), 3u);
  const JudgeSummary& j1 = judge(report, 1);
  EXPECT_EQ(j1.marks, 2);
  EXPECT_DOUBLE_EQ(j1.mean_deviation, 0.5);
  EXPECT_DOUBLE_EQ(j1.deviation_sd, 0.5);  // population sd of {1, 0}
  EXPECT_TRUE(j1.outlier);                  // |mean d| ≥ 0.5 (generous)
  ASSERT_EQ(j1.entries.size(), 1u);
  EXPECT_EQ(j1.entries[0].entry_id, 1);
  EXPECT_DOUBLE_EQ(j1.entries[0].sum_abs_deviation, 1);
  EXPECT_EQ(j1.entries[0].aspects, 2);
  EXPECT_DOUBLE_EQ(j1.entries[0].max_abs_deviation, 1);
  EXPECT_FALSE(j1.entries[0].review);

  const JudgeSummary& j2 = judge(report, 2);
  EXPECT_DOUBLE_EQ(j2.mean_deviation, -0.25);
  EXPECT_DOUBLE_EQ(j2.deviation_sd, 0.25);
  EXPECT_FALSE(j2.outlier);
}

TEST(JudgeReport, SevereJudgeIsAnOutlierToo) {
  const auto report = judge_report({mark(1, 1, 1, 1), mark(2, 1, 1, 2), mark(3, 1, 1, 2),
                                    mark(1, 2, 1, 1), mark(2, 2, 1, 2), mark(3, 2, 1, 1)});
  // judge 1: d = −1 and 1 − 1.5 = −0.5 → mean −0.75
  EXPECT_DOUBLE_EQ(judge(report, 1).mean_deviation, -0.75);
  EXPECT_TRUE(judge(report, 1).outlier);
}

TEST(JudgeReport, PanelsOfOneJudgeAreSkipped) {
  const auto report = judge_report({mark(7, 1, 1, 3), mark(8, 2, 1, 0)});
  ASSERT_EQ(report.size(), 2u);
  for (const JudgeSummary& s : report) {
    EXPECT_EQ(s.marks, 0);
    EXPECT_EQ(s.mean_deviation, 0);
    EXPECT_FALSE(s.outlier);
    EXPECT_TRUE(s.entries.empty());
  }
  EXPECT_TRUE(judge_report({}).empty());
}

TEST(JudgeReport, TwoJudgePanel) {
  const auto report = judge_report({mark(1, 1, 1, 3), mark(2, 1, 1, 1)});
  EXPECT_DOUBLE_EQ(judge(report, 1).mean_deviation, 2);
  EXPECT_DOUBLE_EQ(judge(report, 2).mean_deviation, -2);
  EXPECT_TRUE(judge(report, 1).entries[0].review);  // |d| = 2 ≥ 1.5
}

TEST(JudgeReport, EntryReviewWhenSumExceedsAspectsOrOneDeviationIsLarge) {
  // Five-judge panels; judge 1 gives 3 where the others give 2, 2, 2, 1: d = 3 − 1.75 = 1.25 on two aspects.
  std::vector<PanelMark> marks;
  for (std::int64_t aspect : {1, 2}) {
    marks.push_back(mark(1, 10, aspect, 3));
    marks.push_back(mark(2, 10, aspect, 2));
    marks.push_back(mark(3, 10, aspect, 2));
    marks.push_back(mark(4, 10, aspect, 2));
    marks.push_back(mark(5, 10, aspect, 1));
  }
  // Entry 20: judge 1 exactly 1 above the others on one aspect: Σ|d| = aspects, not over.
  for (std::int64_t j : {1, 2, 3}) marks.push_back(mark(j, 20, 1, j == 1 ? 3 : 2));
  // Entry 30: judge 1 at 0 where the others give 2, 1: d = −1.5 on one aspect.
  marks.push_back(mark(1, 30, 1, 0));
  marks.push_back(mark(2, 30, 1, 2));
  marks.push_back(mark(3, 30, 1, 1));

  const auto report = judge_report(marks);
  const JudgeSummary& j1 = judge(report, 1);
  ASSERT_EQ(j1.entries.size(), 3u);
  EXPECT_EQ(j1.entries[0].entry_id, 10);
  EXPECT_DOUBLE_EQ(j1.entries[0].sum_abs_deviation, 2.5);
  EXPECT_EQ(j1.entries[0].aspects, 2);
  EXPECT_DOUBLE_EQ(j1.entries[0].max_abs_deviation, 1.25);
  EXPECT_TRUE(j1.entries[0].review);  // 2.5 > 2
  EXPECT_EQ(j1.entries[1].entry_id, 20);
  EXPECT_FALSE(j1.entries[1].review);  // 1 = 1
  EXPECT_EQ(j1.entries[2].entry_id, 30);
  EXPECT_DOUBLE_EQ(j1.entries[2].max_abs_deviation, 1.5);
  EXPECT_TRUE(j1.entries[2].review);  // |d| ≥ 1.5
  EXPECT_EQ(j1.marks, 4);
}

TEST(JudgeReport, HomeBias) {
  // Judge 1 is generous to the home entrant (d = +1) and severe to the other (d = −1): mean 0, bias 2.
  const auto report = judge_report({mark(1, 1, 1, 3, true), mark(2, 1, 1, 2), mark(3, 1, 1, 2),
                                    mark(1, 2, 1, 1), mark(2, 2, 1, 2), mark(3, 2, 1, 2)});
  const JudgeSummary& j1 = judge(report, 1);
  EXPECT_DOUBLE_EQ(j1.mean_deviation, 0);
  EXPECT_DOUBLE_EQ(j1.deviation_sd, 1);
  EXPECT_EQ(j1.home_marks, 1);
  EXPECT_DOUBLE_EQ(j1.home_mean_deviation, 1);
  EXPECT_DOUBLE_EQ(j1.other_mean_deviation, -1);
  EXPECT_TRUE(j1.outlier);
  const JudgeSummary& j2 = judge(report, 2);
  EXPECT_EQ(j2.home_marks, 0);
  EXPECT_DOUBLE_EQ(j2.home_mean_deviation, 0);
  EXPECT_FALSE(j2.outlier);
}

TEST(JudgeReport, HomeBiasNeedsMarksOnBothSides) {
  // Only home marks, mean d 0.4: not an outlier (no other entrants to compare with, and 0.4 < 0.5).
  // Judge 1 gives 3 on five aspects; the others give 2, 2 on two of them and 3, 3 on the rest: d = 1, 1, 0, 0, 0.
  std::vector<PanelMark> marks;
  for (std::int64_t aspect = 1; aspect <= 5; ++aspect) {
    marks.push_back(mark(1, 1, aspect, 3, true));
    marks.push_back(mark(2, 1, aspect, aspect <= 2 ? 2 : 3));
    marks.push_back(mark(3, 1, aspect, aspect <= 2 ? 2 : 3));
  }
  const JudgeSummary& j1 = judge(judge_report(marks), 1);
  EXPECT_DOUBLE_EQ(j1.mean_deviation, 0.4);
  EXPECT_EQ(j1.home_marks, 5);
  EXPECT_FALSE(j1.outlier);
}

TEST(JudgeReport, ThresholdIsInclusive) {
  // d = 3 − mean(2, 2, 3, 3) = 0.5 exactly on every mark.
  const auto report = judge_report({mark(1, 1, 1, 3), mark(2, 1, 1, 2), mark(3, 1, 1, 2), mark(4, 1, 1, 3),
                                    mark(5, 1, 1, 3)});
  EXPECT_DOUBLE_EQ(judge(report, 1).mean_deviation, 0.5);
  EXPECT_TRUE(judge(report, 1).outlier);
}

TEST(JudgeReport, SortedByJudgeThenEntry) {
  const auto report = judge_report({mark(9, 5, 1, 2), mark(3, 5, 1, 2), mark(9, 2, 1, 2), mark(3, 2, 1, 1),
                                    mark(6, 2, 1, 2), mark(6, 5, 1, 2)});
  ASSERT_EQ(report.size(), 3u);
  EXPECT_EQ(report[0].judge_id, 3);
  EXPECT_EQ(report[1].judge_id, 6);
  EXPECT_EQ(report[2].judge_id, 9);
  for (const JudgeSummary& s : report) {
    ASSERT_EQ(s.entries.size(), 2u);
    EXPECT_EQ(s.entries[0].entry_id, 2);
    EXPECT_EQ(s.entries[1].entry_id, 5);
  }
}
