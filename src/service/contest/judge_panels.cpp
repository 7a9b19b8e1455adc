#include "service/contest/competitions.hpp"
#include "service/contest/competition_setup.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/people/auth.hpp"
#include "service/people/orgs.hpp"
#include "service/platform/audit.hpp"

// 裁判指派: judges and chief judges assigned to an event (by venue, component and aspect panel), with the
// conflict-of-interest check against entrants from the judge's own enterprise.
namespace skb::service {
namespace {

using core::Permission;

// A judge's own enterprise, for conflict-of-interest checks: their worker record's organisation,
// else the organisation of their judging grant.
std::optional<std::int64_t> home_org_of(store::Connection& c, std::int64_t user_id) {
  if (auto w = c.query_one("SELECT w.org_id FROM users u JOIN workers w ON w.id = u.worker_id WHERE u.id = ?", {user_id}))
    return w->i64(0);
  if (auto g = c.query_one("SELECT g.org_id FROM grants g JOIN orgs o ON o.id = g.org_id WHERE g.user_id = ? AND "
                           "g.role IN ('judge', 'chief_judge') AND o.kind = 'enterprise' LIMIT 1",
                           {user_id}))
    return g->i64(0);
  return std::nullopt;
}

}  // namespace

std::map<std::int64_t, std::vector<std::int64_t>> load_aspect_panels(store::Connection& c, std::int64_t event_id) {
  std::map<std::int64_t, std::vector<std::int64_t>> out;
  for (const auto& r : c.query("SELECT p.assignment_id, p.aspect_id FROM judge_assignment_aspects p JOIN judge_assignments j "
                               "ON j.id = p.assignment_id WHERE j.event_id = ? ORDER BY p.assignment_id, p.aspect_id",
                               {event_id}))
    out[r.i64(0)].push_back(r.i64(1));
  return out;
}

JudgeAssignmentView CompetitionService::assign_judge(const Actor& actor, std::int64_t event_id, const JudgeAssignmentInput& in) {
  JudgeAssignmentView out;
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    const std::string reason(core::trim(in.override_reason));
    // Organisers assign judges; overriding a conflict of interest is the chief judge's call.
    require(actor, reason.empty() ? Permission::manage_competitions : Permission::lead_judging, event.org_path);
    auto user = c.query_one("SELECT display_name FROM users WHERE id = ?", {in.user_id});
    if (!user) throw core::invalid("user_id", "用户不存在 (no such user)");
    const auto grants = load_grants(c, in.user_id);
    const auto needed = in.chief ? core::Role::chief_judge : core::Role::judge;
    if (std::none_of(grants.begin(), grants.end(), [&](const Grant& g) { return g.role == needed || g.role == core::Role::chief_judge; }))
      throw core::invalid("user_id", in.chief ? "该用户没有裁判长角色 (the user is not a chief judge)" : "该用户没有裁判角色 (the user is not a judge)");
    if (in.venue_id && std::find(event.summary.venue_ids.begin(), event.summary.venue_ids.end(), *in.venue_id) == event.summary.venue_ids.end())
      throw core::invalid("venue_id", "该赛项不在此赛区进行 (the event does not run at this venue)");
    if (in.component_id && std::none_of(event.components.begin(), event.components.end(), [&](const ComponentDef& d) { return d.id == *in.component_id; }))
      throw core::invalid("component_id", "考核项目不属于该赛项 (the component is not this event's)");
    // An aspect panel: aspects of the event, and of the assigned component when there is one.
    const std::set<std::int64_t> panel(in.aspect_ids.begin(), in.aspect_ids.end());
    for (auto aspect : panel) {
      const bool known = std::any_of(event.components.begin(), event.components.end(), [&](const ComponentDef& d) {
        return (!in.component_id || d.id == *in.component_id) &&
               std::any_of(d.aspects.begin(), d.aspects.end(), [&](const AspectDef& a) { return a.id == aspect; });
      });
      if (!known) throw core::invalid("aspect_ids", "评分细项不属于该赛项或所选考核项目 (an aspect of another event or task)");
    }
    if (c.query_one("SELECT 1 FROM judge_assignments WHERE event_id = ? AND user_id = ? AND COALESCE(venue_id, 0) = ? AND "
                    "COALESCE(component_id, 0) = ? AND chief = ?",
                    {event_id, in.user_id, in.venue_id.value_or(0), in.component_id.value_or(0), std::int64_t{in.chief ? 1 : 0}}))
      throw core::conflict("duplicate", "该裁判已有相同的指派 (the judge already has this assignment)");
    const auto home = home_org_of(c, in.user_id);
    if (home && reason.empty()) {
      // Conflict of interest: an entrant (or a team member) from the judge's own enterprise at the judged venue.
      store::Params params{event_id, *home, *home};
      std::string sql = "SELECT COUNT(*) FROM entries e WHERE e.event_id = ? AND e.status <> 'withdrawn' AND (e.org_id = ? OR EXISTS "
                        "(SELECT 1 FROM entry_members m JOIN workers w ON w.id = m.worker_id WHERE m.entry_id = e.id AND w.org_id = ?))";
      if (in.venue_id) {
        sql += " AND e.venue_id = ?";
        params.push_back(*in.venue_id);
      }
      if (const auto n = c.query_one(sql, params)->i64(0); n > 0)
        throw core::conflict("conflict_of_interest", fmt::format("该裁判与 {} 名参赛者来自同一单位；如确需指派，请由裁判长填写理由 "
                                                                 "({} entrant(s) are from the judge's own enterprise; an override needs a reason)",
                                                                 n, n));
    }
    const auto id = c.insert_returning_id(
        "INSERT INTO judge_assignments(event_id, user_id, venue_id, component_id, chief, home_org_id, override_reason, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {event_id, in.user_id, in.venue_id ? store::Value(*in.venue_id) : store::Value(nullptr),
         in.component_id ? store::Value(*in.component_id) : store::Value(nullptr), std::int64_t{in.chief ? 1 : 0},
         home ? store::Value(*home) : store::Value(nullptr), reason, ctx_.now_rfc3339()});
    boost::json::array aspects;
    for (auto aspect : panel) {
      c.execute("INSERT INTO judge_assignment_aspects(assignment_id, aspect_id) VALUES (?, ?)", {id, aspect});
      aspects.push_back(aspect);
    }
    append_audit(c, ctx_, {actor.username, reason.empty() ? "judge.assign" : "judge.assign_override", "judge_assignment",
                           std::to_string(id),
                           skb::service::json_text(boost::json::object{{"event_id", event_id}, {"user_id", in.user_id}, {"chief", in.chief},
                                                                      {"aspect_ids", aspects}, {"override_reason", reason}})});
    out = {id, event_id, in.user_id, user->str(0), in.venue_id, in.component_id, in.chief, home, reason, {panel.begin(), panel.end()}};
  });
  ctx_.changes->event_changed(event_id);  // who sees the live board follows the assignments
  return out;
}

std::vector<JudgeAssignmentView> CompetitionService::list_judges(const Actor& actor, std::int64_t event_id) const {
  std::vector<JudgeAssignmentView> out;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, Permission::read_competitions, load_event(c, event_id).org_path);
    for (const auto& r : c.query("SELECT j.id, j.event_id, j.user_id, u.display_name, j.venue_id, j.component_id, j.chief, "
                                 "j.home_org_id, j.override_reason FROM judge_assignments j JOIN users u ON u.id = j.user_id "
                                 "WHERE j.event_id = ? ORDER BY j.id",
                                 {event_id}))
      out.push_back({r.i64(0), r.i64(1), r.i64(2), r.str(3), r.opt_i64(4), r.opt_i64(5), r.i64(6) != 0, r.opt_i64(7), r.str(8), {}});
    const auto panels = load_aspect_panels(c, event_id);
    for (auto& j : out)
      if (auto it = panels.find(j.id); it != panels.end()) j.aspect_ids = it->second;
  });
  return out;
}

std::vector<JudgeCandidate> CompetitionService::judge_candidates(const Actor& actor, std::int64_t competition_id) const {
  std::vector<JudgeCandidate> out;
  ctx_.db.read([&](store::Connection& c) {
    const auto path = competition_row(c, competition_id).org_path;
    // Organisers assign judges and chief judges override conflicts: both pick from this list.
    if (!actor.can(Permission::manage_competitions, path)) require(actor, Permission::lead_judging, path);
    for (const auto& r : c.query("SELECT u.id, u.username, u.display_name, MAX(CASE WHEN g.role = 'chief_judge' THEN 1 ELSE 0 END) "
                                 "FROM users u JOIN grants g ON g.user_id = u.id WHERE g.role IN ('judge', 'chief_judge') AND u.disabled = 0 "
                                 "GROUP BY u.id, u.username, u.display_name ORDER BY u.id")) {
      JudgeCandidate j{r.i64(0), r.str(1), r.str(2), r.i64(3) != 0, ""};
      if (auto home = home_org_of(c, j.user_id)) j.home_org_name = load_org(c, *home).name;
      out.push_back(std::move(j));
    }
  });
  return out;
}

}  // namespace skb::service
