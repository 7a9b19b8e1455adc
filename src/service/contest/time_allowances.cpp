#include "service/contest/time_allowances.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/contest/competitions.hpp"
#include "service/contest/results.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

std::vector<TimeAllowanceView> load(store::Connection& c, std::int64_t event_id) {
  std::vector<TimeAllowanceView> out;
  for (const auto& r : c.query("SELECT t.venue_id, v.name, t.component_id, p.name, t.seconds, t.reason, t.recorded_by, t.recorded_at "
                               "FROM time_allowances t JOIN venues v ON v.id = t.venue_id JOIN components p ON p.id = t.component_id "
                               "WHERE t.event_id = ? ORDER BY v.id, p.position",
                               {event_id}))
    out.push_back({r.i64(0), r.str(1), r.i64(2), r.str(3), r.f64(4), r.str(5), r.str(6), r.str(7)});
  return out;
}

}  // namespace

std::vector<TimeAllowanceView> TimeAllowanceService::list(const Actor& actor, std::int64_t event_id) const {
  std::vector<TimeAllowanceView> out;
  ctx_.db.read([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require(actor, core::Permission::read_competitions, event.org_path);
    out = load(c, event_id);
  });
  return out;
}

std::vector<TimeAllowanceView> TimeAllowanceService::set(const Actor& actor, std::int64_t event_id, const TimeAllowanceInput& in) {
  const std::string reason(core::trim(in.reason));
  if (!std::isfinite(in.seconds) || in.seconds < 0 || in.seconds > 86400)
    throw core::invalid("seconds", "补偿时间应在 0–86400 秒之间 (0–86,400 seconds)");
  if (in.seconds > 0 && (reason.empty() || core::utf8_length(reason) > 500))
    throw core::invalid("reason", "请填写补偿原因（最多500字） (a reason of 1–500 characters)");
  std::vector<TimeAllowanceView> out;
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    require_chief(c, actor, event);
    if (c.query_one("SELECT 1 FROM events WHERE id = ? AND locked_at IS NOT NULL", {event_id}))
      throw core::conflict("event_locked", "赛项已锁定，修改需走成绩更正流程 (the event is locked)");
    if (!c.query_one("SELECT 1 FROM event_venues WHERE event_id = ? AND venue_id = ?", {event_id, in.venue_id}))
      throw core::invalid("venue_id", "该赛区不属于本赛项 (not a venue of this event)");
    bool timed = false;
    for (const auto& comp : event.components)
      if (comp.id == in.component_id)
        for (const auto& a : comp.aspects) timed = timed || a.kind == core::AspectKind::time;
    if (!timed) throw core::invalid("component_id", "该项目没有计时细项 (the task is not timed)");
    if (in.seconds > 0)
      c.execute("INSERT INTO time_allowances(event_id, venue_id, component_id, seconds, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(event_id, venue_id, component_id) DO UPDATE SET seconds = excluded.seconds, reason = excluded.reason, "
                "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                {event_id, in.venue_id, in.component_id, in.seconds, reason, actor.username, ctx_.now_rfc3339()});
    else
      c.execute("DELETE FROM time_allowances WHERE event_id = ? AND venue_id = ? AND component_id = ?", {event_id, in.venue_id, in.component_id});
    append_audit(c, ctx_, {actor.username, "time_allowance.set", "event", std::to_string(event_id),
                           skb::service::json_text(boost::json::object{{"venue_id", in.venue_id}, {"component_id", in.component_id},
                                                                      {"seconds", in.seconds}, {"reason", reason}})});
    out = load(c, event_id);
  });
  ctx_.changes->event_changed(event_id);
  return out;
}

}  // namespace skb::service
