#include "service/contest/competitions.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/contest/draw.hpp"
#include "core/people/org.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/contest/evidence.hpp"
#include "service/contest/judging.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/crypto.hpp"
#include "service/platform/qr.hpp"

// 报名与检录: entries (a worker or a team), their eligibility, bibs, anonymous codes, the draw of
// workstations and check-in.
namespace skb::service {
namespace {

using core::Permission;

constexpr size_t kTeamNameMax = 40;

core::Error not_eligible(const std::string& message, const char* field) {
  return core::Error(core::ErrorKind::unprocessable, "not_eligible", message, field);
}

// Eligibility of one member: inside the organiser's subtree, registered in the event's work type, inside
// the event's skill-level limits, and not already in another entry of the event.
// `field` names the input in errors: worker_id for an individual event, member_ids for a team.
void check_member(store::Connection& c, const EventView& event, std::int64_t worker_id, const char* field) {
  auto w = c.query_one("SELECT name, org_path, skill_level FROM workers WHERE id = ?", {worker_id});
  if (!w) throw core::invalid(field, fmt::format("职工 {} 不存在 (no such worker)", worker_id));
  const auto name = w->str(0);
  // Named only once inside the organiser's scope: an id probe must not reveal other organisations' people.
  if (!core::in_subtree(w->str(1), event.org_path))
    throw not_eligible(fmt::format("职工 {} 不属于主办单位范围 (worker {} is outside the organiser's scope)", worker_id, worker_id), field);
  if (!c.query_one("SELECT 1 FROM worker_work_types WHERE worker_id = ? AND work_type_id = ?", {worker_id, event.summary.work_type_id}))
    throw not_eligible(fmt::format("{} 未登记此工种 ({} is not registered in this work type)", name, name), field);
  // Level numbers run downwards (1 = 高级技师): the lowest admitted level is the largest number.
  const auto level = w->i64(2);
  const auto& lo = event.summary.min_skill_level;
  const auto& hi = event.summary.max_skill_level;
  if ((lo && level > static_cast<std::int64_t>(*lo)) || (hi && level < static_cast<std::int64_t>(*hi))) {
    const auto held = core::parse_skill_level(std::to_string(level));
    throw not_eligible(fmt::format("{} 的技能等级（{}）不在本赛项的报名范围内 ({}'s skill level is outside the event's limits)", name,
                                   held ? core::to_chinese(*held) : "?", name),
                     field);
  }
  if (c.query_one("SELECT 1 FROM entry_members WHERE event_id = ? AND worker_id = ?", {event.summary.id, worker_id}))
    throw core::Error(core::ErrorKind::conflict, "duplicate", fmt::format("{} 已报名此赛项 ({} is already entered)", name, name), field);
}

// The organisation a team represents: the one asked for (every member inside it), else the deepest
// organisation all members belong to.
std::int64_t team_org(store::Connection& c, const EventView& event, const std::vector<std::int64_t>& members,
                      std::optional<std::int64_t> requested) {
  std::vector<std::string> paths;
  for (auto id : members) paths.push_back(c.query_one("SELECT org_path FROM workers WHERE id = ?", {id})->str(0));
  if (!requested) return core::path_leaf_id(core::common_ancestor_path(paths)).value();
  auto org = c.query_one("SELECT path FROM orgs WHERE id = ?", {*requested});
  if (!org) throw core::invalid("org_id", "单位不存在 (no such organisation)");
  if (!core::in_subtree(org->str(0), event.org_path))
    throw core::invalid("org_id", "代表单位不属于主办单位范围 (the organisation is outside the organiser's scope)");
  for (const auto& p : paths)
    if (!core::in_subtree(p, org->str(0)))
      throw core::invalid("org_id", "队员应属于代表单位 (every member belongs to the team's organisation)");
  return *requested;
}

}  // namespace

std::string board_row_id(const Sealer& sealer, std::int64_t entry_id) {
  return "r" + sealer.lookup_hash("board-row\n" + std::to_string(entry_id)).substr(0, 16);
}

bool from_org(std::int64_t entry_org, const std::vector<std::int64_t>& member_orgs, std::int64_t org_id) {
  return entry_org == org_id || std::find(member_orgs.begin(), member_orgs.end(), org_id) != member_orgs.end();
}

bool entry_from_org(const EntryView& entry, std::int64_t org_id) {
  std::vector<std::int64_t> member_orgs;
  for (const auto& m : entry.members) member_orgs.push_back(m.org_id);
  return from_org(entry.org_id, member_orgs, org_id);
}

std::string new_entry_code(store::Connection& c, std::int64_t event_id) {
  // Six characters without look-alikes (0/O, 1/I) for blind judging; retried on the rare collision.
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  for (;;) {
    const auto hex = random_hex(6);
    std::string code;
    for (size_t i = 0; i < 6; ++i) code += kAlphabet[static_cast<size_t>(std::stoi(hex.substr(i * 2, 2), nullptr, 16)) % kAlphabet.size()];
    if (!c.query_one("SELECT 1 FROM entries WHERE event_id = ? AND entry_code = ?", {event_id, code})) return code;
  }
}

std::int64_t insert_entry(store::Connection& c, const Context& ctx, std::int64_t event_id, const NewEntry& entry) {
  if (entry.member_ids.empty()) throw core::invalid("member_ids", "至少一名队员 (at least one member)");
  const auto org = c.query_one("SELECT path FROM orgs WHERE id = ?", {entry.org_id});
  if (!org) throw core::invalid("org_id", "单位不存在 (no such organisation)");
  const auto next = c.query_one("SELECT COUNT(*) FROM entries WHERE event_id = ?", {event_id})->i64(0) + 1;
  const auto id = c.insert_returning_id(
      "INSERT INTO entries(event_id, worker_id, venue_id, org_id, org_path, bib, entry_code, status, team_name, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?) RETURNING id",
      {event_id, entry.member_ids.front(), entry.venue_id ? store::Value(*entry.venue_id) : store::Value(nullptr), entry.org_id,
       org->str(0), fmt::format("{:03}", next), new_entry_code(c, event_id), entry.team_name, ctx.now_rfc3339()});
  for (size_t i = 0; i < entry.member_ids.size(); ++i)
    c.execute("INSERT INTO entry_members(entry_id, event_id, worker_id, position) VALUES (?, ?, ?, ?)",
              {id, event_id, entry.member_ids[i], static_cast<std::int64_t>(i)});
  return id;
}

NewEntry stored_entrant(store::Connection& c, std::int64_t entry_id) {
  auto r = c.query_one("SELECT team_name, org_id, venue_id FROM entries WHERE id = ?", {entry_id});
  if (!r) throw core::not_found("entry " + std::to_string(entry_id));
  NewEntry out{{}, r->str(0), r->i64(1), r->opt_i64(2)};
  for (const auto& m : c.query("SELECT worker_id FROM entry_members WHERE entry_id = ? ORDER BY position", {entry_id}))
    out.member_ids.push_back(m.i64(0));
  return out;
}

EntryView load_entry(store::Connection& c, std::int64_t event_id, std::int64_t entry_id) {
  for (auto& e : load_entries(c, event_id))
    if (e.id == entry_id) return std::move(e);
  throw core::not_found("entry " + std::to_string(entry_id));
}

std::vector<EntryView> load_entries(store::Connection& c, std::int64_t event_id) {
  std::vector<EntryView> out;
  std::map<std::int64_t, size_t> index;
  for (const auto& r : c.query(
           "SELECT e.id, e.event_id, e.worker_id, w.name, e.org_id, o.name, e.venue_id, COALESCE(v.name, ''), e.bib, "
           "e.entry_code, e.status, e.workstation, e.team_name FROM entries e JOIN workers w ON w.id = e.worker_id "
           "JOIN orgs o ON o.id = e.org_id LEFT JOIN venues v ON v.id = e.venue_id WHERE e.event_id = ? ORDER BY e.bib",
           {event_id})) {
    EntryView e{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(12), {}, r.i64(4), r.str(5), r.opt_i64(6), r.str(7), r.str(8), r.str(9),
                r.str(10), r.str(11)};
    if (!e.team_name.empty()) e.worker_name = e.team_name;
    index[e.id] = out.size();
    out.push_back(std::move(e));
  }
  for (const auto& m : c.query("SELECT m.entry_id, m.worker_id, w.name, w.org_id, o.name FROM entry_members m "
                               "JOIN workers w ON w.id = m.worker_id JOIN orgs o ON o.id = w.org_id WHERE m.event_id = ? "
                               "ORDER BY m.entry_id, m.position",
                               {event_id}))
    if (auto it = index.find(m.i64(0)); it != index.end())
      out[it->second].members.push_back({m.i64(1), m.str(2), m.i64(3), m.str(4)});
  return out;
}

EntryView CompetitionService::register_entry(const Actor& actor, std::int64_t event_id, const EntryInput& in) {
  EntryView out;
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require(actor, Permission::manage_competitions, event.org_path);
    if (event.competition_status != core::CompetitionStatus::registration && event.competition_status != core::CompetitionStatus::draft)
      throw core::conflict("registration_closed", "报名未开放 (registration is not open)");
    const auto size = static_cast<size_t>(event.summary.team_size);
    const bool team = size > 1;
    if (in.member_ids.size() != size)
      throw core::invalid(team ? "member_ids" : "worker_id",
                          team ? fmt::format("团体赛每队应有 {} 名队员 (a team has {} members)", size, size)
                               : std::string("请选择一名职工 (one worker)"));
    if (std::set<std::int64_t>(in.member_ids.begin(), in.member_ids.end()).size() != size)
      throw core::invalid("member_ids", "队员不能重复 (each member once)");
    const std::string team_name(core::trim(in.team_name));
    if (team && (team_name.empty() || !core::is_valid_utf8(team_name) || core::utf8_length(team_name) > kTeamNameMax))
      throw core::invalid("team_name", fmt::format("请填写队名（最多{}字） (a team name of 1–{} characters)", kTeamNameMax, kTeamNameMax));
    if (!team && !team_name.empty()) throw core::invalid("team_name", "个人赛没有队名 (an individual event has no team names)");
    if (!team && in.org_id) throw core::invalid("org_id", "个人赛的单位即职工所在单位 (an individual entrant's organisation is their own)");
    if (in.venue_id && std::find(event.summary.venue_ids.begin(), event.summary.venue_ids.end(), *in.venue_id) == event.summary.venue_ids.end())
      throw core::invalid("venue_id", "该赛项不在此赛区进行 (the event does not run at this venue)");
    for (auto id : in.member_ids) check_member(c, event, id, team ? "member_ids" : "worker_id");
    if (team && c.query_one("SELECT 1 FROM entries WHERE event_id = ? AND team_name = ?", {event_id, team_name}))
      throw core::Error(core::ErrorKind::conflict, "duplicate_team_name", "该队名已被使用 (another team has this name)", "team_name");
    const auto org = team ? team_org(c, event, in.member_ids, in.org_id)
                          : c.query_one("SELECT org_id FROM workers WHERE id = ?", {in.member_ids.front()})->i64(0);
    const auto id = insert_entry(c, ctx_, event_id, {in.member_ids, team_name, org, in.venue_id});
    boost::json::array members;
    for (auto m : in.member_ids) members.push_back(m);
    append_audit(c, ctx_, {actor.username, "entry.create", "entry", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"event_id", event_id}, {"worker_id", in.member_ids.front()},
                                                                      {"members", members}, {"team_name", team_name}})});
    out = load_entry(c, event_id, id);
  });
  ctx_.changes->event_changed(event_id);
  return out;
}

std::vector<EntryView> CompetitionService::list_entries(const Actor& actor, std::int64_t event_id) const {
  std::vector<EntryView> out;
  ctx_.db.read([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require(actor, Permission::read_competitions, event.org_path);
    out = load_entries(c, event_id);
    const bool blind = marks_blind(c, actor, event);
    for (auto& e : out) present_entry(e, blind, ctx_.sealer);
  });
  return out;
}

EntryView CompetitionService::check_in(const Actor& actor, std::int64_t event_id, const std::string& entry_code) {
  EntryView out;
  ctx_.db.write([&](store::Connection& c) {
    require(actor, Permission::manage_competitions, load_event(c, event_id).org_path);
    auto r = c.query_one("SELECT id, status FROM entries WHERE event_id = ? AND entry_code = ?", {event_id, entry_code});
    if (!r) throw core::not_found("entry code " + entry_code);
    if (r->str(1) == "withdrawn") throw core::conflict("withdrawn", "该参赛者已退赛 (the entrant withdrew)");
    if (r->str(1) != "checked_in") {
      c.execute("UPDATE entries SET status = 'checked_in' WHERE id = ?", {r->i64(0)});
      append_audit(c, ctx_, {actor.username, "entry.check_in", "entry", std::to_string(r->i64(0)), ""});
    }
    out = load_entry(c, event_id, r->i64(0));
  });
  ctx_.changes->event_changed(event_id);
  return out;
}

EntryView CompetitionService::withdraw(const Actor& actor, std::int64_t event_id, std::int64_t entry_id, const std::string& raw_reason) {
  const std::string reason(core::trim(raw_reason));
  if (reason.empty() || core::utf8_length(reason) > 200) throw core::invalid("reason", "请填写退赛原因（最多200字） (a reason of 1–200 characters)");
  EntryView out;
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require(actor, Permission::manage_competitions, event.org_path);
    if (c.execute("UPDATE entries SET status = 'withdrawn', withdrawn_reason = ? WHERE id = ? AND event_id = ?", {reason, entry_id, event_id}) == 0)
      throw core::not_found("entry " + std::to_string(entry_id));
    refresh_entry_evidence(c, ctx_, event, entry_id);  // a withdrawn entrant's marks are no longer evidence
    append_audit(c, ctx_, {actor.username, "entry.withdraw", "entry", std::to_string(entry_id),
                           skb::service::json_text(boost::json::object{{"event_id", event_id}, {"reason", reason}})});
    out = load_entry(c, event_id, entry_id);
  });
  ctx_.changes->event_changed(event_id);
  return out;
}

DrawResult CompetitionService::draw(const Actor& actor, std::int64_t event_id, const std::string& requested_seed) {
  const std::string seed = core::trim(requested_seed).empty() ? random_hex(8) : std::string(core::trim(requested_seed));
  if (seed.size() > 64) throw core::invalid("seed", "seed 最多64个字符 (at most 64 characters)");
  DrawResult result{seed, {}};
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require(actor, Permission::manage_competitions, event.org_path);
    // Before the competition runs; or, for a later stage (a final filled by advancement), while it runs
    // but before anyone in this event has been marked.
    const bool before_start = event.competition_status == core::CompetitionStatus::draft ||
                              event.competition_status == core::CompetitionStatus::registration;
    const bool stage_not_started = event.competition_status == core::CompetitionStatus::running &&
                                   !c.query_one("SELECT 1 FROM marks WHERE event_id = ? LIMIT 1", {event_id});
    if (!before_start && !stage_not_started)
      throw core::conflict("too_late", "赛项已开始评分，不能再抽签 (the draw happens before marking starts)");
    // One draw per venue (and one for entrants without a venue), workstations numbered A01, A02, …
    std::map<std::int64_t, std::vector<EntryView>> by_venue;
    for (auto& e : load_entries(c, event_id))
      if (e.status != "withdrawn") by_venue[e.venue_id.value_or(0)].push_back(e);
    for (auto& [venue, entries] : by_venue) {
      const auto order = core::draw_order(entries.size(), seed + "/" + std::to_string(venue));
      for (size_t slot = 0; slot < order.size(); ++slot)
        c.execute("UPDATE entries SET workstation = ? WHERE id = ?", {fmt::format("A{:02}", slot + 1), entries[order[slot]].id});
    }
    c.execute("UPDATE events SET draw_seed = ? WHERE id = ?", {seed, event_id});
    append_audit(c, ctx_, {actor.username, "event.draw", "event", std::to_string(event_id),
                           skb::service::json_text(boost::json::object{{"seed", seed}, {"algorithm", "fnv1a-splitmix64-fisher-yates/venue"}})});
    result.entries = load_entries(c, event_id);
  });
  ctx_.changes->event_changed(event_id);
  return result;
}


std::string CompetitionService::entry_qr_svg(const Actor& actor, std::int64_t event_id, std::int64_t entry_id) const {
  std::string code;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, Permission::manage_competitions, load_event(c, event_id).org_path);
    auto r = c.query_one("SELECT entry_code FROM entries WHERE id = ? AND event_id = ?", {entry_id, event_id});
    if (!r) throw core::not_found("entry " + std::to_string(entry_id));
    code = r->str(0);
  });
  return qr_svg(code);
}


}  // namespace skb::service
