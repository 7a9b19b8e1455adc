#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_views.hpp"
#include "service/contest/mark_trail.hpp"
#include "service/platform/audit.hpp"

// GET /audit/verify: the audit chain (platform's) and then, against the intact chain as reference, the
// contest's mark log (信息留痕). The same check as `skillbrain verify-audit`.
namespace skb::http {

void add_mark_trail_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/audit/verify", Access::signed_in, [&s](Request& req) {
    require_audit_reader(*req.actor);
    const auto check = service::verify_audit(s.ctx);
    boost::json::object o{{"ok", check.ok}, {"entries", check.entries}};
    if (check.first_bad_seq) o["first_bad_seq"] = *check.first_bad_seq;
    if (check.ok) {
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
