#pragma once
// One entrant's result from their marks: the single rule compute_standings (pages, exports, awards)
// and the live boards both use, so a big screen never shows a total the results page would not.
#include <cstdint>
#include <map>

#include "core/contest/ranking.hpp"
#include "service/contest/competitions.hpp"
#include "service/contest/judging.hpp"

namespace skb::service {

// The latest mark of each judge on one aspect of one entrant, as the log stands.
struct AspectLog {
  std::map<std::int64_t, std::pair<double, std::int64_t>> by_judge;  // judge → (value, seq)
  std::int64_t last_seq = 0;        // the newest mark on this aspect
  std::int64_t resolved_up_to = 0;  // the chief judge cleared the flag for marks up to here
};
using EntryMarks = std::map<std::int64_t, AspectLog>;  // aspect id → log

core::Aspect to_core(const AspectDef& a);

// Applies one mark of the log; an older or repeated mark (seq not newer than the judge's) changes nothing.
bool apply_mark(EntryMarks& marks, std::int64_t aspect_id, std::int64_t judge_id, double value, std::int64_t seq);

// Every entrant's marks in one event from the log, with the chief judge's flag resolutions; `last_seq`
// gets the newest mark's seq (0 when none).
std::map<std::int64_t, EntryMarks> load_event_marks(store::Connection& conn, std::int64_t event_id, std::int64_t& last_seq);

// Component and aspect scores, total, complete/flagged/disqualified. Rank and award are left unset.
EntryResult score_entry(const EventView& event, const EntryView& entry, const EntryMarks& marks);

// Seconds to take off recorded times: venue → component → seconds (an outage's time allowance).
using TimeAllowances = std::map<std::int64_t, std::map<std::int64_t, double>>;
TimeAllowances load_time_allowances(store::Connection& conn, std::int64_t event_id);

// The field-wide part of scoring, after score_entry for every entrant of the event (all venues: one
// task, one benchmark): each timed task's time less the venue's allowance, and time-based marks
// relative to the fastest not disqualified. Updates aspect, component and total in place.
// Then, when the event standardises venues, each component per venue (core::standardise_by_venue).
void apply_field_scores(const EventView& event, const std::vector<EntryResult*>& field, const TimeAllowances& allowances);
// Whether one entrant's marks can change others' results (time-based marks, standardisation).
bool scored_against_field(const EventView& event);

// What rank_entries (and the live board's key) sort the entrant by; time: the sum of timed tasks'
// seconds, none when any timed task has no time.
core::RankInput rank_input(const EntryResult& result);

}  // namespace skb::service
