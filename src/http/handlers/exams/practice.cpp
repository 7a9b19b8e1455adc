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

service::LevelInput level_input(const json::object& body) {
  service::LevelInput in;
  in.work_type_id = opt_id(body, "work_type_id").value_or(0);
  in.org_id = opt_id(body, "org_id");
  in.name = opt_string(body, "name", 400).value_or("");
  auto integer = [&](const char* key, int fallback) {
    const auto* v = body.if_contains(key);
    if (!v || v->is_null()) return fallback;
    if (!v->is_int64()) throw core::invalid(key, std::string(key) + " 应为整数 (must be an integer)");
    return static_cast<int>(std::clamp<std::int64_t>(v->as_int64(), -1000000, 1000000));
  };
  in.question_count = integer("question_count", 10);
  in.min_difficulty = integer("min_difficulty", 1);
  in.max_difficulty = integer("max_difficulty", 5);
  if (const auto* p = body.if_contains("pass_percent"); p && !p->is_null()) {
    if (!p->is_number()) throw core::invalid("pass_percent", "pass_percent 应为数字 (must be a number)");
    in.pass_percent = p->to_number<double>();
  }
  return in;
}

std::int64_t required_query_id(const Request& req, const char* name) {
  const auto id = query_id(req, name);
  if (!id) throw core::invalid(name, std::string(name) + " 为必填项 (is required)");
  return *id;
}

json::value leader_json(const service::LeaderRow& r) {
  return json::object{{"rank", r.rank}, {"worker_id", id_json(r.worker_id)}, {"worker_name", r.worker_name},
                      {"org_name", r.org_name}, {"points", r.points}, {"seconds", r.seconds}};
}

}  // namespace

void add_practice_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/practice/levels", Access::signed_in, [&s](Request& req) {
    const auto map = s.practice.levels(*req.actor, required_query_id(req, "work_type_id"));
    json::array items;
    for (const auto& l : map.levels) items.push_back(to_json(l));
    return json_response(json::object{{"work_type_id", id_json(map.work_type_id)},
                                      {"next_level_id", map.next_level_id ? id_json(*map.next_level_id) : json::value(nullptr)},
                                      {"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/practice/levels", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.practice.create_level(*req.actor, level_input(parse_object(req)))), 201); });
  router.add("PUT", "/api/v1/practice/levels/{id}", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.practice.update_level(*req.actor, path_id(req), level_input(parse_object(req)))));
  });
  router.add("GET", "/api/v1/me/practice", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& a : s.practice.my_practice(*req.actor))
      items.push_back(json::object{{"work_type_id", id_json(a.work_type_id)}, {"work_type_name", a.work_type_name}, {"levels", a.levels},
                                   {"passed", a.passed}, {"wrong_book", a.wrong_book}});
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/practice/levels/{id}/attempts", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.practice.start_level(*req.actor, path_id(req))), 201); });
  router.add("POST", "/api/v1/practice/wrong-book/attempts", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.practice.start_wrong_book(*req.actor, required_query_id(req, "work_type_id"))), 201);
  });
  router.add("POST", "/api/v1/practice/attempts/{id}/submit", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    std::vector<service::AnswerInput> answers;
    for (auto& a : saved_answers(body, false)) answers.push_back({std::move(a.question), std::move(a.response)});
    int seconds = 0;
    if (const auto* v = body.if_contains("seconds"); v && !v->is_null()) {
      if (!v->is_int64()) throw core::invalid("seconds", "seconds 应为整数 (must be an integer)");
      seconds = static_cast<int>(std::clamp<std::int64_t>(v->as_int64(), -1, 1000000));
    }
    return json_response(to_json(s.practice.submit(*req.actor, path_id(req), answers, seconds)));
  });
  router.add("GET", "/api/v1/practice/wrong-book", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& w : s.practice.wrong_book(*req.actor, required_query_id(req, "work_type_id")))
      items.push_back(json::object{{"question_id", id_json(w.question_id)}, {"stem", w.stem}, {"type", w.type},
                                   {"times_wrong", w.times_wrong}, {"right_streak", w.right_streak}, {"last_wrong_at", w.last_wrong_at}});
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("GET", "/api/v1/practice/leaderboard", Access::signed_in, [&s](Request& req) {
    const auto board = s.practice.leaderboard(*req.actor, required_query_id(req, "work_type_id"), req.query_or("period", "week"),
                                              query_id(req, "org_id"), query_limit(req, 20, 100));
    json::array items;
    for (const auto& r : board.items) items.push_back(leader_json(r));
    return json_response(json::object{{"period", board.period}, {"total", board.total}, {"items", std::move(items)},
                                      {"me", board.me ? leader_json(*board.me) : json::value(nullptr)}});
  });
}

}  // namespace skb::http
