#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 培训: courses, their records (enrol, complete, import a completion list) and a worker's training.
namespace skb::http {
namespace {

namespace json = boost::json;

json::value opt_json(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt_json(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object course_json(const service::CourseView& c) {
  json::array dims;
  for (auto d : c.dimension_ids) dims.push_back(id_json(d));
  return json::object{{"id", id_json(c.id)},           {"org_id", id_json(c.org_id)},
                      {"org_name", c.org_name},        {"work_type_id", id_json(c.work_type_id)},
                      {"work_type_name", c.work_type_name}, {"name", c.name},
                      {"provider", c.provider},        {"mode", c.mode},
                      {"hours", c.hours},              {"starts_on", c.starts_on},
                      {"ends_on", c.ends_on},          {"dimension_ids", std::move(dims)},
                      {"enrolled", c.enrolled},        {"completed", c.completed}};
}

json::object record_json(const service::TrainingRecordView& r) {
  return json::object{{"worker_id", id_json(r.worker_id)}, {"worker_name", r.worker_name}, {"employee_no", r.employee_no},
                      {"org_name", r.org_name},            {"status", r.status},           {"enrolled_at", r.enrolled_at},
                      {"completed_on", opt_json(r.completed_on)}, {"hours", opt_json(r.hours)}, {"score", opt_json(r.score)}};
}

service::CompletionInput completion_from(const json::object& o, const std::string& where) {
  return {sheet_cell(o, "status", where), sheet_cell(o, "completed_on", where), sheet_cell(o, "hours", where), sheet_cell(o, "score", where)};
}

double required_hours(const json::object& body) {
  const auto* v = body.if_contains("hours");
  if (!v || !v->is_number()) throw core::invalid("hours", "学时应为数字 (hours must be a number)");
  return v->to_number<double>();
}

}  // namespace

void add_course_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/courses", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& c : s.courses.list(*req.actor, query_id(req, "work_type_id"), req.query_or("q"))) items.push_back(course_json(c));
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/courses", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::CourseInput in;
    const auto org = opt_id(body, "org_id");
    const auto work_type = opt_id(body, "work_type_id");
    if (!org) throw core::invalid("org_id", "请选择主办单位 (org_id is required)");
    if (!work_type) throw core::invalid("work_type_id", "请选择工种 (work_type_id is required)");
    in.org_id = *org;
    in.work_type_id = *work_type;
    in.name = opt_string(body, "name", 1000).value_or("");
    in.provider = opt_string(body, "provider", 1000).value_or("");
    in.mode = opt_string(body, "mode", 40).value_or("");
    in.starts_on = opt_string(body, "starts_on", 40).value_or("");
    in.ends_on = opt_string(body, "ends_on", 40).value_or("");
    in.hours = required_hours(body);
    in.dimension_ids = opt_id_list(body, "dimension_ids", 50).value_or(std::vector<std::int64_t>{});
    return json_response(course_json(s.courses.create(*req.actor, in)), 201);
  });
  router.add("GET", "/api/v1/courses/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(course_json(s.courses.get(*req.actor, path_id(req)))); });
  router.add("GET", "/api/v1/courses/{id}/records", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& r : s.courses.records(*req.actor, path_id(req))) items.push_back(record_json(r));
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/courses/{id}/records", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto worker = opt_id(body, "worker_id");
    if (!worker) throw core::invalid("worker_id", "请选择职工 (worker_id is required)");
    bool created = false;
    auto record = s.courses.enrol(*req.actor, path_id(req), *worker, created);
    return json_response(record_json(record), created ? 201 : 200);
  });
  router.add("PUT", "/api/v1/courses/{id}/records/{worker_id}", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(record_json(s.courses.record(*req.actor, path_id(req), path_id(req, "worker_id"), completion_from(body, ""))));
  });
  router.add("POST", "/api/v1/courses/{id}/records/import", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto* rows_json = opt_array(body, "rows");
    if (!rows_json) throw core::invalid("rows", "rows 为必填项 (is required)");
    if (rows_json->size() > 20000) throw core::invalid("rows", "一次最多导入20000行 (at most 20,000 rows per import)");
    std::vector<service::CompletionRow> rows;
    rows.reserve(rows_json->size());
    for (size_t i = 0; i < rows_json->size(); ++i) {
      const auto where = "rows[" + std::to_string(i) + "].";
      if (!(*rows_json)[i].is_object()) throw core::invalid("rows[" + std::to_string(i) + "]", "每行应为对象 (each row must be an object)");
      const auto& o = (*rows_json)[i].get_object();
      rows.push_back({sheet_cell(o, "name", where), sheet_cell(o, "id_number", where), completion_from(o, where)});
    }
    const auto outcome = s.courses.import_completions(*req.actor, path_id(req), rows, opt_bool(body, "all_or_nothing").value_or(true));
    json::array problems;
    for (const auto& p : outcome.problems)
      problems.push_back(json::object{{"row", p.row}, {"field", p.field}, {"code", p.code}, {"message", p.message}});
    return json_response(json::object{{"imported", outcome.imported}, {"rejected", std::move(problems)}});
  });
  router.add("GET", "/api/v1/workers/{id}/training", Access::signed_in, [&s](Request& req) {
    const auto t = s.courses.worker_training(*req.actor, path_id(req));
    json::array items, years;
    for (const auto& c : t.items)
      items.push_back(json::object{{"course_id", id_json(c.course_id)}, {"course_name", c.course_name}, {"provider", c.provider},
                                   {"mode", c.mode}, {"work_type_name", c.work_type_name}, {"status", c.status},
                                   {"completed_on", opt_json(c.completed_on)}, {"hours", opt_json(c.hours)}, {"score", opt_json(c.score)}});
    for (const auto& [year, hours] : t.hours_by_year) years.push_back(json::object{{"year", year}, {"hours", hours}});
    return json_response(json::object{{"items", std::move(items)}, {"hours_by_year", std::move(years)}});
  });
}

}  // namespace skb::http
