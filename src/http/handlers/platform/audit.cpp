#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/platform/audit.hpp"

namespace skb::http {
namespace {
// The log spans every organisation, so only an administrator of the top organisation reads it.
void require_audit_reader(const service::Actor& actor) {
  if (!actor.is_admin_at_root()) throw core::forbidden("审计日志仅限最高级组织的管理员查看 (audit log: top-level admins only)");
}
}  // namespace

void add_audit_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/audit", Access::signed_in, [&s](Request& req) {
    require_audit_reader(*req.actor);
    const auto page = service::list_audit(s.ctx, query_limit(req, 50, 500), query_id(req, "cursor"));
    boost::json::array items;
    for (const auto& e : page.items) items.push_back(to_json(e));
    return page_response(std::move(items), page.next_before_seq, page.total);
  });
  router.add("GET", "/api/v1/audit/verify", Access::signed_in, [&s](Request& req) {
    require_audit_reader(*req.actor);
    const auto check = service::verify_audit(s.ctx);
    boost::json::object o{{"ok", check.ok}, {"entries", check.entries}};
    if (check.first_bad_seq) o["first_bad_seq"] = *check.first_bad_seq;
    if (check.ok) {  // an intact chain is the reference the mark log is checked against
      std::int64_t checked = 0;
      const auto problems = service::verify_mark_trail(s.ctx, &checked);
      boost::json::array list;
      for (size_t i = 0; i < problems.size() && i < 50; ++i)
        list.push_back(boost::json::object{{"seq", problems[i].seq}, {"code", problems[i].code}, {"message", problems[i].message}});
      o["marks_checked"] = checked;
      o["mark_problems"] = std::move(list);
      o["ok"] = problems.empty();
    }
    return json_response(o);
  });
}

}  // namespace skb::http
