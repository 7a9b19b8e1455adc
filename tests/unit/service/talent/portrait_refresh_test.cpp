// Portraits age without new evidence: a year later the same evidence counts less (the recency half-life),
// so the refresh must move the stored portrait to what the model says now, oldest first, and leave fresh
// portraits alone.
#include <gtest/gtest.h>

#include "service/service_fixture.hpp"
#include "service/talent/evidence.hpp"
#include "service/talent/portrait_refresh.hpp"

namespace skb::testing {
namespace {

class PortraitRefresh : public ServiceTest {};

TEST_F(PortraitRefresh, RefreshesAgedPortraitsOnlyAndMovesThemToWhatTheModelSaysNow) {
  const auto work_type = s_->work_types.create(admin_, {0, "AGE", "时效工种", "", {{0, "甲", "", 0}}});
  std::vector<std::int64_t> workers;
  for (int w = 0; w < 3; ++w) {
    auto in = worker("时效" + std::to_string(w), enterprise_a_, 8000 + w);
    in.work_type_ids = std::vector<std::int64_t>{work_type.id};
    workers.push_back(s_->workers.create(admin_, in).id);
  }
  auto evidence_for = [&](std::int64_t worker, const std::string& when) {
    std::vector<service::EvidenceInput> rows;
    for (int k = 0; k < 8; ++k)
      rows.push_back({worker, work_type.id, work_type.dimensions[0].id, "item:" + std::to_string(k), 1.0, 1, 0, when, "时效", "exam:1"});
    db_->write([&](store::Connection& c) { service::replace_evidence(c, s_->ctx, "exam_item", "age:" + std::to_string(worker), rows); });
  };
  // Two workers answered everything right on the day; the third's portrait is written a year later.
  evidence_for(workers[0], "2026-11-24T00:00:00Z");
  evidence_for(workers[1], "2026-11-24T00:00:00Z");
  const auto theta = [&](std::int64_t worker) {
    double t = 0;
    db_->read([&](store::Connection& c) {
      t = c.query_one("SELECT theta FROM portrait_scores WHERE worker_id = ? AND dimension_id = 0", {worker})->f64(0);
    });
    return t;
  };
  const double fresh = theta(workers[0]);
  now_ += std::chrono::days(365);
  evidence_for(workers[2], "2026-11-24T00:00:00Z");

  EXPECT_EQ(service::refresh_stale_portraits(s_->ctx, std::chrono::hours(24 * 7), 1), 1) << "the limit holds";
  EXPECT_EQ(service::refresh_stale_portraits(s_->ctx, std::chrono::hours(24 * 7), 100, 1), 1) << "the rest, one per transaction";
  EXPECT_EQ(service::refresh_stale_portraits(s_->ctx, std::chrono::hours(24 * 7), 100), 0) << "nothing is stale any more";
  // A year-old perfect record says less than a new one: the refreshed estimates drop to the third worker's,
  // whose portrait was computed at the same age.
  EXPECT_LT(theta(workers[0]), fresh);
  EXPECT_NEAR(theta(workers[0]), theta(workers[2]), 1e-9);
  EXPECT_NEAR(theta(workers[1]), theta(workers[2]), 1e-9);
}

}  // namespace
}  // namespace skb::testing
