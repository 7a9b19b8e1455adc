#include <boost/json.hpp>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/analytics/structure_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 技能大脑: GET /analytics/brain?org_id= (the big screen's figures, shared for ten seconds) and
// PUT /orgs/{id}/high-skill-target (the union's target share of high-skilled workers).
namespace skb::http {

namespace json = boost::json;

void add_brain_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/analytics/brain", Access::signed_in, [&s](Request& req) {
    const auto org = query_id(req, "org_id");
    if (!org) throw core::invalid("org_id", "请选择组织 (org_id is required)");
    const auto b = s.brain.brain(*req.actor, *org);
    json::array districts, live, improvers;
    for (const auto& d : b->districts)
      districts.push_back(json::object{{"org_id", id_json(d.org_id)}, {"name", d.name}, {"workers", d.workers}, {"high_skilled", d.high_skilled},
                                       {"with_portrait", d.with_portrait}});
    for (const auto& e : b->live)
      live.push_back(json::object{{"event_id", id_json(e.event_id)}, {"title", e.event}, {"board_id", e.board_id}, {"leaders", json::parse(e.leaders_json)}});
    for (const auto& i : b->improvers)
      improvers.push_back(json::object{{"worker_id", id_json(i.worker_id)}, {"name", i.name}, {"org_name", i.org_name}, {"work_type_name", i.work_type_name},
                                       {"before", i.before}, {"now", i.now}});
    auto r = json_response(json::object{{"generated_at", b->generated_at},
                                        {"structure", structure_json(b->structure)},
                                        {"high_skill_target", b->high_skill_target ? json::value(*b->high_skill_target) : json::value(nullptr)},
                                        {"districts", std::move(districts)},
                                        {"live", std::move(live)},
                                        {"practice_today", b->practice_today},
                                        {"practising_today", b->practising_today},
                                        {"exams_today", b->exams_today},
                                        {"improvers", std::move(improvers)}});
    r.headers.emplace_back("Cache-Control", "private, max-age=5");
    return r;
  });
  router.add("PUT", "/api/v1/orgs/{id}/high-skill-target", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto* v = body.if_contains("high_skill_share");
    std::optional<double> share;
    if (v && !v->is_null()) {
      if (!v->is_number() || !std::isfinite(v->to_number<double>())) throw core::invalid("high_skill_share", "目标占比应为数字 (a number)");
      share = v->to_number<double>();
    }
    s.brain.set_high_skill_target(*req.actor, path_id(req), share);
    return json_response(json::object{{"org_id", id_json(path_id(req))}, {"high_skill_share", share ? json::value(*share) : json::value(nullptr)}});
  });
}

}  // namespace skb::http
