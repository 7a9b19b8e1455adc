#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/exams/exam_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 岗位技能考核: assessments (an exam for chosen workers, optionally a contest event's practical tasks) and
// their per-dimension reports, for the enterprise and for each assessed worker.
namespace skb::http {
namespace {

namespace json = boost::json;

json::value opt_json(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::value score_json(const std::optional<service::ScoreView>& s) {
  if (!s) return nullptr;
  return json::object{{"score", s->score}, {"low", s->low}, {"high", s->high}, {"evidence", s->evidence}};
}

json::object assessment_json(const service::AssessmentView& a) {
  return json::object{{"id", id_json(a.id)},
                      {"title", a.title},
                      {"org_id", id_json(a.org_id)},
                      {"org_name", a.org_name},
                      {"work_type_id", id_json(a.work_type_id)},
                      {"work_type_name", a.work_type_name},
                      {"exam_id", id_json(a.exam_id)},
                      {"event_id", a.event_id ? id_json(*a.event_id) : json::value(nullptr)},
                      {"event_name", a.event_name},
                      {"opens_at", a.opens_at},
                      {"closes_at", a.closes_at},
                      {"exam_status", a.exam_status},
                      {"candidates", a.candidates},
                      {"submitted", a.submitted},
                      {"created_at", a.created_at}};
}

json::array ids_json(const std::vector<std::int64_t>& ids) {
  json::array out;
  for (auto id : ids) out.push_back(id_json(id));
  return out;
}

json::object report_json(const service::AssessmentReport& r) {
  json::array dims, workers;
  for (const auto& d : r.dimensions)
    dims.push_back(json::object{{"id", id_json(d.id)}, {"name", d.name}, {"mean", opt_json(d.mean)}, {"assessed", d.assessed}, {"weak", d.weak}});
  for (const auto& w : r.workers) {
    json::array scores;
    for (const auto& s : w.dimensions) scores.push_back(score_json(s));
    workers.push_back(json::object{{"worker_id", id_json(w.worker_id)},
                                   {"worker_name", w.worker_name},
                                   {"org_name", w.org_name},
                                   {"exam_status", w.exam_status},
                                   {"exam_score", opt_json(w.exam_score)},
                                   {"exam_max", w.exam_max},
                                   {"pending_manual", w.pending_manual},
                                   {"passed", w.passed},
                                   {"practical", w.practical},
                                   {"overall", score_json(w.overall)},
                                   {"dimensions", std::move(scores)},
                                   {"strengths", ids_json(w.strengths)},
                                   {"weaknesses", ids_json(w.weaknesses)},
                                   {"rank", w.rank ? json::value(*w.rank) : json::value(nullptr)}});
  }
  return json::object{{"assessment", assessment_json(r.assessment)}, {"dimensions", std::move(dims)}, {"workers", std::move(workers)}};
}

}  // namespace

void add_assessment_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/assessments", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& a : s.assessments.list(*req.actor)) items.push_back(assessment_json(a));
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/assessments", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::AssessmentInput in;
    in.exam = exam_input(body);
    in.worker_ids = opt_id_list(body, "worker_ids", 20000).value_or(std::vector<std::int64_t>{});
    in.event_id = opt_id(body, "event_id");
    return json_response(assessment_json(s.assessments.create(*req.actor, in)), 201);
  });
  router.add("GET", "/api/v1/assessments/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(assessment_json(s.assessments.get(*req.actor, path_id(req)))); });
  router.add("GET", "/api/v1/assessments/{id}/report", Access::signed_in,
             [&s](Request& req) { return json_response(report_json(s.assessments.report(*req.actor, path_id(req)))); });
  router.add("GET", "/api/v1/assessments/{id}/workers/{worker_id}", Access::signed_in, [&s](Request& req) {
    return json_response(report_json(s.assessments.worker_report(*req.actor, path_id(req), path_id(req, "worker_id"))));
  });
  router.add("GET", "/api/v1/me/assessments", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& a : s.assessments.mine(*req.actor)) items.push_back(assessment_json(a));
    return json_response(json::object{{"items", std::move(items)}});
  });
}

}  // namespace skb::http
