#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_views.hpp"

namespace skb::http {

void add_health_routes(Router& router, service::Services& services, const ServerInfo& info) {
  // Precomputed: health is what load balancers poll, so it answers without touching the database.
  const std::string body = boost::json::serialize(
      boost::json::object{{"status", "ok"}, {"version", info.version}, {"store", services.ctx.db.kind()}});
  router.add("GET", "/api/v1/health", Access::open, [body](Request&) { return Response::json(200, body); });
}

}  // namespace skb::http
