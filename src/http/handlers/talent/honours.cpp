#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 荣誉: GET/POST /workers/{id}/honours and DELETE /honours/{id}.
namespace skb::http {
namespace {

namespace json = boost::json;

json::object honour_json(const service::HonourView& h) {
  return json::object{{"id", id_json(h.id)},         {"worker_id", id_json(h.worker_id)}, {"kind", h.kind},
                      {"title", h.title},            {"level", h.level},                  {"awarded_on", h.awarded_on},
                      {"issuer", h.issuer},          {"work_type_id", h.work_type_id ? id_json(*h.work_type_id) : json::value(nullptr)}};
}

}  // namespace

void add_honour_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/workers/{id}/honours", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& h : s.honours.list(*req.actor, path_id(req))) items.push_back(honour_json(h));
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/workers/{id}/honours", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::HonourInput in{opt_string(body, "kind", 40).value_or(""), opt_string(body, "title", 1000).value_or(""),
                            opt_string(body, "level", 40).value_or(""), opt_string(body, "awarded_on", 40).value_or(""),
                            opt_string(body, "issuer", 1000).value_or(""), opt_id(body, "work_type_id")};
    return json_response(honour_json(s.honours.add(*req.actor, path_id(req), in)), 201);
  });
  router.add("DELETE", "/api/v1/honours/{id}", Access::signed_in, [&s](Request& req) {
    s.honours.remove(*req.actor, path_id(req));
    return Response::no_content();
  });
}

}  // namespace skb::http
