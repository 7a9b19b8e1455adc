#include "service/contest/competitions.hpp"
#include "service/contest/competition_setup.hpp"
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
#include "service/people/orgs.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {

std::string text_field(const std::string& raw, const char* field, size_t max_chars, bool required) {
  std::string v(core::trim(raw));
  if (required && v.empty()) throw core::invalid(field, std::string(field) + " 为必填项 (is required)");
  if (!core::is_valid_utf8(v) || core::utf8_length(v) > max_chars)
    throw core::invalid(field, std::string(field) + " 过长 (at most " + std::to_string(max_chars) + " characters)");
  return v;
}

CompetitionRow competition_row(store::Connection& c, std::int64_t id) {
  auto r = c.query_one("SELECT id, org_path, status FROM competitions WHERE id = ?", {id});
  if (!r) throw core::not_found("competition " + std::to_string(id));
  return {r->i64(0), r->str(1), core::parse_competition_status(r->str(2)).value_or(core::CompetitionStatus::draft)};
}

namespace {

using core::Permission;

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
  throw core::invalid(field, std::string(field) + " 应为技能等级 (apprentice … chief_technician)");
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

}  // namespace skb::service
