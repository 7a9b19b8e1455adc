#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/exams/exam_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/exams/codec.hpp"
#include "service/services.hpp"

namespace skb::http {
namespace {

namespace json = boost::json;

template <typename T>
json::array array_of(const std::vector<T>& items) {
  json::array a;
  for (const auto& i : items) a.push_back(to_json(i));
  return a;
}

service::ClientInfo client_of(const Request& req, const json::object& body) {
  return {opt_string(body, "device_id", 200).value_or(""), req.client, req.header("user-agent").substr(0, 300)};
}

}  // namespace

void add_exam_routes(Router& router, service::Services& s) {
  // Organisers
  router.add("GET", "/api/v1/exams", Access::signed_in, [&s](Request& req) {
    return json_response(json::object{{"items", array_of(s.exams.list(*req.actor))}});
  });
  router.add("POST", "/api/v1/exams", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.exams.create(*req.actor, exam_input(parse_object(req)))), 201); });
  router.add("GET", "/api/v1/exams/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.exams.get(*req.actor, path_id(req)))); });
  router.add("PUT", "/api/v1/exams/{id}", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.exams.update(*req.actor, path_id(req), exam_input(parse_object(req)))));
  });
  router.add("POST", "/api/v1/exams/{id}/candidates", Access::signed_in, [&s](Request& req) {
    const auto ids = opt_id_list(parse_object(req), "worker_ids", 20000);  // a city's candidates in one go
    if (!ids) throw core::invalid("worker_ids", "worker_ids 为必填项 (is required)");
    const auto added = s.exams.add_candidates(*req.actor, path_id(req), *ids);
    return json_response(json::object{{"added", added}, {"candidates", s.exams.get(*req.actor, path_id(req)).candidates}});
  });
  router.add("POST", "/api/v1/exams/{id}/publish", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.exams.publish(*req.actor, path_id(req)))); });
  router.add("GET", "/api/v1/exams/{id}/sessions", Access::signed_in, [&s](Request& req) {
    return json_response(json::object{{"items", array_of(s.exams.sessions(*req.actor, path_id(req)))}});
  });
  router.add("GET", "/api/v1/exams/{id}/grading", Access::signed_in, [&s](Request& req) {
    return json_response(json::object{{"items", array_of(s.exam_analysis.grading_queue(*req.actor, path_id(req)))}});
  });
  router.add("POST", "/api/v1/exams/{id}/grading", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto* awarded = body.if_contains("awarded");
    if (!awarded || !awarded->is_number()) throw core::invalid("awarded", "awarded 应为数字 (must be a number)");
    return json_response(to_json(s.exam_analysis.grade(*req.actor, path_id(req), required_string(body, "answer_id", 60),
                                                       awarded->to_number<double>())));
  });
  router.add("GET", "/api/v1/exams/{id}/statistics", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.exam_analysis.statistics(*req.actor, path_id(req)))); });
  router.add("GET", "/api/v1/exams/{id}/results.xlsx", Access::signed_in, [&s](Request& req) {
    Response r{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s.exam_analysis.results_xlsx(*req.actor, path_id(req)), {}, {}};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"exam-results.xlsx\"; filename*=UTF-8''%E8%80%83%E8%AF%95%E6%88%90%E7%BB%A9.xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("GET", "/api/v1/exam-sessions/{id}/events", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& e : s.exams.integrity_log(*req.actor, path_id(req)))
      items.push_back(json::object{{"kind", e.kind}, {"at", e.at}, {"ip", e.ip}, {"detail", e.detail}});
    return json_response(json::object{{"items", std::move(items)}});
  });

  router.add("POST", "/api/v1/exams/{id}/transfer", Access::signed_in, [&s](Request& req) {
    const auto event = opt_id(parse_object(req), "event_id");
    if (!event) throw core::invalid("event_id", "event_id 为必填项 (is required)");
    const auto out = s.exam_results.transfer_to_event(*req.actor, path_id(req), *event);
    json::array absent;
    for (const auto& name : out.absent) absent.emplace_back(name);
    return json_response(json::object{{"transferred", out.transferred}, {"replayed", out.replayed}, {"absent", std::move(absent)},
                                      {"not_entered", out.not_entered}});
  });
  router.add("GET", "/api/v1/workers/{id}/exam-results", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& a : s.exam_results.worker_record(*req.actor, path_id(req)))
      items.push_back(json::object{{"exam_id", id_json(a.exam_id)}, {"title", a.title}, {"work_type_name", a.work_type_name},
                                   {"submitted_at", a.submitted_at}, {"score", a.score ? json::value(*a.score) : json::value(nullptr)},
                                   {"max_score", a.max_score}, {"pass_percent", a.pass_percent}, {"passed", a.passed},
                                   {"pending_manual", a.pending_manual}});
    return json_response(json::object{{"items", std::move(items)}});
  });

  // Candidates
  router.add("GET", "/api/v1/me/exams", Access::signed_in, [&s](Request& req) {
    return json_response(json::object{{"items", array_of(s.exam_sessions.my_exams(*req.actor))}});
  });
  router.add("POST", "/api/v1/exams/{id}/start", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto started = s.exam_sessions.start(*req.actor, path_id(req), client_of(req, body));
    json::object answers;
    for (const auto& a : started.answers) {
      auto r = service::response_json(a.response);
      r["seq"] = a.seq;
      answers[a.question] = std::move(r);
    }
    return json_response(json::object{
        {"session", to_json(started.session)},
        {"exam", json::object{{"title", started.title}, {"duration_minutes", started.duration_minutes}, {"total_marks", started.total_marks}}},
        {"questions", array_of(started.questions)},
        {"answers", std::move(answers)}});
  });
  router.add("PUT", "/api/v1/exam-sessions/{id}/answers", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto out = s.exam_sessions.save_answers(*req.actor, path_id(req), client_of(req, body), saved_answers(body, true));
    return json_response(json::object{{"saved", out.saved}, {"saved_at", out.saved_at}, {"remaining_seconds", out.remaining_seconds}});
  });
  router.add("POST", "/api/v1/exam-sessions/{id}/events", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    std::vector<service::ClientEvent> events;
    if (const auto* list = opt_array(body, "events"))
      for (size_t k = 0; k < list->size(); ++k) {
        if (!(*list)[k].is_object()) throw core::invalid("events[" + std::to_string(k) + "]", "事件应为对象 (each event must be an object)");
        const auto& e = (*list)[k].as_object();
        events.push_back({opt_string(e, "kind", 40).value_or(""), opt_string(e, "at", 40).value_or("")});
      }
    const auto n = s.exam_sessions.record_events(*req.actor, path_id(req), client_of(req, body), events);
    return json_response(json::object{{"recorded", n}});
  });
  router.add("POST", "/api/v1/exam-sessions/{id}/submit", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto state = s.exam_sessions.submit(*req.actor, path_id(req), client_of(req, body), saved_answers(body, false));
    return json_response(json::object{{"session", to_json(state)}});
  });
  router.add("GET", "/api/v1/exam-sessions/{id}", Access::signed_in, [&s](Request& req) {
    return json_response(json::object{{"session", to_json(s.exam_sessions.get(*req.actor, path_id(req)))}});
  });
}

}  // namespace skb::http
