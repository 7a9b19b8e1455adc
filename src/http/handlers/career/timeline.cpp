#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 职业生涯时间线: GET /workers/{id}/timeline, for the worker themself and whoever may read the worker.
namespace skb::http {

void add_timeline_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/workers/{id}/timeline", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& i : s.timeline.timeline(*req.actor, path_id(req)))
      items.push_back(boost::json::object{{"date", i.date}, {"kind", i.kind}, {"title", i.title}, {"detail", i.detail}, {"context", i.context}});
    return json_response(boost::json::object{{"items", std::move(items)}});
  });
}

}  // namespace skb::http
