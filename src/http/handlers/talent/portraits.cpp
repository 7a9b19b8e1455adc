#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"
#include "service/talent/portrait_pdf.hpp"

// 能力画像 and the evidence behind it: for the worker themself (/me/portrait) and for whoever may read
// the worker (/workers/{id}/portrait, /workers/{id}/evidence).
namespace skb::http {
namespace {

namespace json = boost::json;

json::value score_json(const std::optional<service::ScoreView>& s) {
  if (!s) return nullptr;
  return json::object{{"score", s->score}, {"low", s->low}, {"high", s->high}, {"theta", s->theta},
                      {"se", s->se},       {"evidence", s->evidence}, {"information", s->information}};
}

json::value rank_json(const std::optional<service::PeerRank>& r) {
  if (!r) return nullptr;
  return json::object{{"rank", r->rank}, {"of", r->of}, {"percentile", r->percentile}};
}

json::array trend_json(const std::vector<service::TrendPoint>& trend) {
  json::array out;
  for (const auto& t : trend) out.push_back(json::object{{"month", t.month}, {"score", score_json(t.score)}});
  return out;
}

json::value readiness_json(const std::optional<service::Readiness>& r) {
  if (!r) return nullptr;
  json::array items;
  for (const auto& i : r->items)
    items.push_back(json::object{{"dimension_id", i.dimension_id ? id_json(*i.dimension_id) : json::value(nullptr)}, {"bar", i.bar}, {"status", i.status}});
  return json::object{{"skill_level", core::to_code(r->level)}, {"items", std::move(items)}};
}

json::object portrait_json(const service::Portrait& p) {
  json::array work_types, dimensions;
  for (const auto& t : p.work_types) work_types.push_back(json::object{{"id", id_json(t.id)}, {"name", t.name}, {"evidence", t.evidence}});
  for (const auto& d : p.dimensions)
    dimensions.push_back(json::object{{"id", id_json(d.id)},
                                      {"name", d.name},
                                      {"score", score_json(d.score)},
                                      {"peer_median", d.peer_median ? json::value(*d.peer_median) : json::value(nullptr)},
                                      {"strength", d.strength},
                                      {"weakness", d.weakness}});
  return json::object{{"worker_id", id_json(p.worker_id)},
                      {"worker_name", p.worker_name},
                      {"org_name", p.org_name},
                      {"work_types", std::move(work_types)},
                      {"work_type_id", p.work_type_id ? id_json(*p.work_type_id) : json::value(nullptr)},
                      {"work_type_name", p.work_type_name},
                      {"overall", score_json(p.overall)},
                      {"dimensions", std::move(dimensions)},
                      {"rank_in_enterprise", rank_json(p.in_enterprise)},
                      {"rank_in_all", rank_json(p.in_all)},
                      {"trend", trend_json(p.trend)},
                      {"readiness", readiness_json(p.readiness)},
                      {"refreshed_at", p.refreshed_at}};
}

json::object evidence_json(const service::EvidenceView& e) {
  return json::object{{"id", id_json(e.id)},
                      {"source", e.source},
                      {"dimension_id", e.dimension_id ? id_json(*e.dimension_id) : json::value(nullptr)},
                      {"dimension_name", e.dimension_name},
                      {"share", e.share},
                      {"weight", e.weight},
                      {"difficulty", e.difficulty},
                      {"observed_at", e.observed_at},
                      {"label", e.label},
                      {"context", e.context}};
}

Response pdf_response(const service::Services& s, const service::Portrait& p) {
  Response r{200, "application/pdf", service::render_portrait_pdf(p, s.ctx.today()), {}, {}};
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"portrait.pdf\"; filename*=UTF-8''%E8%83%BD%E5%8A%9B%E7%94%BB%E5%83%8F.pdf");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_portrait_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/me/portrait", Access::signed_in, [&s](Request& req) {
    return json_response(portrait_json(s.portraits.own_portrait(*req.actor, query_id(req, "work_type_id"))));
  });
  router.add("GET", "/api/v1/workers/{id}/portrait", Access::signed_in, [&s](Request& req) {
    return json_response(portrait_json(s.portraits.portrait(*req.actor, path_id(req), query_id(req, "work_type_id"))));
  });
  router.add("GET", "/api/v1/me/portrait.pdf", Access::signed_in, [&s](Request& req) {
    return pdf_response(s, s.portraits.own_portrait(*req.actor, query_id(req, "work_type_id")));
  });
  router.add("GET", "/api/v1/workers/{id}/portrait.pdf", Access::signed_in, [&s](Request& req) {
    return pdf_response(s, s.portraits.portrait(*req.actor, path_id(req), query_id(req, "work_type_id")));
  });
  router.add("GET", "/api/v1/workers/{id}/evidence", Access::signed_in, [&s](Request& req) {
    const auto work_type = query_id(req, "work_type_id");
    if (!work_type) throw core::invalid("work_type_id", "请指定工种 (work_type_id is required)");
    json::array items;
    for (const auto& e : s.portraits.evidence(*req.actor, path_id(req), *work_type, query_id(req, "dimension_id"), query_limit(req, 50, 500)))
      items.push_back(evidence_json(e));
    return json_response(json::object{{"items", std::move(items)}});
  });
}

}  // namespace skb::http
