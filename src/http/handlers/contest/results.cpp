#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/platform/error.hpp"
#include "http/handlers/contest/competition_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

boost::json::value tier_json(const core::AwardTier& t) {
  return boost::json::object{{"name", t.name},
                             {"count", t.count ? boost::json::value(*t.count) : boost::json::value(nullptr)},
                             {"percent", t.percent ? boost::json::value(*t.percent) : boost::json::value(nullptr)},
                             {"honour", t.honour},
                             {"promote_to", t.promote_to ? boost::json::value(core::to_code(*t.promote_to)) : boost::json::value(nullptr)}};
}

std::vector<core::AwardTier> tiers_from(const boost::json::object& body) {
  const auto* list = opt_array(body, "tiers");
  if (!list) throw core::invalid("tiers", "tiers 为必填项 (is required)");
  std::vector<core::AwardTier> tiers;
  for (size_t i = 0; i < list->size(); ++i) {
    const auto field = fmt::format("tiers[{}]", i);
    if (!(*list)[i].is_object()) throw core::invalid(field, field + " 应为对象 (must be an object)");
    const auto& o = (*list)[i].get_object();
    core::AwardTier t;
    t.name = required_string(o, "name", 100);
    if (const auto* c = o.if_contains("count"); c && !c->is_null()) {
      if (!c->is_int64()) throw core::invalid(field + ".count", "count 应为整数 (must be a whole number)");
      t.count = static_cast<int>(std::clamp<std::int64_t>(c->get_int64(), -1, 100000));
    }
    if (const auto* p = o.if_contains("percent"); p && !p->is_null()) {
      if (!p->is_number()) throw core::invalid(field + ".percent", "percent 应为数字 (must be a number)");
      t.percent = p->to_number<double>();
    }
    t.honour = opt_string(o, "honour", 200).value_or("");
    if (auto level = opt_string(o, "promote_to", 40)) {
      t.promote_to = core::parse_skill_level(*level);
      if (!t.promote_to) throw core::invalid(field + ".promote_to", "技能等级无效 (unknown skill level)");
    }
    tiers.push_back(std::move(t));
  }
  return tiers;
}

boost::json::value to_json(const service::PromotionView& p) {
  return boost::json::object{{"id", id_json(p.id)}, {"event_id", id_json(p.event_id)}, {"entry_id", id_json(p.entry_id)},
                             {"worker_id", id_json(p.worker_id)}, {"worker_name", p.worker_name}, {"award", p.award},
                             {"from_level", core::to_code(p.from_level)}, {"to_level", core::to_code(p.to_level)},
                             {"to_level_name", core::to_chinese(p.to_level)}, {"status", p.status}};
}

}  // namespace

namespace {

boost::json::array time_allowances_json(const std::vector<service::TimeAllowanceView>& items) {
  boost::json::array out;
  for (const auto& t : items)
    out.push_back(boost::json::object{{"venue_id", id_json(t.venue_id)}, {"venue_name", t.venue_name}, {"component_id", id_json(t.component_id)},
                                      {"component_name", t.component_name}, {"seconds", t.seconds}, {"reason", t.reason},
                                      {"recorded_by", t.recorded_by}, {"recorded_at", t.recorded_at}});
  return out;
}

}  // namespace

void add_result_routes(Router& router, service::Services& s) {
  router.add("POST", "/api/v1/events/{id}/flags/resolve", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto entry = opt_id(body, "entry_id");
    const auto aspect = opt_id(body, "aspect_id");
    if (!entry) throw core::invalid("entry_id", "entry_id 为必填项 (is required)");
    if (!aspect) throw core::invalid("aspect_id", "aspect_id 为必填项 (is required)");
    s.results.resolve_flag(*req.actor, path_id(req), *entry, *aspect, required_string(body, "note", 4000));
    return Response::no_content();
  });
  router.add("GET", "/api/v1/events/{id}/aspect-locks", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& l : s.results.aspect_locks(*req.actor, path_id(req)))
      items.push_back(boost::json::object{{"aspect_id", id_json(l.aspect_id)}, {"venue_id", opt_id_json(l.venue_id)},
                                          {"locked_by", l.locked_by}, {"locked_at", l.locked_at}});
    return json_response(boost::json::object{{"items", items}});
  });
  for (const bool locked : {true, false})
    router.add("POST", locked ? "/api/v1/events/{id}/aspects/{aspect_id}/lock" : "/api/v1/events/{id}/aspects/{aspect_id}/unlock",
               Access::signed_in, [&s, locked](Request& req) {
                 std::optional<std::int64_t> venue;
                 if (!req.body.empty()) venue = opt_id(parse_object(req), "venue_id");
                 s.results.lock_aspect(*req.actor, path_id(req), path_id(req, "aspect_id"), venue, locked);
                 return Response::no_content();
               });
  router.add("POST", "/api/v1/events/{id}/lock", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.results.lock_event(*req.actor, path_id(req)))); });
  router.add("GET", "/api/v1/events/{id}/awards", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& t : s.results.award_tiers(*req.actor, path_id(req))) items.push_back(tier_json(t));
    return json_response(boost::json::object{{"tiers", items}});
  });
  router.add("PUT", "/api/v1/events/{id}/awards", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& t : s.results.set_award_tiers(*req.actor, path_id(req), tiers_from(parse_object(req)))) items.push_back(tier_json(t));
    return json_response(boost::json::object{{"tiers", items}});
  });
  router.add("GET", "/api/v1/events/{id}/promotions", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& p : s.results.promotions(*req.actor, path_id(req))) items.push_back(to_json(p));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/promotions/{id}/confirm", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.results.decide_promotion(*req.actor, path_id(req), true))); });
  router.add("POST", "/api/v1/promotions/{id}/reject", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.results.decide_promotion(*req.actor, path_id(req), false))); });
  // Next stage: `{to_event_id, top_n | top_percent, per_venue}` registers the advancing entrants there.
  router.add("POST", "/api/v1/events/{id}/advance", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto to = opt_id(body, "to_event_id");
    if (!to) throw core::invalid("to_event_id", "to_event_id 为必填项 (is required)");
    std::optional<int> top_n;
    if (const auto* n = body.if_contains("top_n"); n && !n->is_null()) {
      if (!n->is_int64() || n->get_int64() < 1 || n->get_int64() > 100000) throw core::invalid("top_n", "top_n 应为正整数 (a whole number ≥ 1)");
      top_n = static_cast<int>(n->get_int64());
    }
    std::optional<double> top_percent;
    if (const auto* p = body.if_contains("top_percent"); p && !p->is_null()) {
      if (!p->is_number()) throw core::invalid("top_percent", "top_percent 应为数字 (must be a number)");
      top_percent = p->to_number<double>();
    }
    boost::json::array items;
    for (const auto& e : s.results.advance(*req.actor, path_id(req), *to, top_n, top_percent, opt_bool(body, "per_venue").value_or(false)))
      items.push_back(to_json(e));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("GET", "/api/v1/events/{id}/results.xlsx", Access::signed_in, [&s](Request& req) {
    Response r{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               service::write_xlsx({s.results.results_sheet(*req.actor, path_id(req))}), {}, {}};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"results.xlsx\"; filename*=UTF-8''%E6%88%90%E7%BB%A9.xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("GET", "/api/v1/events/{id}/time-allowances", Access::signed_in, [&s](Request& req) {
    return json_response(boost::json::object{{"items", time_allowances_json(s.time_allowances.list(*req.actor, path_id(req)))}});
  });
  router.add("PUT", "/api/v1/events/{id}/time-allowances", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::TimeAllowanceInput in;
    const auto venue = opt_id(body, "venue_id"), component = opt_id(body, "component_id");
    if (!venue) throw core::invalid("venue_id", "venue_id 为必填项 (is required)");
    if (!component) throw core::invalid("component_id", "component_id 为必填项 (is required)");
    in.venue_id = *venue;
    in.component_id = *component;
    const auto* seconds = body.if_contains("seconds");
    if (!seconds || !seconds->is_number()) throw core::invalid("seconds", "seconds 应为数字 (must be a number)");
    in.seconds = seconds->to_number<double>();
    in.reason = opt_string(body, "reason", 4000).value_or("");
    return json_response(boost::json::object{{"items", time_allowances_json(s.time_allowances.set(*req.actor, path_id(req), in))}});
  });
}

}  // namespace skb::http
