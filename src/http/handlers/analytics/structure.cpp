#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/analytics/structure_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 技能结构: GET /analytics/structure?org_id= — an organisation's workforce by work type and level against
// the city's, high-skilled share, age bands and the change over a year.
namespace skb::http {
namespace {

namespace json = boost::json;

json::value opt_json(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt_json(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace

json::object structure_json(const service::SkillStructure& s) {
  json::array types, ages;
  for (const auto& t : s.work_types) {
    json::array levels;
    for (const auto& l : t.levels)
      levels.push_back(json::object{{"skill_level", core::to_code(l.level)}, {"count", l.count}, {"year_ago", l.year_ago}, {"city_count", opt_json(l.city_count)}});
    types.push_back(json::object{{"work_type_id", id_json(t.work_type_id)},
                                 {"name", t.name},
                                 {"total", t.total},
                                 {"year_ago_total", t.year_ago_total},
                                 {"city_total", opt_json(t.city_total)},
                                 {"high_skill_share", t.high_skill_share},
                                 {"city_high_skill_share", opt_json(t.city_high_skill_share)},
                                 {"promotions", t.promotions},
                                 {"levels", std::move(levels)}});
  }
  for (const auto& a : s.ages) ages.push_back(json::object{{"from", a.from}, {"to", a.to ? json::value(a.to) : json::value(nullptr)}, {"count", a.count}});
  return json::object{{"org_id", id_json(s.org_id)},
                      {"org_name", s.org_name},
                      {"as_of", s.as_of},
                      {"year_ago", s.year_ago},
                      {"workers", s.workers},
                      {"workers_year_ago", s.workers_year_ago},
                      {"promotions", s.promotions},
                      {"high_skill_share", s.high_skill_share},
                      {"high_skill_share_year_ago", s.high_skill_share_year_ago},
                      {"city_high_skill_share", opt_json(s.city_high_skill_share)},
                      {"work_types", std::move(types)},
                      {"ages", std::move(ages)}};
}

void add_structure_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/analytics/structure", Access::signed_in, [&s](Request& req) {
    const auto org = query_id(req, "org_id");
    if (!org) throw core::invalid("org_id", "请选择组织 (org_id is required)");
    return json_response(structure_json(s.structure.structure(*req.actor, *org)));
  });
}

}  // namespace skb::http
