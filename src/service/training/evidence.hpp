#pragma once
// A training record as evidence: a completion (or a fail) with a final assessment's score says how well
// the worker did in each dimension the course trains. Attendance alone measures nothing, so a record
// without a score gives no evidence (the timeline and hours still show it).
#include <cstdint>
#include <vector>

#include "service/talent/evidence.hpp"

namespace skb::service {

// One scored course counts like one exam item of middle difficulty per dimension it trains: the
// provider's assessment is not calibrated against the bank, so it is not given more weight than that.
inline constexpr double kTrainingEvidenceWeight = 1.0;

std::vector<EvidenceInput> derive_training_evidence(store::Connection& conn, std::int64_t record_id);
// Replaces the record's evidence (source "training", scope "record:ID") inside the caller's transaction.
void refresh_training_evidence(store::Connection& conn, const Context& ctx, std::int64_t record_id);
std::vector<DerivedEvidence> derive_all_training_evidence(store::Connection& conn);

}  // namespace skb::service
