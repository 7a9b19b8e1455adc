#pragma once
// `skillbrain verify-evidence [--repair]`: derives every piece of capability evidence afresh from its
// sources (competition marks, exam answers) and compares it with what the talent record holds; with
// --repair, rewrites the record where they differ (and so fills it for data from before it existed).
#include <ostream>

#include "service/services.hpp"

namespace skb::cli {

// 0 when the record agrees (or was repaired), 1 when it differs.
int verify_evidence(service::Services& services, bool repair, std::ostream& out);

}  // namespace skb::cli
