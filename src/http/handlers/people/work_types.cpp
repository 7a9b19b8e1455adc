#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

service::WorkType work_type_input(const boost::json::object& body) {
  service::WorkType wt;
  wt.code = required_string(body, "code", 100);
  wt.name = required_string(body, "name", 400);
  wt.description = opt_string(body, "description", 8000).value_or("");
  if (const auto* dims = opt_array(body, "dimensions")) {
    for (size_t i = 0; i < dims->size(); ++i) {
      const auto& d = (*dims)[i];
      const auto field = "dimensions[" + std::to_string(i) + "]";
      if (!d.is_object()) throw core::invalid(field, field + " 应为对象 (must be an object)");
      const auto& o = d.get_object();
      service::Dimension dim;
      dim.id = opt_id(o, "id").value_or(0);
      dim.name = opt_string(o, "name", 400).value_or("");
      dim.description = opt_string(o, "description", 2000).value_or("");
      wt.dimensions.push_back(std::move(dim));
    }
  }
  return wt;
}

}  // namespace

void add_work_type_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/work-types", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& w : s.work_types.list(*req.actor)) items.push_back(to_json(w));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/work-types", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.work_types.create(*req.actor, work_type_input(parse_object(req)))), 201);
  });
  router.add("GET", "/api/v1/work-types/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.work_types.get(*req.actor, path_id(req)))); });
  router.add("PUT", "/api/v1/work-types/{id}", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    // PUT replaces the whole list; a missing list would silently delete every dimension.
    if (!opt_array(body, "dimensions")) throw core::invalid("dimensions", "dimensions 为必填项 (is required; send [] to remove all)");
    return json_response(to_json(s.work_types.replace(*req.actor, path_id(req), work_type_input(body))));
  });
  router.add("DELETE", "/api/v1/work-types/{id}", Access::signed_in, [&s](Request& req) {
    s.work_types.remove(*req.actor, path_id(req));
    return Response::no_content();
  });
}

}  // namespace skb::http
