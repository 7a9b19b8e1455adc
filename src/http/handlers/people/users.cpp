#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

std::vector<service::NewGrant> grants_from(const boost::json::array& grants) {
  std::vector<service::NewGrant> out;
  for (size_t i = 0; i < grants.size(); ++i) {
    const auto field = "grants[" + std::to_string(i) + "]";
    if (!grants[i].is_object()) throw core::invalid(field, field + " 应为对象 (must be an object)");
    const auto& g = grants[i].get_object();
    const auto role = core::parse_role(required_string(g, "role", 40));
    if (!role) throw core::invalid(field + ".role", "未知角色 (unknown role)");
    const auto org = opt_id(g, "org_id");
    if (!org) throw core::invalid(field + ".org_id", "org_id 为必填项 (is required)");
    out.push_back({*role, *org});
  }
  if (out.size() > 50) throw core::invalid("grants", "too many grants");
  return out;
}

}  // namespace

void add_user_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/users", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& u : s.auth.list_users(*req.actor)) items.push_back(to_json(u));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/users", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::NewUser u;
    u.username = required_string(body, "username", 100);
    u.password = required_string(body, "password", 1000);
    u.display_name = opt_string(body, "display_name", 400).value_or("");
    u.worker_id = opt_id(body, "worker_id");
    if (const auto* grants = opt_array(body, "grants")) u.grants = grants_from(*grants);
    return json_response(to_json(s.auth.create_user(*req.actor, u)), 201);
  });
  router.add("PATCH", "/api/v1/users/{id}", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    std::optional<std::vector<service::NewGrant>> grants;
    if (const auto* list = opt_array(body, "grants")) grants = grants_from(*list);
    return json_response(to_json(s.auth.update_user(*req.actor, path_id(req), opt_string(body, "display_name", 400),
                                                    opt_bool(body, "disabled"), grants)));
  });
  router.add("POST", "/api/v1/users/{id}/password", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    s.auth.reset_password(*req.actor, path_id(req), required_string(body, "password", 1000));
    return Response::no_content();
  });
}

}  // namespace skb::http
