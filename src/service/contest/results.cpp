#include "service/contest/results.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <fmt/format.h>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/contest/certificates.hpp"
#include "service/contest/competitions.hpp"
#include "service/contest/evidence.hpp"
#include "service/people/workers.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

using core::Permission;

bool is_chief_of(store::Connection& c, std::int64_t user_id, std::int64_t event_id) {
  return c.query_one("SELECT 1 FROM judge_assignments WHERE event_id = ? AND user_id = ? AND chief = 1", {event_id, user_id}).has_value();
}

}  // namespace

void require_chief(store::Connection& c, const Actor& actor, const EventView& event) {
  if (!is_chief_of(c, actor.user_id, event.summary.id)) require(actor, Permission::lead_judging, event.org_path);
}

namespace {

PromotionView promotion_from(const store::Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4), r.str(5), static_cast<core::SkillLevel>(r.i64(6)),
          static_cast<core::SkillLevel>(r.i64(7)), r.str(8)};
}

constexpr const char* kPromotionSelect =
    "SELECT p.id, p.event_id, p.entry_id, p.worker_id, w.name, p.award, p.from_level, p.to_level, p.status "
    "FROM promotions p JOIN workers w ON w.id = p.worker_id";

}  // namespace

void ResultsService::resolve_flag(const Actor& actor, std::int64_t event_id, std::int64_t entry_id, std::int64_t aspect_id,
                                  const std::string& note) {
  const std::string text(core::trim(note));
  if (text.empty() || core::utf8_length(text) > 500) throw core::invalid("note", "请填写处理意见（最多500字） (a note of 1–500 characters is required)");
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require_chief(c, actor, event);
    if (c.query_one("SELECT 1 FROM events WHERE id = ? AND locked_at IS NOT NULL", {event_id}))
      throw core::conflict("event_locked", "该赛项已锁定 (the event is locked)");
    auto last = c.query_one("SELECT MAX(seq) FROM marks WHERE event_id = ? AND entry_id = ? AND aspect_id = ?", {event_id, entry_id, aspect_id});
    if (!last || last->is_null(0)) throw core::not_found("marks for this entry and aspect");
    c.execute("INSERT INTO flag_resolutions(event_id, entry_id, aspect_id, up_to_seq, note, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              {event_id, entry_id, aspect_id, last->i64(0), text, actor.username, ctx_.now_rfc3339()});
    refresh_entry_evidence(c, ctx_, event, entry_id);
    append_audit(c, ctx_, {actor.username, "flag.resolve", "entry", std::to_string(entry_id),
                           skb::service::json_text(boost::json::object{{"event_id", event_id}, {"aspect_id", aspect_id}, {"note", text}})});
  });
  ctx_.changes->event_changed(event_id);
}

Standings ResultsService::lock_event(const Actor& actor, std::int64_t event_id) {
  Standings s;
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require_chief(c, actor, event);
    s = compute_standings(c, event_id, std::nullopt);
    if (s.locked) throw core::conflict("event_locked", "该赛项已锁定 (already locked)");
    int unmarked = 0, flagged = 0;
    for (const auto& r : s.results) {
      if (!r.complete) ++unmarked;
      if (r.flagged) ++flagged;
    }
    if (unmarked || flagged) {
      std::string zh, en;
      if (unmarked) zh += fmt::format("{} 名选手未评完", unmarked), en += fmt::format("{} not fully marked", unmarked);
      if (unmarked && flagged) zh += "，", en += "; ";
      if (flagged) zh += fmt::format("{} 名选手的评分待裁判长处理", flagged), en += fmt::format("{} with unresolved flags", flagged);
      throw core::conflict("not_ready", "尚有" + zh + "，不能锁定 (cannot lock: " + en + ")");
    }
    c.execute("UPDATE events SET locked_at = ?, locked_by = ?, status = 'locked' WHERE id = ?", {ctx_.now_rfc3339(), actor.username, event_id});
    append_audit(c, ctx_, {actor.username, "event.lock", "event", std::to_string(event_id),
                           skb::service::json_text(boost::json::object{{"last_seq", s.last_seq}, {"entries", s.results.size()}})});
    s.locked = true;
  });
  ctx_.changes->event_changed(event_id);
  return s;
}

std::vector<ResultsService::AspectLock> ResultsService::aspect_locks(const Actor& actor, std::int64_t event_id) const {
  std::vector<AspectLock> out;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, Permission::read_competitions, load_event(c, event_id).org_path);
    for (const auto& r : c.query("SELECT aspect_id, venue_key, locked_by, locked_at FROM aspect_locks WHERE event_id = ? ORDER BY aspect_id, venue_key",
                                 {event_id}))
      out.push_back({r.i64(0), r.i64(1) ? std::optional(r.i64(1)) : std::nullopt, r.str(2), r.str(3)});
  });
  return out;
}

void ResultsService::lock_aspect(const Actor& actor, std::int64_t event_id, std::int64_t aspect_id, std::optional<std::int64_t> venue_id,
                                 bool locked) {
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require_chief(c, actor, event);
    bool known = false;
    for (const auto& comp : event.components)
      for (const auto& a : comp.aspects) known = known || a.id == aspect_id;
    if (!known) throw core::not_found("aspect " + std::to_string(aspect_id) + " of this event");
    if (venue_id && std::find(event.summary.venue_ids.begin(), event.summary.venue_ids.end(), *venue_id) == event.summary.venue_ids.end())
      throw core::invalid("venue_id", "该赛项不在此赛区进行 (the event does not run at this venue)");
    const std::int64_t venue_key = venue_id.value_or(0);
    if (locked) {
      if (c.execute("INSERT INTO aspect_locks(event_id, aspect_id, venue_key, locked_by, locked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    {event_id, aspect_id, venue_key, actor.username, ctx_.now_rfc3339()}) == 0)
        throw core::conflict("aspect_locked", "该评分细项已锁定 (the aspect is locked already)");
    } else if (c.execute("DELETE FROM aspect_locks WHERE event_id = ? AND aspect_id = ? AND venue_key = ?", {event_id, aspect_id, venue_key}) == 0) {
      throw core::conflict("not_locked", "该评分细项未锁定 (the aspect is not locked)");
    }
    append_audit(c, ctx_, {actor.username, locked ? "aspect.lock" : "aspect.unlock", "aspect", std::to_string(aspect_id),
                           skb::service::json_text(boost::json::object{{"event_id", event_id}, {"venue_id", venue_key}})});
  });
}

std::vector<core::AwardTier> ResultsService::award_tiers(const Actor& actor, std::int64_t event_id) const {
  std::vector<core::AwardTier> tiers;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, Permission::read_competitions, load_event(c, event_id).org_path);
    tiers = load_award_tiers(c, event_id);
  });
  return tiers;
}

std::vector<core::AwardTier> ResultsService::set_award_tiers(const Actor& actor, std::int64_t event_id, const std::vector<core::AwardTier>& tiers) {
  if (auto problem = core::check_tiers(tiers)) throw core::invalid("tiers", *problem);
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require(actor, Permission::manage_competitions, event.org_path);
    if (event.competition_status == core::CompetitionStatus::published)
      throw core::conflict("published", "成绩已发布，奖项设置不能再修改 (results are published)");
    c.execute("DELETE FROM award_tiers WHERE event_id = ?", {event_id});
    std::int64_t position = 0;
    boost::json::array summary;
    for (const auto& t : tiers) {
      c.execute("INSERT INTO award_tiers(event_id, position, name, places, percent, honour, promote_to) VALUES (?, ?, ?, ?, ?, ?, ?)",
                {event_id, position++, t.name, t.count ? store::Value(std::int64_t{*t.count}) : store::Value(nullptr),
                 t.percent ? store::Value(*t.percent) : store::Value(nullptr), t.honour,
                 t.promote_to ? store::Value(static_cast<std::int64_t>(*t.promote_to)) : store::Value(nullptr)});
      summary.push_back(boost::json::value(t.name));
    }
    append_audit(c, ctx_, {actor.username, "event.awards", "event", std::to_string(event_id),
                           skb::service::json_text(boost::json::object{{"tiers", summary}})});
  });
  return tiers;
}

void publish_results(store::Connection& c, const Context& ctx, const std::string& by, std::int64_t competition_id) {
  std::vector<std::int64_t> events;
  for (const auto& r : c.query("SELECT id, name, locked_at FROM events WHERE competition_id = ? ORDER BY id", {competition_id})) {
    if (r.is_null(2))
      throw core::conflict("not_locked", "赛项“" + r.str(1) + "”尚未由裁判长锁定，不能发布 (every event must be locked before publishing)");
    events.push_back(r.i64(0));
  }
  int proposals = 0;
  for (auto event_id : events) {
    for (const auto& r : compute_standings(c, event_id, std::nullopt).results) {
      if (!r.promote_to) continue;
      for (const auto& member : r.entry.members) {  // a team's award promotes each member
        const auto current = c.query_one("SELECT skill_level FROM workers WHERE id = ?", {member.worker_id})->i64(0);
        // Only a step up (a smaller level number) is proposed.
        if (static_cast<std::int64_t>(*r.promote_to) >= current) continue;
        proposals += static_cast<int>(c.execute(
            "INSERT INTO promotions(event_id, entry_id, worker_id, award, from_level, to_level, status) VALUES (?, ?, ?, ?, ?, ?, 'proposed') "
            "ON CONFLICT DO NOTHING",
            {event_id, r.entry.id, member.worker_id, r.award, current, static_cast<std::int64_t>(*r.promote_to)}));
      }
    }
  }
  const int certificates = issue_certificates(c, ctx, competition_id);
  append_audit(c, ctx, {by, "competition.publish", "competition", std::to_string(competition_id),
                        skb::service::json_text(boost::json::object{{"events", events.size()}, {"promotion_proposals", proposals},
                                                                   {"certificates", certificates}})});
}

std::vector<PromotionView> ResultsService::promotions(const Actor& actor, std::int64_t event_id) const {
  std::vector<PromotionView> out;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, Permission::read_competitions, load_event(c, event_id).org_path);
    for (const auto& r : c.query(std::string(kPromotionSelect) + " WHERE p.event_id = ? ORDER BY p.id", {event_id}))
      out.push_back(promotion_from(r));
  });
  return out;
}

PromotionView ResultsService::decide_promotion(const Actor& actor, std::int64_t promotion_id, bool confirm) {
  PromotionView v;
  ctx_.db.write([&](store::Connection& c) {
    auto row = c.query_one(std::string(kPromotionSelect) + " WHERE p.id = ?", {promotion_id});
    if (!row) throw core::not_found("promotion " + std::to_string(promotion_id));
    v = promotion_from(*row);
    const auto event = load_event(c, v.event_id);
    require(actor, Permission::manage_competitions, event.org_path);
    if (v.status != "proposed") throw core::conflict("decided", "该晋级建议已处理 (already decided)");
    const auto now_level = c.query_one("SELECT skill_level FROM workers WHERE id = ?", {v.worker_id})->i64(0);
    if (confirm && now_level <= static_cast<std::int64_t>(v.to_level))  // promoted meanwhile: confirming must not demote
      throw core::conflict("already_at_level", "该职工当前等级已不低于建议等级 (the worker already holds this level or higher)");
    v.status = confirm ? "confirmed" : "rejected";
    c.execute("UPDATE promotions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
              {v.status, actor.username, ctx_.now_rfc3339(), promotion_id});
    if (confirm)
      record_level_change(c, ctx_, actor.username, v.worker_id, v.to_level, ctx_.today(),
                          fmt::format("{}·{} {}", event.competition_name, event.summary.name, v.award.empty() ? "获奖晋级" : v.award + "晋级"));
    append_audit(c, ctx_, {actor.username, confirm ? "promotion.confirm" : "promotion.reject", "promotion", std::to_string(promotion_id),
                           skb::service::json_text(boost::json::object{{"worker_id", v.worker_id}, {"to_level", core::to_code(v.to_level)}})});
  });
  return v;
}

Sheet ResultsService::results_sheet(const Actor& actor, std::int64_t event_id) const {
  Sheet sheet;
  ctx_.db.read([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require(actor, Permission::read_competitions, event.org_path);
    const auto standings = compute_standings(c, event_id, std::nullopt);
    sheet.name = "成绩";
    const bool teams = event.summary.team_size > 1;
    sheet.header = {"名次", "赛号", teams ? "队名" : "姓名", "单位", "赛区"};
    if (teams) sheet.header.insert(sheet.header.begin() + 3, "队员");
    for (const auto& comp : event.components) {
      for (const auto& a : comp.aspects) sheet.header.push_back(comp.name + "·" + a.name + "(" + fmt::format("{:g}", a.max_mark) + ")");
      sheet.header.push_back(comp.name + "得分");
    }
    for (const char* h : {"总分", "奖项", "称号", "状态"}) sheet.header.emplace_back(h);
    for (const auto& r : standings.results) {
      std::vector<std::string> row{r.rank ? std::to_string(r.rank) + (r.tied ? "=" : "") : "-", r.entry.bib, r.entry.worker_name,
                                   r.entry.org_name, r.entry.venue_name};
      if (teams) {
        std::string members;
        for (const auto& m : r.entry.members) members += (members.empty() ? "" : "、") + m.name;
        row.insert(row.begin() + 3, members);
      }
      size_t aspect_index = 0;
      for (size_t ci = 0; ci < event.components.size(); ++ci) {
        for (size_t k = 0; k < event.components[ci].aspects.size(); ++k, ++aspect_index) {
          const auto& a = r.aspects[aspect_index];
          row.push_back(a.complete ? fmt::format("{:.2f}", core::round2(a.score)) : "");
        }
        row.push_back(fmt::format("{:.2f}", core::round2(r.components[ci].score)));
      }
      row.push_back(fmt::format("{:.2f}", r.total));
      row.push_back(r.award);
      row.push_back(r.honour);
      row.push_back(r.disqualified ? "取消资格" : !r.complete ? "未评完" : r.flagged ? "待裁判长处理" : "");
      sheet.rows.push_back(std::move(row));
    }
  });
  return sheet;
}

std::vector<EntryView> ResultsService::advance(const Actor& actor, std::int64_t from_event_id, std::int64_t to_event_id,
                                               std::optional<int> top_n, std::optional<double> top_percent, bool per_venue) {
  if (top_n.has_value() == top_percent.has_value()) throw core::invalid("top_n", "请设置晋级名额或比例之一 (top_n or top_percent, not both)");
  if (top_n && *top_n < 1) throw core::invalid("top_n", "top_n 应至少为1 (must be ≥ 1)");
  if (top_percent && !(*top_percent > 0 && *top_percent <= 100)) throw core::invalid("top_percent", "top_percent 应在0–100之间");
  if (from_event_id == to_event_id) throw core::invalid("to_event_id", "下一阶段应为另一个赛项 (the next stage is another event)");
  std::vector<EntryView> added;
  ctx_.db.write([&](store::Connection& c) {
    const auto from = load_event(c, from_event_id);
    const auto to = load_event(c, to_event_id);
    require(actor, Permission::manage_competitions, from.org_path);
    require(actor, Permission::manage_competitions, to.org_path);
    if (from.summary.work_type_id != to.summary.work_type_id) throw core::invalid("to_event_id", "两个阶段应为同一工种 (both stages must be the same work type)");
    if (from.summary.team_size != to.summary.team_size)
      throw core::invalid("to_event_id", "两个阶段的每队人数应相同 (both stages must have the same team size)");
    if (from.summary.competition_id != to.summary.competition_id)
      throw core::invalid("to_event_id", "下一阶段应属于同一竞赛 (the next stage belongs to the same competition)");
    if (c.query_one("SELECT 1 FROM events WHERE id = ? AND locked_at IS NOT NULL", {to_event_id}))
      throw core::conflict("event_locked", "下一阶段已锁定，不能再登记选手 (the next stage is locked)");
    if (c.query_one("SELECT 1 FROM events WHERE id = ? AND locked_at IS NULL", {from_event_id}))
      throw core::conflict("not_locked", "本阶段尚未锁定 (lock this stage before advancing)");
    // Rank overall or within each venue (entrants without a venue rank among themselves), then apply
    // the cut to each ranking.
    std::vector<std::optional<std::int64_t>> groups{std::nullopt};
    if (per_venue) {
      groups.assign(from.summary.venue_ids.begin(), from.summary.venue_ids.end());
      if (c.query_one("SELECT 1 FROM entries WHERE event_id = ? AND venue_id IS NULL AND status <> 'withdrawn' LIMIT 1", {from_event_id}))
        groups.push_back(kNoVenue);
    }
    std::vector<std::int64_t> advancing;
    for (const auto& group : groups) {
      std::vector<core::Standing> ranking;
      for (const auto& r : compute_standings(c, from_event_id, group).results) ranking.push_back({r.entry.id, r.rank, r.total, r.tied});
      for (auto id : core::advancing(ranking, top_n, top_percent)) advancing.push_back(id);
    }
    for (auto entry_id : advancing) {
      auto entrant = stored_entrant(c, entry_id);
      // Already in the next stage (a withdrawal there was the entrant's own decision, so it stands).
      if (std::any_of(entrant.member_ids.begin(), entrant.member_ids.end(), [&](std::int64_t worker) {
            return c.query_one("SELECT 1 FROM entry_members WHERE event_id = ? AND worker_id = ?", {to_event_id, worker}).has_value();
          }))
        continue;
      const auto& venues = to.summary.venue_ids;
      if (entrant.venue_id && std::find(venues.begin(), venues.end(), *entrant.venue_id) == venues.end()) entrant.venue_id.reset();
      added.push_back(load_entry(c, to_event_id, insert_entry(c, ctx_, to_event_id, entrant)));
    }
    append_audit(c, ctx_, {actor.username, "event.advance", "event", std::to_string(from_event_id),
                           skb::service::json_text(boost::json::object{{"to_event_id", to_event_id}, {"advancing", advancing.size()},
                                                                      {"registered", added.size()}, {"per_venue", per_venue},
                                                                      {"top_n", top_n.value_or(0)}, {"top_percent", top_percent.value_or(0)}})});
  });
  ctx_.changes->event_changed(to_event_id);
  return added;
}

}  // namespace skb::service
