#include "service/contest/judging.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "core/contest/competition.hpp"
#include "core/platform/error.hpp"
#include "service/contest/entry_scoring.hpp"
#include "service/contest/evidence.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

using core::Permission;

struct Assignment {
  std::int64_t id;
  std::int64_t event_id;
  std::optional<std::int64_t> venue_id;
  std::optional<std::int64_t> component_id;
  bool chief;
  std::optional<std::int64_t> home_org_id;
  bool overridden;
  std::vector<std::int64_t> aspect_ids;  // the aspect panel; empty: every aspect in scope
};

std::vector<Assignment> assignments_of(store::Connection& c, std::int64_t user_id, std::optional<std::int64_t> event_id) {
  std::vector<Assignment> out;
  std::string sql = "SELECT id, event_id, venue_id, component_id, chief, home_org_id, override_reason FROM judge_assignments WHERE user_id = ?";
  store::Params params{user_id};
  if (event_id) {
    sql += " AND event_id = ?";
    params.push_back(*event_id);
  }
  for (const auto& r : c.query(sql + " ORDER BY event_id, id", params)) {
    Assignment a{r.i64(0), r.i64(1), r.opt_i64(2), r.opt_i64(3), r.i64(4) != 0, r.opt_i64(5), !r.str(6).empty(), {}};
    for (const auto& p : c.query("SELECT aspect_id FROM judge_assignment_aspects WHERE assignment_id = ? ORDER BY aspect_id", {a.id}))
      a.aspect_ids.push_back(p.i64(0));
    out.push_back(std::move(a));
  }
  return out;
}

// Does this assignment cover marking `aspect` (of `aspect_component`) of the entrant `t`?
bool covers(const Assignment& a, const MarkTarget& t, std::int64_t aspect, std::int64_t aspect_component) {
  if (a.venue_id && a.venue_id != t.venue_id) return false;
  if (a.component_id && *a.component_id != aspect_component) return false;
  if (!a.aspect_ids.empty() && std::find(a.aspect_ids.begin(), a.aspect_ids.end(), aspect) == a.aspect_ids.end()) return false;
  return !(a.home_org_id && !a.overridden && from_org(t.org_id, t.member_orgs, *a.home_org_id));  // conflict of interest
}


}  // namespace

bool marks_blind(store::Connection& c, const Actor& actor, const EventView& event) {
  const auto mine = assignments_of(c, actor.user_id, event.summary.id);
  return std::any_of(mine.begin(), mine.end(), [](const Assignment& a) { return !a.chief; }) &&
         std::none_of(mine.begin(), mine.end(), [](const Assignment& a) { return a.chief; }) &&
         !actor.can(Permission::manage_competitions, event.org_path);
}

void present_entry(EntryView& entry, bool blind, const Sealer& sealer) {
  if (!blind) {
    entry.board_row_id = board_row_id(sealer, entry.id);
    return;
  }
  entry.worker_name.clear();
  entry.team_name.clear();
  entry.members.clear();
  entry.org_name.clear();
  entry.bib.clear();
  entry.worker_id = 0;
  entry.org_id = 0;
  entry.board_row_id.clear();
}

std::vector<core::AwardTier> load_award_tiers(store::Connection& c, std::int64_t event_id) {
  std::vector<core::AwardTier> tiers;
  for (const auto& r : c.query("SELECT name, places, percent, honour, promote_to FROM award_tiers WHERE event_id = ? ORDER BY position",
                               {event_id})) {
    core::AwardTier t;
    t.name = r.str(0);
    if (!r.is_null(1)) t.count = static_cast<int>(r.i64(1));
    if (!r.is_null(2)) t.percent = r.f64(2);
    t.honour = r.str(3);
    if (!r.is_null(4)) t.promote_to = static_cast<core::SkillLevel>(r.i64(4));
    tiers.push_back(std::move(t));
  }
  return tiers;
}

std::vector<JudgeTask> JudgingService::my_tasks(const Actor& actor) const {
  require_somewhere(actor, Permission::mark_entries);
  std::vector<JudgeTask> tasks;
  ctx_.db.read([&](store::Connection& c) {
    for (const auto& a : assignments_of(c, actor.user_id, std::nullopt)) {
      JudgeTask t;
      t.event = load_event(c, a.event_id);
      t.venue_id = a.venue_id;
      t.component_id = a.component_id;
      t.chief = a.chief;
      t.aspect_ids = a.aspect_ids;
      for (const auto& e : load_entries(c, a.event_id)) {
        if (a.venue_id && e.venue_id != a.venue_id) continue;
        if (e.status == "withdrawn") continue;
        t.entries.push_back({e.id, e.entry_code, e.status, a.home_org_id && entry_from_org(e, *a.home_org_id) && !a.overridden});
      }
      std::map<std::pair<std::int64_t, std::int64_t>, double> latest;
      for (const auto& r : c.query("SELECT entry_id, aspect_id, value FROM marks WHERE event_id = ? AND judge_user_id = ? ORDER BY seq",
                                   {a.event_id, actor.user_id}))
        latest[{r.i64(0), r.i64(1)}] = r.f64(2);
      for (const auto& [key, value] : latest) t.marks.push_back({key.first, key.second, value});
      tasks.push_back(std::move(t));
    }
  });
  return tasks;
}

std::vector<MarkReceipt> record_marks(store::Connection& c, const Context& ctx, const Marker& marker, const std::vector<MarkInput>& marks) {
  if (marks.empty()) throw core::invalid("marks", "没有评分 (no marks)");
  if (marks.size() > 500) throw core::invalid("marks", "一次最多提交500条评分 (at most 500 marks per request)");
  std::vector<MarkReceipt> receipts;
  std::map<std::int64_t, EventView> events;
  std::map<std::int64_t, std::vector<std::int64_t>> member_orgs;  // per entry: a batch marks few entrants many times
  std::set<std::pair<std::int64_t, std::int64_t>> touched;         // (event, entry) whose evidence follows the marks
  for (size_t i = 0; i < marks.size(); ++i) {
    const auto& m = marks[i];
    const auto field = [&](const char* name) { return fmt::format("marks[{}].{}", i, name); };
    if (m.client_id.empty() || m.client_id.size() > 100) throw core::invalid(field("client_id"), "client_id 应为1–100个字符");
    if (auto seen = c.query_one("SELECT seq, entry_id, aspect_id, value FROM marks WHERE judge_user_id = ? AND client_id = ?",
                                {marker.user_id, m.client_id})) {
      // The stored value is the canonical mark, within a billionth of what was sent (core::canonical_mark).
      if (seen->i64(1) != m.entry_id || seen->i64(2) != m.aspect_id || std::abs(seen->f64(3) - m.value) > 1e-9)
        throw core::Error(core::ErrorKind::conflict, "client_id_reused", "client_id 已用于另一条评分 (client_id was used for another mark)",
                          field("client_id"));
      receipts.push_back({m.client_id, seen->i64(0), true});
      continue;
    }
    auto entry = c.query_one("SELECT event_id, venue_id, org_id, status FROM entries WHERE id = ?", {m.entry_id});
    if (!entry) throw core::invalid(field("entry_id"), "参赛者不存在 (no such entry)");
    const auto event_id = entry->i64(0);
    auto ev = events.find(event_id);
    if (ev == events.end()) ev = events.emplace(event_id, load_event(c, event_id)).first;
    const EventView& event = ev->second;
    if (event.competition_status != core::CompetitionStatus::running)
      throw core::conflict("not_running", "竞赛不在进行中，不能评分 (the competition is not running)");
    if (entry->str(3) == "withdrawn") throw core::conflict("withdrawn", "该参赛者已退赛 (the entrant withdrew)");
    if (c.query_one("SELECT 1 FROM events WHERE id = ? AND locked_at IS NOT NULL", {event_id}))
      throw core::conflict("event_locked", "该赛项已由裁判长锁定 (the chief judge locked this event)");
    if (c.query_one("SELECT 1 FROM aspect_locks WHERE event_id = ? AND aspect_id = ? AND venue_key IN (0, ?) LIMIT 1",
                    {event_id, m.aspect_id, entry->opt_i64(1).value_or(0)}))
      throw core::Error(core::ErrorKind::conflict, "aspect_locked",
                        "裁判长已锁定该评分细项，修改需走成绩更正流程 (the chief judge locked this aspect; a change needs a correction)",
                        field("aspect_id"));
    const AspectDef* aspect = nullptr;
    std::int64_t component_id = 0;
    for (const auto& comp : event.components)
      for (const auto& a : comp.aspects)
        if (a.id == m.aspect_id) aspect = &a, component_id = comp.id;
    if (!aspect) throw core::invalid(field("aspect_id"), "评分细项不属于该赛项 (the aspect is not this event's)");
    auto orgs = member_orgs.find(m.entry_id);
    if (orgs == member_orgs.end()) {
      orgs = member_orgs.emplace(m.entry_id, std::vector<std::int64_t>{}).first;
      for (const auto& r : c.query("SELECT w.org_id FROM entry_members m JOIN workers w ON w.id = m.worker_id WHERE m.entry_id = ?", {m.entry_id}))
        orgs->second.push_back(r.i64(0));
    }
    const MarkTarget target{event_id, entry->opt_i64(1), entry->i64(2), orgs->second};
    if (!marker.may_mark(target, *aspect, component_id))
      throw core::forbidden("您未被指派为该参赛者的此项评分，或存在利益冲突 (not assigned to mark this, or a conflict of interest)");
    if (auto problem = core::check_mark(to_core(*aspect), m.value)) throw core::invalid(field("value"), *problem);
    const double value = core::canonical_mark(to_core(*aspect), m.value);
    const auto seq = c.insert_returning_id(
        "INSERT INTO marks(event_id, entry_id, aspect_id, judge_user_id, value, client_id, source, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
        {event_id, m.entry_id, m.aspect_id, marker.user_id, value, m.client_id, marker.source, ctx.now_rfc3339()});
    const bool amendment = c.query_one("SELECT 1 FROM marks WHERE entry_id = ? AND aspect_id = ? AND judge_user_id = ? AND seq < ? LIMIT 1",
                                       {m.entry_id, m.aspect_id, marker.user_id, seq})
                               .has_value();
    append_audit(c, ctx, {marker.name, amendment ? "mark.amend" : "mark.create", "mark", std::to_string(seq),
                          skb::service::json_text(boost::json::object{{"entry_id", m.entry_id}, {"aspect_id", m.aspect_id},
                                                                     {"value", value}, {"source", marker.source}})});
    receipts.push_back({m.client_id, seq, false});
    touched.insert({event_id, m.entry_id});
  }
  for (const auto& [event_id, entry_id] : touched) refresh_entry_evidence(c, ctx, events.at(event_id), entry_id);
  return receipts;
}

std::vector<MarkReceipt> JudgingService::submit(const Actor& actor, const std::vector<MarkInput>& marks) {
  require_somewhere(actor, Permission::mark_entries);
  std::vector<MarkReceipt> receipts;
  ctx_.db.write([&](store::Connection& c) {
    std::map<std::int64_t, std::vector<Assignment>> assignments;
    Marker marker{actor.user_id, actor.username, "judge", [&](const MarkTarget& t, const AspectDef& aspect, std::int64_t component_id) {
                    auto as = assignments.find(t.event_id);
                    if (as == assignments.end()) as = assignments.emplace(t.event_id, assignments_of(c, actor.user_id, t.event_id)).first;
                    return std::any_of(as->second.begin(), as->second.end(),
                                       [&](const Assignment& a) { return covers(a, t, aspect.id, component_id); });
                  }};
    receipts = record_marks(c, ctx_, marker, marks);
  });
  ctx_.changes->marks_committed();
  return receipts;
}

Standings compute_standings(store::Connection& c, std::int64_t event_id, std::optional<std::int64_t> venue_id) {
  const auto event = load_event(c, event_id);
  Standings s;
  s.event_id = event_id;
  s.venue_id = venue_id;
  s.mode = event.summary.total_mode;
  s.locked = c.query_one("SELECT locked_at FROM events WHERE id = ?", {event_id})->is_null(0) == false;
  const auto marks = load_event_marks(c, event_id, s.last_seq);
  const EntryMarks none;
  std::map<std::int64_t, EntryResult> results;
  for (const auto& entry : load_entries(c, event_id)) {
    if (entry.status == "withdrawn") continue;
    auto it = marks.find(entry.id);
    results.emplace(entry.id, score_entry(event, entry, it == marks.end() ? none : it->second));
  }
  // Timed tasks are scored against the whole field (every venue), before a venue's view is taken.
  std::vector<EntryResult*> field;
  for (auto& [id, r] : results) field.push_back(&r);
  apply_field_scores(event, field, load_time_allowances(c, event_id));
  if (venue_id) std::erase_if(results, [&](const auto& kv) { return kv.second.entry.venue_id.value_or(kNoVenue) != *venue_id; });
  std::vector<core::RankInput> inputs;
  for (const auto& [id, r] : results) inputs.push_back(rank_input(r));
  const auto standings = core::rank_entries(inputs, event.summary.tie_breaks);
  const auto tiers = load_award_tiers(c, event_id);
  // Awards go to complete, unflagged results only: a prize never rests on marks still in question.
  std::vector<core::Standing> eligible;
  for (const auto& st : standings) {
    const auto& r = results.at(st.entry_id);
    if (r.complete && !r.flagged) eligible.push_back(st);
  }
  std::map<std::int64_t, int> tier_of;
  for (const auto& a : core::assign_awards(eligible, tiers)) tier_of[a.entry_id] = a.tier;
  for (const auto& st : standings) {
    auto& r = results.at(st.entry_id);
    r.rank = st.rank;
    r.tied = st.tied;
    if (auto it = tier_of.find(st.entry_id); it != tier_of.end() && it->second >= 0) {
      const auto& tier = tiers[static_cast<size_t>(it->second)];
      r.award = tier.name;
      r.honour = tier.honour;
      r.promote_to = tier.promote_to;
    }
    s.results.push_back(std::move(r));
  }
  return s;
}

Standings JudgingService::standings(const Actor& actor, std::int64_t event_id, std::optional<std::int64_t> venue_id) const {
  Standings s;
  ctx_.db.read([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    const auto mine = assignments_of(c, actor.user_id, event_id);
    if (mine.empty()) require(actor, Permission::read_competitions, event.org_path);
    s = compute_standings(c, event_id, venue_id);
    const bool blind = marks_blind(c, actor, event);
    for (auto& r : s.results) present_entry(r.entry, blind, ctx_.sealer);
  });
  return s;
}

std::vector<core::JudgeSummary> JudgingService::judge_report(const Actor& actor, std::int64_t event_id) const {
  std::vector<core::JudgeSummary> report;
  ctx_.db.read([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    const auto mine = assignments_of(c, actor.user_id, event_id);
    const bool chief_here = std::any_of(mine.begin(), mine.end(), [](const Assignment& a) { return a.chief; });
    if (!chief_here) require(actor, Permission::lead_judging, event.org_path);
    std::map<std::int64_t, bool> judgement_aspects;
    for (const auto& comp : event.components)
      for (const auto& a : comp.aspects)
        if (a.kind == core::AspectKind::judgement) judgement_aspects[a.id] = true;
    std::map<std::int64_t, std::optional<std::int64_t>> home;
    for (const auto& r : c.query("SELECT user_id, home_org_id FROM judge_assignments WHERE event_id = ?", {event_id}))
      home[r.i64(0)] = r.opt_i64(1);
    std::map<std::int64_t, EntryView> entries;
    for (auto& e : load_entries(c, event_id)) entries.emplace(e.id, std::move(e));
    std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, double> latest;
    for (const auto& r : c.query("SELECT judge_user_id, entry_id, aspect_id, value FROM marks WHERE event_id = ? ORDER BY seq", {event_id}))
      if (judgement_aspects.count(r.i64(2))) latest[{r.i64(0), r.i64(1), r.i64(2)}] = r.f64(3);
    std::vector<core::PanelMark> marks;
    for (const auto& [key, value] : latest) {
      const auto [judge, entry, aspect] = key;
      const auto h = home[judge];
      const auto e = entries.find(entry);
      marks.push_back({judge, entry, aspect, value, h && e != entries.end() && entry_from_org(e->second, *h)});
    }
    report = core::judge_report(marks);
  });
  return report;
}

}  // namespace skb::service
