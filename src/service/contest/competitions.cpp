#include "service/contest/competitions.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "core/platform/calendar.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/contest/results.hpp"
#include "service/people/auth.hpp"
#include "service/people/orgs.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

using core::Permission;

std::string text_field(const std::string& raw, const char* field, size_t max_chars, bool required = true) {
  std::string v(core::trim(raw));
  if (required && v.empty()) throw core::invalid(field, std::string(field) + " 为必填项 (is required)");
  if (!core::is_valid_utf8(v) || core::utf8_length(v) > max_chars)
    throw core::invalid(field, std::string(field) + " 过长 (at most " + std::to_string(max_chars) + " characters)");
  return v;
}

struct CompetitionRow {
  std::int64_t id;
  std::string org_path;
  core::CompetitionStatus status;
};

CompetitionRow competition_row(store::Connection& c, std::int64_t id) {
  auto r = c.query_one("SELECT id, org_path, status FROM competitions WHERE id = ?", {id});
  if (!r) throw core::not_found("competition " + std::to_string(id));
  return {r->i64(0), r->str(1), core::parse_competition_status(r->str(2)).value_or(core::CompetitionStatus::draft)};
}

// Venues and events are added until marking closes: a published result set never gains an empty event.
void require_open_for_setup(const Actor& actor, const CompetitionRow& row) {
  require(actor, Permission::manage_competitions, row.org_path);
  if (row.status == core::CompetitionStatus::marking_closed || row.status == core::CompetitionStatus::published)
    throw core::conflict("competition_closed", "评分已截止或成绩已发布，不能再新增赛区或赛项 (marking has closed: no new venues or events)");
}

std::vector<core::TieBreak> parse_tie_breaks(const std::string& text) {
  std::vector<core::TieBreak> out;
  for (const auto& part : core::split_list(text))
    if (auto t = core::parse_tie_break(part)) out.push_back(*t);
  return out;
}

std::string join_tie_breaks(const std::vector<core::TieBreak>& rules) {
  std::string out;
  for (auto r : rules) out += (out.empty() ? "" : ",") + std::string(core::to_code(r));
  return out;
}

std::optional<core::SkillLevel> level_limit(const std::string& code, const char* field) {
  if (core::trim(code).empty()) return std::nullopt;
  if (auto level = core::parse_skill_level(core::trim(code))) return level;
  throw core::invalid(field, std::string(field) + " 应为技能等级 (junior … senior_technician)");
}

EventSummary summary_from(store::Connection& c, const store::Row& r) {
  EventSummary e;
  e.id = r.i64(0);
  e.competition_id = r.i64(1);
  e.name = r.str(2);
  e.work_type_id = r.i64(3);
  e.work_type_name = r.str(4);
  e.team_size = static_cast<int>(r.i64(5));
  e.total_mode = core::parse_total_mode(r.str(6)).value_or(core::TotalMode::raw_sum);
  e.tie_breaks = parse_tie_breaks(r.str(7));
  e.min_judges = static_cast<int>(r.i64(8));
  e.standardise_venues = r.i64(9) != 0;
  if (!r.is_null(10)) e.min_skill_level = static_cast<core::SkillLevel>(r.i64(10));
  if (!r.is_null(11)) e.max_skill_level = static_cast<core::SkillLevel>(r.i64(11));
  for (const auto& v : c.query("SELECT venue_id FROM event_venues WHERE event_id = ? ORDER BY venue_id", {e.id}))
    e.venue_ids.push_back(v.i64(0));
  e.entry_count = c.query_one("SELECT COUNT(*) FROM entries WHERE event_id = ? AND status <> 'withdrawn'", {e.id})->i64(0);
  return e;
}

constexpr const char* kEventSelect =
    "SELECT e.id, e.competition_id, e.name, e.work_type_id, w.name, e.team_size, e.total_mode, e.tie_breaks, e.min_judges, "
    "e.standardise_venues, e.min_skill_level, e.max_skill_level FROM events e JOIN work_types w ON w.id = e.work_type_id";

CompetitionView load_competition(store::Connection& c, std::int64_t id) {
  auto r = c.query_one(
      "SELECT c.id, c.name, c.level, c.organiser_org_id, o.name, c.org_path, c.starts_on, c.ends_on, c.status "
      "FROM competitions c JOIN orgs o ON o.id = c.organiser_org_id WHERE c.id = ?",
      {id});
  if (!r) throw core::not_found("competition " + std::to_string(id));
  CompetitionView v;
  v.id = r->i64(0);
  v.name = r->str(1);
  v.level = core::parse_competition_level(r->str(2)).value_or(core::CompetitionLevel::city);
  v.organiser_org_id = r->i64(3);
  v.organiser_name = r->str(4);
  v.org_path = r->str(5);
  v.starts_on = r->str(6);
  v.ends_on = r->str(7);
  v.status = core::parse_competition_status(r->str(8)).value_or(core::CompetitionStatus::draft);
  for (const auto& vr : c.query("SELECT id, name, city, address FROM venues WHERE competition_id = ? ORDER BY id", {id}))
    v.venues.push_back({vr.i64(0), vr.str(1), vr.str(2), vr.str(3)});
  for (const auto& er : c.query(std::string(kEventSelect) + " WHERE e.competition_id = ? ORDER BY e.id", {id}))
    v.events.push_back(summary_from(c, er));
  return v;
}

std::vector<core::MeasureBand> parse_bands(const std::string& text) {
  std::vector<core::MeasureBand> out;
  if (text.empty()) return out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& b : v.as_array()) {
    const auto& t = b.as_array();
    out.push_back({t.at(0).to_number<double>(), t.at(1).to_number<double>(), t.at(2).to_number<double>()});
  }
  return out;
}

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

std::string bands_json(const std::vector<core::MeasureBand>& bands) {
  if (bands.empty()) return "";
  boost::json::array a;
  for (const auto& b : bands) a.push_back(boost::json::array{b.from, b.to, b.marks});
  return skb::service::json_text(a);
}

EventView load_event(store::Connection& c, std::int64_t event_id) {
  auto r = c.query_one(std::string(kEventSelect) + " WHERE e.id = ?", {event_id});
  if (!r) throw core::not_found("event " + std::to_string(event_id));
  EventView v;
  v.summary = summary_from(c, *r);
  auto comp = c.query_one("SELECT name, status, org_path FROM competitions WHERE id = ?", {v.summary.competition_id});
  v.competition_name = comp->str(0);
  v.competition_status = core::parse_competition_status(comp->str(1)).value_or(core::CompetitionStatus::draft);
  v.org_path = comp->str(2);
  std::map<std::int64_t, size_t> index;
  for (const auto& cr : c.query("SELECT id, kind, name, max_mark, weight, time_limit_seconds FROM components WHERE event_id = ? "
                                "ORDER BY position",
                                {event_id})) {
    ComponentDef d;
    d.id = cr.i64(0);
    d.kind = core::parse_component_kind(cr.str(1)).value_or(core::ComponentKind::practical);
    d.name = cr.str(2);
    d.max_mark = cr.f64(3);
    d.weight = cr.f64(4);
    if (!cr.is_null(5)) d.time_limit_seconds = cr.f64(5);
    index[d.id] = v.components.size();
    v.components.push_back(std::move(d));
  }
  for (const auto& ar : c.query("SELECT a.id, a.component_id, a.criterion, a.name, a.kind, a.max_mark, a.step, a.bands, "
                                "a.dimension_id, a.disqualifies FROM aspects a JOIN components c ON c.id = a.component_id "
                                "WHERE c.event_id = ? ORDER BY c.position, a.position",
                                {event_id})) {
    AspectDef a;
    a.id = ar.i64(0);
    a.criterion = ar.str(2);
    a.name = ar.str(3);
    a.kind = core::parse_aspect_kind(ar.str(4)).value_or(core::AspectKind::measurement);
    a.max_mark = ar.f64(5);
    a.step = ar.f64(6);
    a.bands = parse_bands(ar.str(7));
    a.dimension_id = ar.opt_i64(8);
    a.disqualifies = ar.i64(9) != 0;
    v.components[index[ar.i64(1)]].aspects.push_back(std::move(a));
  }
  v.scheme_frozen = c.query_one("SELECT 1 FROM marks WHERE event_id = ? LIMIT 1", {event_id}).has_value();
  const auto lock = c.query_one("SELECT COALESCE(locked_at, ''), COALESCE(locked_by, '') FROM events WHERE id = ?", {event_id});
  v.locked_at = lock->str(0);
  v.locked_by = lock->str(1);
  return v;
}

std::vector<CompetitionView> CompetitionService::list(const Actor& actor) const {
  require_somewhere(actor, Permission::read_competitions);
  std::vector<CompetitionView> out;
  ctx_.db.read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT id, org_path FROM competitions ORDER BY starts_on DESC, id DESC")) {
      // Visible to those who may read competitions of the organiser, and to everyone judging in it.
      const bool judging = c.query_one("SELECT 1 FROM judge_assignments j JOIN events e ON e.id = j.event_id "
                                       "WHERE e.competition_id = ? AND j.user_id = ? LIMIT 1",
                                       {r.i64(0), actor.user_id})
                               .has_value();
      if (judging || actor.can(Permission::read_competitions, r.str(1))) out.push_back(load_competition(c, r.i64(0)));
    }
  });
  return out;
}

CompetitionView CompetitionService::get(const Actor& actor, std::int64_t id) const {
  CompetitionView v;
  ctx_.db.read([&](store::Connection& c) {
    v = load_competition(c, id);
    const bool judging = c.query_one("SELECT 1 FROM judge_assignments j JOIN events e ON e.id = j.event_id "
                                     "WHERE e.competition_id = ? AND j.user_id = ? LIMIT 1",
                                     {id, actor.user_id})
                             .has_value();
    if (!judging) require(actor, Permission::read_competitions, v.org_path);
  });
  return v;
}

CompetitionView CompetitionService::create(const Actor& actor, const CompetitionInput& in) {
  const auto name = text_field(in.name, "name", 100);
  const auto level = core::parse_competition_level(in.level);
  if (!level) throw core::invalid("level", "level 应为 enterprise / industry / city / province / national");
  if (!core::is_calendar_date(in.starts_on)) throw core::invalid("starts_on", "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)");
  if (!core::is_calendar_date(in.ends_on)) throw core::invalid("ends_on", "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)");
  if (in.ends_on < in.starts_on) throw core::invalid("ends_on", "结束日期不能早于开始日期 (ends before it starts)");
  CompetitionView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto org = load_org(c, in.organiser_org_id);
    require(actor, Permission::manage_competitions, org.path);
    const auto now = ctx_.now_rfc3339();
    const auto id = c.insert_returning_id(
        "INSERT INTO competitions(name, level, organiser_org_id, org_path, starts_on, ends_on, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
        {name, std::string(core::to_code(*level)), org.id, org.path, in.starts_on, in.ends_on, now, now});
    append_audit(c, ctx_, {actor.username, "competition.create", "competition", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"name", name}, {"level", in.level}, {"org_id", org.id}})});
    v = load_competition(c, id);
  });
  return v;
}

CompetitionView CompetitionService::set_status(const Actor& actor, std::int64_t id, const std::string& status_text) {
  const auto status = core::parse_competition_status(status_text);
  if (!status) throw core::invalid("status", "status 应为 draft / registration / running / marking_closed / published");
  CompetitionView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto row = competition_row(c, id);
    require(actor, Permission::manage_competitions, row.org_path);
    if (!core::may_move(row.status, *status))
      throw core::conflict("invalid_transition", "不能从 " + std::string(core::to_code(row.status)) + " 变为 " + status_text +
                                                     " (status moves one step at a time)");
    if (*status == core::CompetitionStatus::published) publish_results(c, ctx_, actor.username, id);
    c.execute("UPDATE competitions SET status = ?, updated_at = ? WHERE id = ?", {status_text, ctx_.now_rfc3339(), id});
    append_audit(c, ctx_, {actor.username, "competition.status", "competition", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"from", core::to_code(row.status)}, {"to", status_text}})});
    v = load_competition(c, id);
  });
  ctx_.changes->competition_changed(id);
  return v;
}

VenueView CompetitionService::add_venue(const Actor& actor, std::int64_t competition_id, const VenueView& in) {
  VenueView v{0, text_field(in.name, "name", 100), text_field(in.city, "city", 50, false), text_field(in.address, "address", 200, false)};
  ctx_.db.write([&](store::Connection& c) {
    require_open_for_setup(actor, competition_row(c, competition_id));
    if (c.query_one("SELECT 1 FROM venues WHERE competition_id = ? AND name = ?", {competition_id, v.name}))
      throw core::conflict("duplicate", "赛区名称已存在 (venue name already used)");
    v.id = c.insert_returning_id("INSERT INTO venues(competition_id, name, city, address) VALUES (?, ?, ?, ?) RETURNING id",
                                 {competition_id, v.name, v.city, v.address});
    append_audit(c, ctx_, {actor.username, "venue.create", "venue", std::to_string(v.id),
                           skb::service::json_text(boost::json::object{{"competition_id", competition_id}, {"name", v.name}})});
  });
  ctx_.changes->competition_changed(competition_id);
  return v;
}

EventView CompetitionService::add_event(const Actor& actor, std::int64_t competition_id, const EventInput& in) {
  const auto name = text_field(in.name, "name", 100);
  const auto mode = core::parse_total_mode(in.total_mode);
  if (!mode) throw core::invalid("total_mode", "total_mode 应为 weighted 或 raw_sum");
  std::vector<core::TieBreak> rules;
  for (const auto& t : in.tie_breaks) {
    auto r = core::parse_tie_break(t);
    if (!r) throw core::invalid("tie_breaks", "未知的并列规则 " + t + " (practical_higher, theory_higher, time_lower)");
    rules.push_back(*r);
  }
  if (in.team_size < 1 || in.team_size > 10) throw core::invalid("team_size", "team_size 应为 1–10");
  if (in.min_judges < 1 || in.min_judges > 15) throw core::invalid("min_judges", "min_judges 应为 1–15");
  const auto lowest = level_limit(in.min_skill_level, "min_skill_level");
  const auto highest = level_limit(in.max_skill_level, "max_skill_level");
  // Level numbers run downwards (1 = 高级技师), so the lowest admitted level has the larger number.
  if (lowest && highest && static_cast<int>(*lowest) < static_cast<int>(*highest))
    throw core::invalid("max_skill_level", "最高等级不能低于最低等级 (the highest level admitted is below the lowest)");
  const auto level_value = [](const std::optional<core::SkillLevel>& l) {
    return l ? store::Value(static_cast<std::int64_t>(*l)) : store::Value(nullptr);
  };
  EventView v;
  ctx_.db.write([&](store::Connection& c) {
    require_open_for_setup(actor, competition_row(c, competition_id));
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {in.work_type_id}))
      throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    for (auto venue : in.venue_ids)
      if (!c.query_one("SELECT 1 FROM venues WHERE id = ? AND competition_id = ?", {venue, competition_id}))
        throw core::invalid("venue_ids", "赛区不属于该竞赛 (venue " + std::to_string(venue) + " is not in this competition)");
    const auto id = c.insert_returning_id(
        "INSERT INTO events(competition_id, work_type_id, name, team_size, total_mode, tie_breaks, min_judges, standardise_venues, "
        "min_skill_level, max_skill_level, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
        {competition_id, in.work_type_id, name, std::int64_t{in.team_size}, std::string(core::to_code(*mode)),
         join_tie_breaks(rules), std::int64_t{in.min_judges}, std::int64_t{in.standardise_venues ? 1 : 0}, level_value(lowest),
         level_value(highest), ctx_.now_rfc3339()});
    for (auto venue : std::set<std::int64_t>(in.venue_ids.begin(), in.venue_ids.end()))
      c.execute("INSERT INTO event_venues(event_id, venue_id) VALUES (?, ?)", {id, venue});
    append_audit(c, ctx_, {actor.username, "event.create", "event", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"competition_id", competition_id}, {"name", name}})});
    v = load_event(c, id);
  });
  ctx_.changes->competition_changed(competition_id);
  return v;
}

EventView CompetitionService::get_event(const Actor& actor, std::int64_t event_id) const {
  EventView v;
  ctx_.db.read([&](store::Connection& c) {
    v = load_event(c, event_id);
    const bool judging =
        c.query_one("SELECT 1 FROM judge_assignments WHERE event_id = ? AND user_id = ? LIMIT 1", {event_id, actor.user_id}).has_value();
    if (!judging) require(actor, Permission::read_competitions, v.org_path);
  });
  return v;
}

std::vector<ComponentDef> checked_scheme(store::Connection& c, const EventView& event, std::vector<ComponentDef> components,
                                         int min_judges) {
  // A theory component without aspects is one exam score (from the exam module or typed in).
  for (auto& comp : components)
    if (comp.kind == core::ComponentKind::theory && comp.aspects.empty())
      comp.aspects.push_back({0, "", "理论考试成绩", core::AspectKind::measurement, comp.max_mark, 0.5, {}, std::nullopt, false});
  std::vector<core::SchemeComponent> scheme;
  for (const auto& comp : components) {
    core::SchemeComponent sc{comp.kind, comp.max_mark, comp.weight, {}, comp.time_limit_seconds};
    for (const auto& a : comp.aspects) sc.aspects.push_back({0, a.kind, a.max_mark, a.step, a.bands, a.disqualifies});
    scheme.push_back(std::move(sc));
  }
  auto problems = core::validate_scheme(event.summary.total_mode, scheme, min_judges);
  if (!problems.empty()) {
    // Where each problem is: "components", "components[i]" or "components[i].aspects[k]".
    const auto place = [](const core::SchemeProblem& p) {
      if (p.component < 0) return std::string("components");
      return fmt::format("components[{}]{}", p.component, p.aspect < 0 ? "" : fmt::format(".aspects[{}]", p.aspect));
    };
    core::Error e(core::ErrorKind::invalid, "invalid_scheme", problems.front().message, place(problems.front()));
    for (const auto& p : problems) e.problems.push_back({0, place(p), p.code, p.message});
    throw e;
  }
  for (auto& comp : components) {
    comp.name = text_field(comp.name, "name", 100);
    for (auto& a : comp.aspects) {
      a.criterion = text_field(a.criterion, "criterion", 100, false);
      a.name = text_field(a.name, "name", 200);
      if (a.dimension_id &&
          !c.query_one("SELECT 1 FROM dimensions WHERE id = ? AND work_type_id = ?", {*a.dimension_id, event.summary.work_type_id}))
        throw core::invalid("dimension_id", "能力维度不属于该工种 (dimension is not one of the work type's)");
    }
  }
  return components;
}

namespace {

std::int64_t insert_component(store::Connection& c, std::int64_t event_id, const ComponentDef& comp, std::int64_t position) {
  return c.insert_returning_id(
      "INSERT INTO components(event_id, kind, name, max_mark, weight, time_limit_seconds, position) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {event_id, std::string(core::to_code(comp.kind)), comp.name, comp.max_mark, comp.weight,
       comp.time_limit_seconds ? store::Value(*comp.time_limit_seconds) : store::Value(nullptr), position});
}

std::int64_t insert_aspect(store::Connection& c, std::int64_t component_id, const AspectDef& a, std::int64_t position) {
  return c.insert_returning_id(
      "INSERT INTO aspects(component_id, criterion, name, kind, max_mark, step, bands, dimension_id, disqualifies, position) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {component_id, a.criterion, a.name, std::string(core::to_code(a.kind)), a.max_mark, a.step, bands_json(a.bands),
       a.dimension_id ? store::Value(*a.dimension_id) : store::Value(nullptr), std::int64_t{a.disqualifies ? 1 : 0}, position});
}

void update_component(store::Connection& c, const ComponentDef& comp, std::int64_t position) {
  c.execute("UPDATE components SET kind = ?, name = ?, max_mark = ?, weight = ?, time_limit_seconds = ?, position = ? WHERE id = ?",
            {std::string(core::to_code(comp.kind)), comp.name, comp.max_mark, comp.weight,
             comp.time_limit_seconds ? store::Value(*comp.time_limit_seconds) : store::Value(nullptr), position, comp.id});
}

void update_aspect(store::Connection& c, const AspectDef& a, std::int64_t position) {
  c.execute("UPDATE aspects SET criterion = ?, name = ?, kind = ?, max_mark = ?, step = ?, bands = ?, dimension_id = ?, disqualifies = ?, "
            "position = ? WHERE id = ?",
            {a.criterion, a.name, std::string(core::to_code(a.kind)), a.max_mark, a.step, bands_json(a.bands),
             a.dimension_id ? store::Value(*a.dimension_id) : store::Value(nullptr), std::int64_t{a.disqualifies ? 1 : 0}, position, a.id});
}

}  // namespace

void write_scheme(store::Connection& c, const EventView& before, const std::vector<ComponentDef>& after) {
  std::set<std::int64_t> kept_components, kept_aspects;
  for (const auto& comp : after) {
    if (comp.id) kept_components.insert(comp.id);
    for (const auto& a : comp.aspects)
      if (a.id) kept_aspects.insert(a.id);
  }
  for (const auto& comp : before.components) {
    if (!kept_components.count(comp.id) &&
        c.query_one("SELECT 1 FROM judge_assignments WHERE component_id = ? LIMIT 1", {comp.id}))
      throw core::conflict("component_in_use", fmt::format("考核项目“{}”已指派裁判，请先调整指派 (judges are assigned to {})", comp.name, comp.name));
    for (const auto& a : comp.aspects)
      if (!kept_aspects.count(a.id)) {
        if (c.query_one("SELECT 1 FROM judge_assignment_aspects WHERE aspect_id = ? LIMIT 1", {a.id}))
          throw core::conflict("aspect_in_use", fmt::format("评分细项“{}”有指派的裁判组，请先调整指派 (a judge panel marks {})", a.name, a.name));
        c.execute("DELETE FROM aspect_locks WHERE aspect_id = ?", {a.id});
        c.execute("DELETE FROM aspects WHERE id = ?", {a.id});
      }
    if (!kept_components.count(comp.id)) {
      c.execute("DELETE FROM time_allowances WHERE component_id = ?", {comp.id});
      c.execute("DELETE FROM components WHERE id = ?", {comp.id});
    }
  }
  std::int64_t cpos = 0;
  for (const auto& comp : after) {
    auto cid = comp.id;
    if (cid)
      update_component(c, comp, cpos);
    else
      cid = insert_component(c, before.summary.id, comp, cpos);
    ++cpos;
    std::int64_t apos = 0;
    for (const auto& a : comp.aspects) {
      if (a.id)
        update_aspect(c, a, apos);
      else
        insert_aspect(c, cid, a, apos);
      ++apos;
    }
  }
}

EventView CompetitionService::set_scheme(const Actor& actor, std::int64_t event_id, const std::vector<ComponentDef>& declared) {
  EventView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto current = load_event(c, event_id);
    require(actor, Permission::manage_competitions, current.org_path);
    if (current.scheme_frozen)
      throw core::conflict("scheme_frozen", "评分已开始，评分标准已冻结；如需修改请由裁判长提交更正 "
                                            "(marking has started: the scheme is frozen; the chief judge may correct it)");
    // Parts named by an id of this event are kept (judge assignments stay on them); any other id is new.
    auto components = checked_scheme(c, current, declared, current.summary.min_judges);
    std::map<std::int64_t, std::set<std::int64_t>> stored;  // component → its aspects
    for (const auto& comp : current.components)
      for (const auto& a : comp.aspects) stored[comp.id].insert(a.id);
    std::set<std::int64_t> seen_components, seen_aspects;
    for (auto& comp : components) {
      const auto it = stored.find(comp.id);
      if (it == stored.end() || !seen_components.insert(comp.id).second) comp.id = 0;
      for (auto& a : comp.aspects)
        if (!comp.id || !it->second.count(a.id) || !seen_aspects.insert(a.id).second) a.id = 0;
    }
    write_scheme(c, current, components);
    append_audit(c, ctx_, {actor.username, "event.scheme", "event", std::to_string(event_id),
                           skb::service::json_text(boost::json::object{{"components", components.size()}})});
    v = load_event(c, event_id);
  });
  ctx_.changes->event_changed(event_id);
  return v;
}

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
