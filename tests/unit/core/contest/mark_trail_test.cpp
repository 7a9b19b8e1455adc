#include "core/contest/mark_trail.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

namespace {
std::vector<std::string> codes(const std::vector<MarkTrailProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(std::to_string(p.seq) + ":" + p.code);
  return out;
}
}  // namespace

TEST(MarkTrail, AgreesWhenEveryMarkHasItsRecord) {
  EXPECT_TRUE(compare_mark_trail({{1, 10, 100, 2.5}, {2, 11, 100, 3}}, {{2, 11, 100, 3.0}, {1, 10, 100, 2.5}}).empty());
}

TEST(MarkTrail, FindsAlteredDeletedAndUnauditedMarks) {
  const std::vector<LoggedMark> marks{{1, 10, 100, 2.5}, {2, 11, 100, 1}, {3, 12, 101, 30}, {5, 12, 100, 2}};
  const std::vector<AuditedMark> audited{{1, 10, 100, 2.5}, {2, 11, 100, 3.0}, {3, 13, 101, 30.0}, {4, 12, 100, 2.0}};
  // 2: value changed; 3: moved to another entry; 4: deleted; 5: written outside the application.
  EXPECT_EQ(codes(compare_mark_trail(marks, audited)),
            (std::vector<std::string>{"2:altered", "3:altered", "4:deleted", "5:unaudited"}));
}

TEST(MarkTrail, OlderRecordsCompareWhatTheySay) {
  // A record without a value (written before values were audited) still proves the mark exists.
  EXPECT_TRUE(compare_mark_trail({{7, 10, 100, 2}}, {{7, std::nullopt, std::nullopt, std::nullopt}}).empty());
}
