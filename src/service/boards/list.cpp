// Which boards a caller may see: spectators those of competitions under way, signed-in users also
// those of competitions in their scope or that they judge.
#include <boost/json.hpp>

#include "service/boards/hub.hpp"
#include "service/platform/json_text.hpp"

namespace skb::service {
namespace json = boost::json;

std::string BoardHub::list_json(const Actor* actor, std::optional<std::int64_t> competition_id) {
  json::array items;
  ctx_.db.read([&](store::Connection& c) {
    std::string sql = "SELECT id, name, status, org_path FROM competitions";
    store::Params params;
    if (competition_id) sql += " WHERE id = ?", params.push_back(*competition_id);
    for (const auto& comp : c.query(sql + " ORDER BY starts_on DESC, id DESC", params)) {
      const auto status = comp.str(2);
      const bool under_way = boards_public(status);
      const bool in_scope = actor && actor->can(core::Permission::read_competitions, comp.str(3));
      const bool judging = actor && c.query_one("SELECT 1 FROM judge_assignments j JOIN events e ON e.id = j.event_id "
                                                "WHERE e.competition_id = ? AND j.user_id = ? LIMIT 1",
                                                {comp.i64(0), actor->user_id});
      if (!under_way && !in_scope && !judging) continue;
      const json::object competition{{"id", std::to_string(comp.i64(0))}, {"name", comp.str(1)}, {"status", status}};
      for (const auto& ev : c.query("SELECT e.id, e.name, (SELECT COUNT(*) FROM entries n WHERE n.event_id = e.id AND n.status <> 'withdrawn'), "
                                    "(SELECT COUNT(*) FROM board_freezes f WHERE f.event_id = e.id) FROM events e WHERE e.competition_id = ? ORDER BY e.id",
                                    {comp.i64(0)})) {
        const json::object event{{"id", std::to_string(ev.i64(0))}, {"name", ev.str(1)}};
        const bool frozen = ev.i64(3) > 0;
        items.push_back(json::object{{"id", board_id_text(ev.i64(0), std::nullopt)}, {"title", ev.str(1) + " · 总排名"},
                                     {"competition", competition}, {"event", event}, {"venue", nullptr},
                                     {"entrants", ev.i64(2)}, {"frozen", frozen}});
        for (const auto& v : c.query("SELECT v.id, v.name, (SELECT COUNT(*) FROM entries n WHERE n.event_id = ev.event_id AND n.venue_id = v.id "
                                     "AND n.status <> 'withdrawn') FROM event_venues ev JOIN venues v ON v.id = ev.venue_id "
                                     "WHERE ev.event_id = ? ORDER BY v.id",
                                     {ev.i64(0)}))
          items.push_back(json::object{{"id", board_id_text(ev.i64(0), v.i64(0))}, {"title", ev.str(1) + " · " + v.str(1)},
                                       {"competition", competition}, {"event", event},
                                       {"venue", json::object{{"id", std::to_string(v.i64(0))}, {"name", v.str(1)}}},
                                       {"entrants", v.i64(2)}, {"frozen", frozen}});
      }
    }
  });
  return skb::service::json_text(json::object{{"items", std::move(items)}});
}

}  // namespace skb::service
