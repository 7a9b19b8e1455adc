#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 同行对标 (GET /analytics/benchmarks?org_id=&work_type_id=) and 工匠候选 (GET /analytics/candidates?work_type_id=).
namespace skb::http {
namespace {

namespace json = boost::json;

json::value quartiles_json(const std::optional<service::Quartiles>& q) {
  if (!q) return nullptr;
  return json::object{{"p25", q->p25}, {"median", q->median}, {"p75", q->p75}};
}

}  // namespace

void add_benchmark_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/analytics/benchmarks", Access::signed_in, [&s](Request& req) {
    const auto org = query_id(req, "org_id");
    const auto wt = query_id(req, "work_type_id");
    if (!org) throw core::invalid("org_id", "请选择组织 (org_id is required)");
    if (!wt) throw core::invalid("work_type_id", "请选择工种 (work_type_id is required)");
    const auto b = s.benchmarks.benchmarks(*req.actor, *org, *wt);
    json::array rows;
    for (const auto& r : b.rows)
      rows.push_back(json::object{{"dimension_id", r.dimension_id ? id_json(*r.dimension_id) : json::value(nullptr)},
                                  {"name", r.name},
                                  {"org_n", r.org_n},
                                  {"org", quartiles_json(r.org)},
                                  {"city_n", r.city_n},
                                  {"city", quartiles_json(r.city)}});
    return json_response(json::object{{"org_id", id_json(b.org_id)},
                                      {"org_name", b.org_name},
                                      {"work_type_id", id_json(b.work_type_id)},
                                      {"work_type_name", b.work_type_name},
                                      {"rows", std::move(rows)}});
  });
  router.add("GET", "/api/v1/analytics/candidates", Access::signed_in, [&s](Request& req) {
    const auto wt = query_id(req, "work_type_id");
    if (!wt) throw core::invalid("work_type_id", "请选择工种 (work_type_id is required)");
    service::CandidateQuery q{*wt, query_id(req, "org_id"), query_limit(req, 50, 200)};
    json::array items;
    for (const auto& c : s.candidates.candidates(*req.actor, q))
      items.push_back(json::object{{"worker_id", id_json(c.worker_id)},
                                   {"name", c.name},
                                   {"org_name", c.org_name},
                                   {"skill_level", core::to_code(c.level)},
                                   {"score", c.score},
                                   {"low", c.low},
                                   {"high", c.high},
                                   {"evidence", c.evidence},
                                   {"awards", c.awards},
                                   {"honours", c.honours},
                                   {"latest_honour", c.latest_honour}});
    return json_response(json::object{{"items", std::move(items)}});
  });
}

}  // namespace skb::http
