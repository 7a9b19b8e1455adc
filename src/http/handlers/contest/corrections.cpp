#include <boost/json.hpp>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

boost::json::value to_json(const service::CorrectionView& v) {
  auto opt = [](const std::optional<double>& d) { return d ? boost::json::value(*d) : boost::json::value(nullptr); };
  return boost::json::object{{"id", id_json(v.id)},
                             {"event_id", id_json(v.event_id)},
                             {"entry_id", id_json(v.entry_id)},
                             {"aspect_id", id_json(v.aspect_id)},
                             {"judge_user_id", id_json(v.judge_user_id)},
                             {"old_value", opt(v.old_value)},
                             {"new_value", v.new_value},
                             {"reason", v.reason},
                             {"requested_by", v.requested_by},
                             {"requested_at", v.requested_at},
                             {"chief_confirmed_by", v.chief_confirmed_by},
                             {"organiser_confirmed_by", v.organiser_confirmed_by},
                             {"old_total", opt(v.old_total)},
                             {"new_total", opt(v.new_total)},
                             {"status", v.status}};
}

}  // namespace

void add_correction_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/events/{id}/corrections", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& c : s.corrections.history(*req.actor, path_id(req))) items.push_back(to_json(c));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/events/{id}/corrections", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::CorrectionInput in;
    const auto entry = opt_id(body, "entry_id"), aspect = opt_id(body, "aspect_id"), judge = opt_id(body, "judge_user_id");
    if (!entry) throw core::invalid("entry_id", "entry_id 为必填项 (is required)");
    if (!aspect) throw core::invalid("aspect_id", "aspect_id 为必填项 (is required)");
    if (!judge) throw core::invalid("judge_user_id", "judge_user_id 为必填项 (is required)");
    in.entry_id = *entry;
    in.aspect_id = *aspect;
    in.judge_user_id = *judge;
    const auto* value = body.if_contains("value");
    if (!value || !value->is_number() || !std::isfinite(value->to_number<double>()))
      throw core::invalid("value", "value 应为数字 (must be a number)");
    in.value = value->to_number<double>();
    in.reason = required_string(body, "reason", 4000);
    return json_response(to_json(s.corrections.request(*req.actor, path_id(req), in)), 201);
  });
  router.add("POST", "/api/v1/corrections/{id}/confirm", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(to_json(s.corrections.confirm(*req.actor, path_id(req), required_string(body, "password", 1000))));
  });
  router.add("POST", "/api/v1/corrections/{id}/reject", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(to_json(s.corrections.reject(*req.actor, path_id(req), required_string(body, "password", 1000))));
  });
}

}  // namespace skb::http
