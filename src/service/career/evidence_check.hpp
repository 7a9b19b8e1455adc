#pragma once
// The talent record checked against every domain that writes it: derives every piece of capability
// evidence afresh from its sources (competition marks, exam answers, practice attempts, training records)
// and compares it with what the record holds; with repair, rewrites the source units that differ (which
// also fills the record for data from before it existed, and applies recalibrated item difficulties).
#include <cstdint>

#include "service/platform/context.hpp"

namespace skb::service {

struct EvidenceCheck {
  std::int64_t derived = 0, stored = 0;
  std::int64_t missing = 0, extra = 0, differing = 0;
  std::int64_t stale_units = 0;  // source units that differ (rewritten when repairing)
  bool repaired = false;
  bool ok() const { return stale_units == 0; }
};

EvidenceCheck check_evidence(const Context& ctx, bool repair);

}  // namespace skb::service
