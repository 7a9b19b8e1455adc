// 封榜 and the award ceremony's reveal: stored (they are not in the mark log), audited, and then the
// hub reloads the event so every board and every viewer follows.
#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "service/boards/hub.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"

namespace skb::service {
namespace json = boost::json;

namespace {

// Organisers and chief judges of the event run the freeze and the ceremony.
void require_board_control(store::Connection& c, const Actor& actor, const EventView& event) {
  const bool chief = c.query_one("SELECT 1 FROM judge_assignments WHERE event_id = ? AND user_id = ? AND chief = 1 LIMIT 1",
                                 {event.summary.id, actor.user_id})
                         .has_value();
  if (!chief && !actor.can(core::Permission::manage_competitions, event.org_path) &&
      !actor.can(core::Permission::lead_judging, event.org_path))
    throw core::forbidden("仅组织方或裁判长可封榜或揭晓 (only organisers and chief judges may freeze or reveal)");
}

// Ends a freeze: every board of the event is live for everyone again.
void end_freeze(store::Connection& c, const Context& ctx, const Actor& actor, std::int64_t event_id, std::string detail) {
  c.execute("DELETE FROM board_reveals WHERE event_id = ?", {event_id});
  c.execute("DELETE FROM board_freezes WHERE event_id = ?", {event_id});
  append_audit(c, ctx, {actor.username, "board.unfreeze", "event", std::to_string(event_id), std::move(detail)});
}

}  // namespace

std::string BoardHub::freeze(const Actor& actor, const std::string& board_id) {
  const auto event_id = parse_board_id(board_id).event_id;
  json::object out;
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require_board_control(c, actor, event);
    if (event.competition_status != core::CompetitionStatus::running && event.competition_status != core::CompetitionStatus::marking_closed)
      throw core::conflict("not_running", "竞赛不在进行中，无法封榜 (only a competition under way can be frozen)");
    if (c.query_one("SELECT 1 FROM board_freezes WHERE event_id = ?", {event_id}))
      throw core::conflict("already_frozen", "该赛项已封榜 (this event's boards are frozen already)");
    const auto seq = c.query_one("SELECT COALESCE(MAX(seq), 0) FROM marks")->i64(0);
    const auto at = ctx_.now_rfc3339();
    c.execute("INSERT INTO board_freezes(event_id, frozen_seq, frozen_at, frozen_by) VALUES (?, ?, ?, ?)", {event_id, seq, at, actor.username});
    append_audit(c, ctx_, {actor.username, "board.freeze", "event", std::to_string(event_id),
                           skb::service::json_text(json::object{{"frozen_seq", seq}})});
    out = {{"frozen", json::object{{"at", at}, {"seq", seq}, {"revealed", 0}}}};
  });
  ctx_.changes->event_changed(event_id);
  sync();
  return skb::service::json_text(out);
}

std::string BoardHub::unfreeze(const Actor& actor, const std::string& board_id) {
  const auto event_id = parse_board_id(board_id).event_id;
  ctx_.db.write([&](store::Connection& c) {
    require_board_control(c, actor, load_event(c, event_id));
    if (!c.query_one("SELECT 1 FROM board_freezes WHERE event_id = ?", {event_id}))
      throw core::conflict("not_frozen", "该赛项未封榜 (this event's boards are not frozen)");
    end_freeze(c, ctx_, actor, event_id, "");
  });
  ctx_.changes->event_changed(event_id);
  sync();
  return skb::service::json_text(json::object{{"frozen", nullptr}});
}

std::string BoardHub::reveal(const Actor& actor, const std::string& board_id) {
  const auto event_id = parse_board_id(board_id).event_id;
  sync();  // the public board as of every mark and reveal so far
  // The lowest-placed entrant on the public board whose results are still hidden.
  std::optional<std::int64_t> next;
  std::size_t rank_before = 0;
  int remaining = 0;
  {
    std::unique_lock lock(mutex_);
    auto& b = loaded(event_id, lock);
    const auto rows = placed_rows(b, {event_id, std::nullopt, true});
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
      if (b.pending(*it->first, true)) {
        ++remaining;
        if (!next) next = it->first->entry.id, rank_before = it->second.rank;
      }
  }
  bool unfrozen = false;
  ctx_.db.write([&](store::Connection& c) {
    require_board_control(c, actor, load_event(c, event_id));
    if (!c.query_one("SELECT 1 FROM board_freezes WHERE event_id = ?", {event_id}))
      throw core::conflict("not_frozen", "该赛项未封榜 (this event's boards are not frozen)");
    if (!next) {
      // Nothing left to reveal: the ceremony is over and the board is live again.
      end_freeze(c, ctx_, actor, event_id, R"({"after":"reveal"})");
      unfrozen = true;
      return;
    }
    const auto step = c.query_one("SELECT COUNT(*) FROM board_reveals WHERE event_id = ?", {event_id})->i64(0) + 1;
    if (c.execute("INSERT INTO board_reveals(event_id, entry_id, step, revealed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  {event_id, *next, step, ctx_.now_rfc3339()}) == 0)
      throw core::conflict("reveal_in_progress", "另一揭晓操作正在进行，请重试 (another reveal is under way; try again)");
    append_audit(c, ctx_, {actor.username, "board.reveal", "entry", std::to_string(*next),
                           skb::service::json_text(json::object{{"event_id", event_id}, {"step", step}, {"rank_before", rank_before}})});
    if (remaining == 1) {  // the last hidden result is out: the board is live again
      end_freeze(c, ctx_, actor, event_id, R"({"after":"reveal"})");
      unfrozen = true;
    }
  });
  ctx_.changes->event_changed(event_id);
  sync();
  if (unfrozen && !next) return skb::service::json_text(json::object{{"revealed", nullptr}, {"remaining", 0}, {"frozen", nullptr}});
  std::size_t rank_after = 0;
  {
    std::unique_lock lock(mutex_);
    auto& b = loaded(event_id, lock);
    for (const auto& [e, placed] : placed_rows(b, {event_id, std::nullopt, true}))
      if (e->entry.id == *next) rank_after = placed.rank;
  }
  return skb::service::json_text(json::object{{"revealed", json::object{{"entry_id", std::to_string(*next)}, {"row_id", board_row_id(ctx_.sealer, *next)}, {"rank_before", rank_before},
                                                                {"rank_after", rank_after}}},
                                      {"remaining", remaining - 1},
                                      {"frozen", unfrozen ? json::value(nullptr) : json::value(true)}});
}

}  // namespace skb::service
