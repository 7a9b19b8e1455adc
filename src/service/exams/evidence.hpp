#pragma once
// What an exam says of a candidate's capability: each graded item of a submitted session is evidence
// on the question's capability dimension, at the question's difficulty (talent/evidence). Refreshed when
// the session is submitted and when a grader marks an item by hand.
#include <cstdint>
#include <vector>

#include "service/talent/evidence.hpp"

namespace skb::service {

// The authored difficulty 1 (easiest) … 5 on the logit scale: (d − 3) × 0.75 (docs/portrait.md).
double item_difficulty(int authored_difficulty);

std::vector<EvidenceInput> derive_session_evidence(store::Connection& conn, std::int64_t session_id);
void refresh_session_evidence(store::Connection& conn, const Context& ctx, std::int64_t session_id);
// Every submitted session's evidence derived afresh (scope "session:<id>"), for the check command.
std::vector<DerivedEvidence> derive_all_exam_evidence(store::Connection& conn);

}  // namespace skb::service
