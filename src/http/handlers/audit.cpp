#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/audit.hpp"

namespace skb::http {

void add_audit_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/audit", Access::signed_in, [&s](Request& req) {
    service::require_somewhere(*req.actor, core::Permission::read_audit);
    const auto page = service::list_audit(s.ctx, query_limit(req, 50, 500), query_id(req, "cursor"));
    boost::json::array items;
    for (const auto& e : page.items) items.push_back(to_json(e));
    return page_response(std::move(items), page.next_before_seq, page.total);
  });
  router.add("GET", "/api/v1/audit/verify", Access::signed_in, [&s](Request& req) {
    service::require_somewhere(*req.actor, core::Permission::read_audit);
    const auto check = service::verify_audit(s.ctx);
    boost::json::object o{{"ok", check.ok}, {"entries", check.entries}};
    if (check.first_bad_seq) o["first_bad_seq"] = *check.first_bad_seq;
    return json_response(o);
  });
}

}  // namespace skb::http
