#include <boost/json.hpp>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 晋级门槛: GET /work-types/{id}/level-bars (everyone who reads work types) and PUT (organisers) with
// {skill_level, bars: [{dimension_id | null, bar}]} replacing one level's bars.
namespace skb::http {
namespace {

namespace json = boost::json;

json::object bars_json(const service::LevelBars& lb) {
  json::array bars;
  for (const auto& b : lb.bars)
    bars.push_back(json::object{{"dimension_id", b.dimension_id ? id_json(*b.dimension_id) : json::value(nullptr)}, {"bar", b.bar}});
  return json::object{{"skill_level", core::to_code(lb.level)}, {"bars", std::move(bars)}};
}

std::vector<service::LevelBar> read_bars(const json::object& body) {
  const auto* list = opt_array(body, "bars");
  if (!list) throw core::invalid("bars", "请提供门槛列表 (bars is required)");
  std::vector<service::LevelBar> out;
  for (size_t i = 0; i < list->size() && i <= 100; ++i) {
    const auto field = "bars[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) throw core::invalid(field, "应为对象 (must be an object)");
    const auto& o = (*list)[i].as_object();
    const auto* bar = o.if_contains("bar");
    if (!bar || !bar->is_number() || !std::isfinite(bar->to_number<double>())) throw core::invalid(field + ".bar", "门槛应为数字 (bar must be a number)");
    service::LevelBar b;
    b.bar = bar->to_number<double>();
    const auto* dim = o.if_contains("dimension_id");
    if (dim && !dim->is_null()) b.dimension_id = opt_id(o, "dimension_id");
    out.push_back(b);
  }
  if (list->size() > 100) throw core::invalid("bars", "门槛过多 (at most 100 bars)");
  return out;
}

}  // namespace

void add_level_bar_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/work-types/{id}/level-bars", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& lb : s.level_bars.list(*req.actor, path_id(req))) items.push_back(bars_json(lb));
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("PUT", "/api/v1/work-types/{id}/level-bars", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(bars_json(s.level_bars.set(*req.actor, path_id(req), required_string(body, "skill_level", 40), read_bars(body))));
  });
}

}  // namespace skb::http
