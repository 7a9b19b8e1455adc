#pragma once
// What a competition says of its entrants' capability: each judged or measured aspect of an entry,
// once complete and not awaiting the chief judge, is evidence on the aspect's capability dimension for
// every member of the entry (talent/evidence). Derived from the mark log; refreshed in the transaction
// of every change to an entry's marks, flags, status or its event's scheme.
#include <cstdint>
#include <vector>

#include "service/contest/competitions.hpp"
#include "service/talent/evidence.hpp"

namespace skb::service {

// A judged aspect counts as this many exam items (docs/portrait.md).
constexpr double kJudgedAspectWeight = 3;

// The entry's evidence as its marks stand now (none once withdrawn).
std::vector<EvidenceInput> derive_entry_evidence(store::Connection& conn, const EventView& event, std::int64_t entry_id);
void refresh_entry_evidence(store::Connection& conn, const Context& ctx, const EventView& event, std::int64_t entry_id);
void refresh_event_evidence(store::Connection& conn, const Context& ctx, std::int64_t event_id);

// Every entry's evidence derived afresh, keyed as stored (scope "entry:<id>"), for the check command.
std::vector<DerivedEvidence> derive_all_contest_evidence(store::Connection& conn);

}  // namespace skb::service
