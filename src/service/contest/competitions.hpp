#pragma once
// 竞赛组织: competitions, venues, events with their marking schemes, entries (registration, bibs,
// anonymous codes, check-in) and judge assignments with conflict-of-interest checks.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/contest/competition.hpp"
#include "core/people/skill_level.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct VenueView {
  std::int64_t id = 0;
  std::string name, city, address;
};

struct EventSummary {
  std::int64_t id = 0;
  std::int64_t competition_id = 0;
  std::string name;
  std::int64_t work_type_id = 0;
  std::string work_type_name;
  int team_size = 1;
  core::TotalMode total_mode = core::TotalMode::raw_sum;
  std::vector<core::TieBreak> tie_breaks;
  int min_judges = 3;
  bool standardise_venues = false;  // each component standardised per venue before ranking
  // Entrants' skill-level limits: the lowest level admitted and the highest (nullopt: no limit).
  std::optional<core::SkillLevel> min_skill_level, max_skill_level;
  std::vector<std::int64_t> venue_ids;
  std::int64_t entry_count = 0;
};

struct CompetitionView {
  std::int64_t id = 0;
  std::string name;
  core::CompetitionLevel level = core::CompetitionLevel::city;
  std::int64_t organiser_org_id = 0;
  std::string organiser_name;
  std::string org_path;
  std::string starts_on, ends_on;
  core::CompetitionStatus status = core::CompetitionStatus::draft;
  std::vector<VenueView> venues;
  std::vector<EventSummary> events;
};

struct CompetitionInput {
  std::string name;
  std::string level;
  std::int64_t organiser_org_id = 0;
  std::string starts_on, ends_on;
};

struct EventInput {
  std::string name;
  std::int64_t work_type_id = 0;
  int team_size = 1;
  std::string total_mode = "raw_sum";
  std::vector<std::string> tie_breaks{"practical_higher", "time_lower"};
  int min_judges = 3;
  bool standardise_venues = false;
  std::string min_skill_level, max_skill_level;  // level codes, "" for no limit
  std::vector<std::int64_t> venue_ids;
};

struct AspectDef {
  std::int64_t id = 0;
  std::string criterion;
  std::string name;
  core::AspectKind kind = core::AspectKind::measurement;
  double max_mark = 0;
  double step = 0.5;
  std::vector<core::MeasureBand> bands;
  std::optional<std::int64_t> dimension_id;
  bool disqualifies = false;
};

struct ComponentDef {
  std::int64_t id = 0;
  core::ComponentKind kind = core::ComponentKind::practical;
  std::string name;
  double max_mark = 100;
  double weight = 1;
  std::optional<double> time_limit_seconds;
  std::vector<AspectDef> aspects;
};

struct EventView {
  EventSummary summary;
  std::string competition_name;
  core::CompetitionStatus competition_status = core::CompetitionStatus::draft;
  std::string org_path;
  std::vector<ComponentDef> components;
  bool scheme_frozen = false;  // marking has started
  std::string locked_at, locked_by;  // the chief judge's lock ("" while open)
};

struct EntryMember {
  std::int64_t worker_id = 0;
  std::string name;
  std::int64_t org_id = 0;
  std::string org_name;
};

struct EntryView {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t worker_id = 0;  // a team's captain (its first member)
  std::string worker_name;     // the entrant's name: the worker's, or the team's
  std::string team_name;       // "" for an individual entry
  std::vector<EntryMember> members;  // captain first; the one worker of an individual entry
  std::int64_t org_id = 0;
  std::string org_name;
  std::optional<std::int64_t> venue_id;
  std::string venue_name;
  std::string bib;
  std::string entry_code;
  std::string status;  // registered, checked_in, withdrawn
  std::string workstation;  // from the draw, e.g. "A07" ("" before it)
  // The entrant's row on the public boards (board_row_id): filled only for staff who see identities,
  // so nobody marking blind can join a board row (name) to an entry id or code.
  std::string board_row_id;
};

// A board row's public identifier: a keyed hash of the entry id, stable across restarts and nodes
// (the personal-data key), and not joinable to the entry id without that key.
std::string board_row_id(const Sealer& sealer, std::int64_t entry_id);

// True when the entrant (or any member of the team) comes from this organisation: a judge's conflict of interest.
bool from_org(std::int64_t entry_org, const std::vector<std::int64_t>& member_orgs, std::int64_t org_id);
bool entry_from_org(const EntryView& entry, std::int64_t org_id);

struct EntryInput {
  std::vector<std::int64_t> member_ids;  // one worker, or team_size workers with the captain first
  std::string team_name;                 // team events only
  std::optional<std::int64_t> org_id;    // the organisation a team represents; default: the members' common one
  std::optional<std::int64_t> venue_id;
};

struct DrawResult {
  std::string seed;
  std::vector<EntryView> entries;
};

struct JudgeAssignmentInput {
  std::int64_t user_id = 0;
  std::optional<std::int64_t> venue_id;
  std::optional<std::int64_t> component_id;
  bool chief = false;
  std::string override_reason;
  std::vector<std::int64_t> aspect_ids;  // the aspect panel; empty: every aspect of the component (or event)
};

struct JudgeAssignmentView {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t user_id = 0;
  std::string judge_name;
  std::optional<std::int64_t> venue_id;
  std::optional<std::int64_t> component_id;
  bool chief = false;
  std::optional<std::int64_t> home_org_id;
  std::string override_reason;
  std::vector<std::int64_t> aspect_ids;  // empty: every aspect in scope
};
// The aspect panel of each of the event's assignments (assignment id → aspects; absent: every aspect).
std::map<std::int64_t, std::vector<std::int64_t>> load_aspect_panels(store::Connection& conn, std::int64_t event_id);

struct JudgeCandidate {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  bool chief = false;           // holds a chief judge grant
  std::string home_org_name;    // their enterprise, for spotting conflicts of interest early
};

class CompetitionService {
 public:
  explicit CompetitionService(const Context& ctx) : ctx_(ctx) {}

  std::vector<CompetitionView> list(const Actor& actor) const;
  CompetitionView get(const Actor& actor, std::int64_t id) const;
  CompetitionView create(const Actor& actor, const CompetitionInput& input);
  CompetitionView set_status(const Actor& actor, std::int64_t id, const std::string& status);
  VenueView add_venue(const Actor& actor, std::int64_t competition_id, const VenueView& venue);

  EventView add_event(const Actor& actor, std::int64_t competition_id, const EventInput& input);
  EventView get_event(const Actor& actor, std::int64_t event_id) const;
  // Replaces the marking scheme; refused (409 scheme_frozen) once any mark exists.
  EventView set_scheme(const Actor& actor, std::int64_t event_id, const std::vector<ComponentDef>& components);

  // Registers a worker or a team after the eligibility checks of every member.
  EntryView register_entry(const Actor& actor, std::int64_t event_id, const EntryInput& input);
  std::vector<EntryView> list_entries(const Actor& actor, std::int64_t event_id) const;
  EntryView check_in(const Actor& actor, std::int64_t event_id, const std::string& entry_code);
  EntryView withdraw(const Actor& actor, std::int64_t event_id, std::int64_t entry_id, const std::string& reason);
  // Draws workstations per venue from a seed (random when empty), before the competition runs.
  DrawResult draw(const Actor& actor, std::int64_t event_id, const std::string& seed);

  JudgeAssignmentView assign_judge(const Actor& actor, std::int64_t event_id, const JudgeAssignmentInput& input);
  std::vector<JudgeAssignmentView> list_judges(const Actor& actor, std::int64_t event_id) const;
  // Accounts an organiser may assign as judges: every user holding a judge or chief judge grant.
  std::vector<JudgeCandidate> judge_candidates(const Actor& actor, std::int64_t competition_id) const;
  // The entry's code as an SVG QR code, printed on the entrant's card for check-in.
  std::string entry_qr_svg(const Actor& actor, std::int64_t event_id, std::int64_t entry_id) const;

 private:
  const Context& ctx_;
};

// Shared with judging and standings: the event with its scheme, loaded in the caller's transaction.
EventView load_event(store::Connection& conn, std::int64_t event_id);
std::vector<EntryView> load_entries(store::Connection& conn, std::int64_t event_id);
EntryView load_entry(store::Connection& conn, std::int64_t event_id, std::int64_t entry_id);  // 404 when not the event's
// The scheme as it will be stored: a theory component without aspects gets its one score aspect, names
// are trimmed, dimensions must be the work type's, and the whole is validated (400 invalid_scheme listing
// every problem by place).
// `min_judges` is the panel size the judgement rule is checked against (the event's, unless a correction
// keeps a scheme that already had judgement aspects).
std::vector<ComponentDef> checked_scheme(store::Connection& conn, const EventView& event, std::vector<ComponentDef> components,
                                         int min_judges);
// A measurement table as stored ("" when none).
std::string bands_json(const std::vector<core::MeasureBand>& bands);
// Writes `after` over the event's stored scheme `before` in place: parts with an id are rewritten (marks,
// aspect locks and judge assignments keep pointing at them), parts without one are added, parts left out
// are deleted (409 component_in_use while judges are assigned to such a component).
void write_scheme(store::Connection& conn, const EventView& before, const std::vector<ComponentDef>& after);
// A fresh anonymous entry code for blind judging, unique within the event.
std::string new_entry_code(store::Connection& conn, std::int64_t event_id);
// An entrant as stored: its members (captain first), team name and organisation.
struct NewEntry {
  std::vector<std::int64_t> member_ids;
  std::string team_name;
  std::int64_t org_id = 0;
  std::optional<std::int64_t> venue_id;
};
// Registers an entrant (no eligibility checks: the caller's) with the next bib and a fresh code; returns the entry id.
std::int64_t insert_entry(store::Connection& conn, const Context& ctx, std::int64_t event_id, const NewEntry& entry);
// The entrant of a stored entry, to register it again (the next stage of a competition).
NewEntry stored_entrant(store::Connection& conn, std::int64_t entry_id);

}  // namespace skb::service
