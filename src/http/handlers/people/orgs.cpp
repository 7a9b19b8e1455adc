#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

service::OrgInput org_input(const boost::json::object& body) {
  service::OrgInput in;
  in.name = opt_string(body, "name", 400);
  if (auto kind = opt_string(body, "kind", 40)) {
    in.kind = core::parse_org_kind(*kind);
    if (!in.kind) throw core::invalid("kind", "kind 应为 city_union / industry_union / district_union / enterprise");
  }
  in.code = opt_string(body, "code", 100);
  in.parent_id = opt_id(body, "parent_id");
  return in;
}

}  // namespace

void add_org_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/orgs", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& o : s.orgs.list(*req.actor)) items.push_back(to_json(o));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/orgs", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.orgs.create(*req.actor, org_input(parse_object(req)))), 201);
  });
  router.add("GET", "/api/v1/orgs/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.orgs.get(*req.actor, path_id(req)))); });
  router.add("PATCH", "/api/v1/orgs/{id}", Access::signed_in, [&s](Request& req) {
    const auto input = org_input(parse_object(req));
    if (input.parent_id) throw core::invalid("parent_id", "请使用 POST /orgs/{id}/move 移动组织 (use POST /orgs/{id}/move to move)");
    return json_response(to_json(s.orgs.update(*req.actor, path_id(req), input)));
  });
  router.add("POST", "/api/v1/orgs/{id}/move", Access::signed_in, [&s](Request& req) {
    const auto parent = opt_id(parse_object(req), "parent_id");
    if (!parent) throw core::invalid("parent_id", "parent_id 为必填项 (is required)");
    return json_response(to_json(s.orgs.move(*req.actor, path_id(req), *parent)));
  });
  router.add("DELETE", "/api/v1/orgs/{id}", Access::signed_in, [&s](Request& req) {
    s.orgs.remove(*req.actor, path_id(req));
    return Response::no_content();
  });
}

}  // namespace skb::http
