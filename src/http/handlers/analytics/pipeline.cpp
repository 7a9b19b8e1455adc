#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 晋级梯队: GET /analytics/pipeline?org_id=&work_type_id= — who already meets the next level's bars and
// who is within reach.
namespace skb::http {
namespace {

namespace json = boost::json;

json::array workers_json(const std::vector<service::PipelineWorker>& list) {
  json::array out;
  for (const auto& w : list) {
    json::array bars;
    for (const auto& b : w.bars)
      bars.push_back(json::object{{"dimension_id", b.dimension_id ? id_json(*b.dimension_id) : json::value(nullptr)},
                                  {"bar", b.bar},
                                  {"score", b.score ? json::value(*b.score) : json::value(nullptr)},
                                  {"status", b.status}});
    out.push_back(json::object{{"worker_id", id_json(w.worker_id)},
                               {"name", w.name},
                               {"org_name", w.org_name},
                               {"skill_level", core::to_code(w.level)},
                               {"next_level", core::to_code(w.next)},
                               {"stage", w.stage},
                               {"shortfall", w.shortfall},
                               {"bars", std::move(bars)}});
  }
  return out;
}

}  // namespace

void add_pipeline_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/analytics/pipeline", Access::signed_in, [&s](Request& req) {
    const auto org = query_id(req, "org_id");
    const auto wt = query_id(req, "work_type_id");
    if (!org) throw core::invalid("org_id", "请选择组织 (org_id is required)");
    if (!wt) throw core::invalid("work_type_id", "请选择工种 (work_type_id is required)");
    const auto p = s.pipeline.pipeline(*req.actor, *org, *wt);
    return json_response(json::object{{"org_id", id_json(p.org_id)},
                                      {"work_type_id", id_json(p.work_type_id)},
                                      {"work_type_name", p.work_type_name},
                                      {"considered", p.considered},
                                      {"ready", workers_json(p.ready)},
                                      {"within_reach", workers_json(p.within_reach)}});
  });
}

}  // namespace skb::http
