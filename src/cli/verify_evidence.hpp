#pragma once
// `skillbrain verify-evidence [--repair]` and `skillbrain calibrate-items`: the talent record against its
// sources (service/career/evidence_check), and the exam items' difficulties estimated from the answers.
#include <ostream>

#include "service/services.hpp"

namespace skb::cli {

// 0 when the record agrees (or was repaired), 1 when it differs.
int verify_evidence(service::Services& services, bool repair, std::ostream& out);
// Recalibrates the items with enough answers and rewrites the evidence that reads them.
int calibrate_items(service::Services& services, std::ostream& out);

}  // namespace skb::cli
