#pragma once
// What an exam or practice says of a worker's capability: each graded item of a submitted session or
// practice attempt is evidence on the question's capability dimension, at the question's difficulty
// (talent/evidence). Refreshed when the session or attempt is submitted and when a grader marks an item.
#include <cstdint>
#include <vector>

#include "service/talent/evidence.hpp"

namespace skb::service {

// The authored difficulty 1 (easiest) … 5 on the logit scale: (d − 3) × 0.75 (docs/portrait.md).
double item_difficulty(int authored_difficulty);
// Evidence reads a question's difficulty calibrated from the answers when `skillbrain calibrate-items` has
// done so (question_calibration), else the authored level.

// A practice item counts half an exam item: low stakes, the answer shown after each attempt, questions
// met again (docs/portrait.md).
constexpr double kPracticeItemWeight = 0.5;

std::vector<EvidenceInput> derive_session_evidence(store::Connection& conn, std::int64_t session_id);
void refresh_session_evidence(store::Connection& conn, const Context& ctx, std::int64_t session_id);
// Every submitted session's evidence derived afresh (scope "session:<id>"), for the check command.
std::vector<DerivedEvidence> derive_all_exam_evidence(store::Connection& conn);

// A submitted practice attempt's items (source "practice_item", scope "attempt:<id>").
std::vector<EvidenceInput> derive_attempt_evidence(store::Connection& conn, std::int64_t attempt_id);
void refresh_attempt_evidence(store::Connection& conn, const Context& ctx, std::int64_t attempt_id);
std::vector<DerivedEvidence> derive_all_practice_evidence(store::Connection& conn);

}  // namespace skb::service
