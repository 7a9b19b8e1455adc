#pragma once
// 智能裁判: judges' tasks and marks, the append-only mark log, standings computed from it, and the
// chief judge's report on each judge. Marks are idempotent by the judge's client id.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/contest/awards.hpp"
#include "core/contest/judge_report.hpp"
#include "core/contest/ranking.hpp"
#include "core/contest/scoring.hpp"
#include "service/contest/competitions.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct MarkInput {
  std::string client_id;  // chosen by the judge's device; a resend with the same id is not a new mark
  std::int64_t entry_id = 0;
  std::int64_t aspect_id = 0;
  double value = 0;
};

struct MarkReceipt {
  std::string client_id;
  std::int64_t seq = 0;
  bool replayed = false;  // this client id was already recorded
};

// What one judge has to mark in one event: the entries by anonymous code, the aspects, their own marks.
struct JudgeTask {
  EventView event;
  std::optional<std::int64_t> venue_id;
  std::optional<std::int64_t> component_id;
  std::vector<std::int64_t> aspect_ids;  // the judge's aspect panel; empty: every aspect of the component (or event)
  bool chief = false;
  struct TaskEntry {
    std::int64_t entry_id = 0;
    std::string entry_code;
    std::string status;
    bool conflict = false;  // from the judge's own enterprise: not to be marked by them
  };
  std::vector<TaskEntry> entries;
  struct OwnMark {
    std::int64_t entry_id = 0;
    std::int64_t aspect_id = 0;
    double value = 0;
  };
  std::vector<OwnMark> marks;
};

struct EntryResult {
  EntryView entry;
  std::vector<core::ComponentScore> components;
  std::vector<core::AspectScore> aspects;
  double total = 0;
  int rank = 0;
  bool tied = false;
  bool complete = false;
  bool flagged = false;
  bool disqualified = false;
  std::string award;   // 一等奖 …, empty when none (computed from the event's tiers; see core/contest/awards.hpp)
  std::string honour;  // 技术能手 …
  std::optional<core::SkillLevel> promote_to;
};

struct Standings {
  std::int64_t event_id = 0;
  std::optional<std::int64_t> venue_id;
  core::TotalMode mode = core::TotalMode::raw_sum;
  std::int64_t last_seq = 0;  // the mark log position these standings reflect
  bool locked = false;        // the chief judge signed the event off
  std::vector<EntryResult> results;  // in rank order
};

class JudgingService {
 public:
  explicit JudgingService(const Context& ctx) : ctx_(ctx) {}

  std::vector<JudgeTask> my_tasks(const Actor& actor) const;
  // All marks in one transaction: every mark is valid or none is recorded.
  std::vector<MarkReceipt> submit(const Actor& actor, const std::vector<MarkInput>& marks);
  Standings standings(const Actor& actor, std::int64_t event_id, std::optional<std::int64_t> venue_id) const;
  std::vector<core::JudgeSummary> judge_report(const Actor& actor, std::int64_t event_id) const;

 private:
  const Context& ctx_;
};

std::vector<core::AwardTier> load_award_tiers(store::Connection& conn, std::int64_t event_id);

// Who records marks and what they may mark: a judge by assignment, a device by venue and aspect kind.
struct MarkTarget {
  std::int64_t event_id = 0;
  std::optional<std::int64_t> venue_id;
  std::int64_t org_id = 0;  // the entrant's enterprise (a team's own organisation)
  std::vector<std::int64_t> member_orgs;  // each member's, for conflicts of interest through any of them
};
struct Marker {
  std::int64_t user_id = 0;  // the account the mark log records (a device has one of its own)
  std::string name;          // for the audit log
  std::string source;        // judge, device
  std::function<bool(const MarkTarget&, const AspectDef&, std::int64_t component_id)> may_mark;
};
// Validates and appends marks in the caller's transaction: all or none. A resent client_id is a replay.
std::vector<MarkReceipt> record_marks(store::Connection& conn, const Context& ctx, const Marker& marker, const std::vector<MarkInput>& marks);

// Judging is blind: a judge marking the event (not its chief judge, not an organiser) sees entry codes,
// never names, teams, organisations or bibs.
bool marks_blind(store::Connection& conn, const Actor& actor, const EventView& event);
// An entry as a marker sees it: blind, with every identifying field (name, team, members, organisation,
// bib, worker, board row id) empty; otherwise with its public board row id filled in.
void present_entry(EntryView& entry, bool blind, const Sealer& sealer);

// Computes standings from the event's scheme, entries and latest marks (no permission checks): the whole
// event, or the entrants of one venue (kNoVenue: those registered without a venue), ranked among themselves.
inline constexpr std::int64_t kNoVenue = -1;  // not 0, which aspect locks use for "every venue"
Standings compute_standings(store::Connection& conn, std::int64_t event_id, std::optional<std::int64_t> venue_id);

}  // namespace skb::service
