#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/platform/audit.hpp"

namespace skb::http {
// The log spans every organisation, so only an administrator of the top organisation reads it.
void require_audit_reader(const service::Actor& actor) {
  if (!actor.is_admin_at_root()) throw core::forbidden("审计日志仅限最高级组织的管理员查看 (audit log: top-level admins only)");
}

void add_audit_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/audit", Access::signed_in, [&s](Request& req) {
    require_audit_reader(*req.actor);
    const auto page = service::list_audit(s.ctx, query_limit(req, 50, 500), query_id(req, "cursor"));
    boost::json::array items;
    for (const auto& e : page.items) items.push_back(to_json(e));
    return page_response(std::move(items), page.next_before_seq, page.total);
  });
}

}  // namespace skb::http
