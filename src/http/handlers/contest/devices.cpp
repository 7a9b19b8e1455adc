#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/contest/competition_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

boost::json::value to_json(const service::DeviceView& d) {
  boost::json::object o{{"id", id_json(d.id)}, {"competition_id", id_json(d.competition_id)}, {"venue_id", id_json(d.venue_id)},
                        {"name", d.name}, {"key_id", d.key_id}, {"revoked", d.revoked}};
  if (!d.secret.empty()) o["secret"] = d.secret;  // shown once, at creation
  return o;
}

std::vector<service::MarkInput> device_marks(const Request& req) {
  const auto body = parse_object(req);
  const auto* list = body.if_contains("marks");
  if (!list || !list->is_array()) throw core::invalid("marks", "marks 应为数组 (must be an array)");
  std::vector<service::MarkInput> marks;
  for (size_t i = 0; i < list->as_array().size(); ++i) marks.push_back(mark_from_json(list->as_array()[i], fmt::format("marks[{}]", i)));
  return marks;
}

}  // namespace

void add_device_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/competitions/{id}/devices", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& d : s.devices.list(*req.actor, path_id(req))) items.push_back(to_json(d));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/competitions/{id}/devices", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto venue = opt_id(body, "venue_id");
    if (!venue) throw core::invalid("venue_id", "venue_id 为必填项 (is required)");
    auto r = json_response(to_json(s.devices.create(*req.actor, path_id(req), *venue, required_string(body, "name", 400))), 201);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("POST", "/api/v1/devices/{id}/revoke", Access::signed_in, [&s](Request& req) {
    s.devices.revoke(*req.actor, path_id(req));
    return Response::no_content();
  });
  // Signed by the device itself (no session): see service/contest/devices.hpp for the scheme.
  router.add("POST", "/api/v1/device/marks", Access::open, [&s](Request& req) {
    const service::SignedRequest signed_request{req.header("x-device-key"), req.header("x-timestamp"), req.header("x-signature"), req.body};
    const auto receipts = s.devices.submit(signed_request, [&] { return device_marks(req); });
    boost::json::array items;
    for (const auto& r : receipts) items.push_back(boost::json::object{{"client_id", r.client_id}, {"seq", r.seq}, {"replayed", r.replayed}});
    return json_response(boost::json::object{{"items", items}}, 201);
  });
}

}  // namespace skb::http
