#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/people/worker_sheet.hpp"

namespace skb::http {
namespace {

service::WorkerFilter filter_from(const Request& req) {
  service::WorkerFilter f;
  f.org_id = query_id(req, "org_id");
  f.work_type_id = query_id(req, "work_type_id");
  if (const auto level = req.query_or("skill_level"); !level.empty()) {
    f.skill_level = core::parse_skill_level(level);
    if (!f.skill_level) throw core::invalid("skill_level", "技能等级无效 (unknown skill level)");
  }
  f.query = req.query_or("q");
  if (f.query.size() > 100) throw core::invalid("q", "搜索词过长 (search text too long)");
  return f;
}

service::WorkerInput worker_input(const boost::json::object& body) {
  service::WorkerInput in;
  in.name = opt_string(body, "name", 400);
  in.gender = opt_string(body, "gender", 20);
  in.employee_no = opt_string(body, "employee_no", 100);
  in.skill_level = opt_string(body, "skill_level", 40);
  in.phone = opt_string(body, "phone", 40);
  in.id_number = opt_string(body, "id_number", 40);
  in.org_id = opt_id(body, "org_id");
  in.work_type_ids = opt_id_list(body, "work_type_ids");
  return in;
}

// A cell may arrive as text or, from a spreadsheet, as a number; both become text.
std::string cell(const boost::json::object& row, const char* key, size_t row_no) {
  const auto* v = row.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string().subview(0, std::min<size_t>(v->get_string().size(), 1000)));
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  if (v->is_double()) return std::to_string(static_cast<std::int64_t>(v->get_double()));
  if (v->is_array()) {  // work types as a list
    std::string joined;
    for (const auto& item : v->get_array())
      if (item.is_string()) joined += (joined.empty() ? "" : "、") + std::string(item.get_string());
    return joined;
  }
  throw core::invalid(std::string("rows[") + std::to_string(row_no) + "]." + key, std::string(key) + " 应为文本 (must be text)");
}

}  // namespace

void add_worker_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/workers", Access::signed_in, [&s](Request& req) {
    const auto page = s.workers.list(*req.actor, filter_from(req), query_limit(req), query_id(req, "cursor"));
    boost::json::array items;
    for (const auto& w : page.items) items.push_back(to_json(w));
    return page_response(std::move(items), page.next_cursor, page.total);
  });
  router.add("POST", "/api/v1/workers", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.workers.create(*req.actor, worker_input(parse_object(req)))), 201);
  });
  router.add("POST", "/api/v1/workers/import", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto* rows_json = opt_array(body, "rows");
    if (!rows_json) throw core::invalid("rows", "rows 为必填项 (is required)");
    std::vector<service::ImportRow> rows;
    rows.reserve(rows_json->size());
    for (size_t i = 0; i < rows_json->size(); ++i) {
      const auto& v = (*rows_json)[i];
      if (!v.is_object()) throw core::invalid("rows[" + std::to_string(i) + "]", "每行应为对象 (each row must be an object)");
      const auto& o = v.get_object();
      rows.push_back({cell(o, "name", i), cell(o, "gender", i), cell(o, "employee_no", i), cell(o, "org", i),
                      cell(o, "work_types", i), cell(o, "skill_level", i), cell(o, "phone", i), cell(o, "id_number", i)});
    }
    const auto outcome = s.workers.import(*req.actor, rows, opt_bool(body, "all_or_nothing").value_or(true));
    boost::json::array problems;
    for (const auto& p : outcome.problems)
      problems.push_back(boost::json::object{{"row", p.row}, {"field", p.field}, {"code", p.code}, {"message", p.message}});
    return json_response(boost::json::object{{"imported", outcome.imported}, {"rejected", problems}});
  });
  router.add("GET", "/api/v1/workers/export", Access::signed_in, [&s](Request& req) {
    const auto rows = s.workers.export_rows(*req.actor, filter_from(req));
    Response r{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               service::write_xlsx({service::workers_sheet(rows)}), {}, {}};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"workers.xlsx\"; filename*=UTF-8''%E8%81%8C%E5%B7%A5.xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("GET", "/api/v1/workers/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.workers.get(*req.actor, path_id(req)))); });
  router.add("PATCH", "/api/v1/workers/{id}", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    if (body.contains("skill_level"))
      throw core::invalid("skill_level", "技能等级请通过等级变更记录修改 (change levels with POST /workers/{id}/levels)");
    return json_response(to_json(s.workers.update(*req.actor, path_id(req), worker_input(body))));
  });
  router.add("DELETE", "/api/v1/workers/{id}", Access::signed_in, [&s](Request& req) {
    s.workers.remove(*req.actor, path_id(req));
    return Response::no_content();
  });
  router.add("POST", "/api/v1/workers/{id}/levels", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(to_json(s.workers.change_level(*req.actor, path_id(req), required_string(body, "skill_level", 40),
                                                        required_string(body, "effective_date", 20),
                                                        opt_string(body, "note", 1000).value_or(""))));
  });
  router.add("GET", "/api/v1/workers/{id}/pii", Access::signed_in, [&s](Request& req) {
    const auto pd = s.workers.reveal_personal_data(*req.actor, path_id(req));
    auto r = json_response(boost::json::object{{"phone", pd.phone}, {"id_number", pd.id_number}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("GET", "/api/v1/me/worker", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.workers.get_own(*req.actor))); });
}

}  // namespace skb::http
