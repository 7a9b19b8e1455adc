// Liveness and readiness. GET /api/v1/health is what load balancers poll many times a second: it answers
// from memory, with the store's state as last seen (a full disk or read-only file shows as "degraded").
// GET /api/v1/health/ready writes a probe row for real and answers 503 when the store cannot take work.
#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_views.hpp"
#include "http/router.hpp"
#include "service/platform/json_text.hpp"

namespace skb::http {

void add_health_routes(Router& router, service::Services& services, const ServerInfo& info) {
  auto& db = services.ctx.db;
  const auto body_for = [&db, version = info.version](store::StoreProblem problem) {
    const bool ok = problem == store::StoreProblem::none;
    boost::json::object o{{"status", ok ? "ok" : "degraded"}, {"version", version}, {"store", db.kind()}, {"writable", ok}};
    if (!ok) o["store_problem"] = store::to_code(problem);
    return service::json_text(o);
  };
  // Precomputed for the usual answer: health answers without touching the database.
  router.add("GET", "/api/v1/health", Access::open, [&db, body_for, ok = body_for(store::StoreProblem::none)](Request&) {
    const auto problem = db.write_problem();
    return Response::json(200, problem == store::StoreProblem::none ? ok : body_for(problem));
  });
  router.add("GET", "/api/v1/health/ready", Access::open, [&db](Request&) {
    const auto problem = db.probe_write();
    if (problem != store::StoreProblem::none) return error_response(store::storage_error(problem));
    return Response::json(200, service::json_text(boost::json::object{{"status", "ready"}, {"store", db.kind()}}));
  });
}

}  // namespace skb::http
