#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/platform/error.hpp"
#include "http/handlers/contest/competition_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/contest/scheme_sheet.hpp"

namespace skb::http {
namespace {

int small_int(const boost::json::object& o, const char* key, int fallback) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_int64() || v->get_int64() < 0 || v->get_int64() > 1000)
    throw core::invalid(key, std::string(key) + " 应为整数 (must be a whole number)");
  return static_cast<int>(v->get_int64());
}

std::vector<std::string> string_list(const boost::json::object& o, const char* key, std::vector<std::string> fallback) {
  const auto* a = opt_array(o, key);
  if (!a) return fallback;
  std::vector<std::string> out;
  for (const auto& v : *a) {
    if (!v.is_string()) throw core::invalid(key, std::string(key) + " 应为字符串数组 (must be an array of strings)");
    out.emplace_back(v.get_string());
  }
  return out;
}

std::vector<service::SchemeRow> scheme_rows_from_json(const boost::json::object& body) {
  const auto* rows = opt_array(body, "rows");
  if (!rows) throw core::invalid("rows", "rows 为必填项 (is required)");
  std::vector<service::SchemeRow> out;
  out.reserve(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    if (!(*rows)[i].is_object()) throw core::invalid(fmt::format("rows[{}]", i), "每行应为对象 (each row must be an object)");
    const auto& o = (*rows)[i].get_object();
    const auto where = fmt::format("rows[{}].", i);
    out.push_back({sheet_cell(o, "component", where), sheet_cell(o, "kind", where), sheet_cell(o, "component_max", where),
                   sheet_cell(o, "weight", where), sheet_cell(o, "time_limit_minutes", where), sheet_cell(o, "criterion", where),
                   sheet_cell(o, "aspect", where), sheet_cell(o, "aspect_kind", where), sheet_cell(o, "aspect_max", where),
                   sheet_cell(o, "step", where), sheet_cell(o, "bands", where), sheet_cell(o, "dimension", where),
                   sheet_cell(o, "disqualifies", where)});
  }
  return out;
}

}  // namespace

void add_competition_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/competitions", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& c : s.competitions.list(*req.actor)) items.push_back(to_json(c));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/competitions", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::CompetitionInput in;
    in.name = required_string(body, "name", 400);
    in.level = required_string(body, "level", 20);
    const auto org = opt_id(body, "organiser_org_id");
    if (!org) throw core::invalid("organiser_org_id", "organiser_org_id 为必填项 (is required)");
    in.organiser_org_id = *org;
    in.starts_on = required_string(body, "starts_on", 20);
    in.ends_on = required_string(body, "ends_on", 20);
    return json_response(to_json(s.competitions.create(*req.actor, in)), 201);
  });
  router.add("GET", "/api/v1/competitions/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.competitions.get(*req.actor, path_id(req)))); });
  router.add("POST", "/api/v1/competitions/{id}/status", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(to_json(s.competitions.set_status(*req.actor, path_id(req), required_string(body, "status", 40))));
  });
  router.add("POST", "/api/v1/competitions/{id}/venues", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::VenueView v{0, required_string(body, "name", 400), opt_string(body, "city", 200).value_or(""),
                         opt_string(body, "address", 800).value_or("")};
    return json_response(to_json(s.competitions.add_venue(*req.actor, path_id(req), v)), 201);
  });
  router.add("POST", "/api/v1/competitions/{id}/events", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::EventInput in;
    in.name = required_string(body, "name", 400);
    const auto wt = opt_id(body, "work_type_id");
    if (!wt) throw core::invalid("work_type_id", "work_type_id 为必填项 (is required)");
    in.work_type_id = *wt;
    in.team_size = small_int(body, "team_size", 1);
    in.total_mode = opt_string(body, "total_mode", 20).value_or("raw_sum");
    in.tie_breaks = string_list(body, "tie_breaks", in.tie_breaks);
    in.min_judges = small_int(body, "min_judges", 3);
    in.standardise_venues = opt_bool(body, "standardise_venues").value_or(false);
    in.min_skill_level = opt_string(body, "min_skill_level", 40).value_or("");
    in.max_skill_level = opt_string(body, "max_skill_level", 40).value_or("");
    in.venue_ids = opt_id_list(body, "venue_ids").value_or(std::vector<std::int64_t>{});
    return json_response(to_json(s.competitions.add_event(*req.actor, path_id(req), in)), 201);
  });
  router.add("GET", "/api/v1/events/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.competitions.get_event(*req.actor, path_id(req)))); });
  router.add("PUT", "/api/v1/events/{id}/scheme", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.competitions.set_scheme(*req.actor, path_id(req), scheme_from_json(parse_object(req)))));
  });
  // 评分标准更正: the chief judge's correction of a frozen scheme, kept with what it changed.
  router.add("GET", "/api/v1/events/{id}/scheme/corrections", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& c : s.scheme_corrections.list(*req.actor, path_id(req))) items.push_back(to_json(c));
    return json_response(boost::json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/events/{id}/scheme/corrections", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::SchemeCorrectionInput in;
    in.components = scheme_from_json(body);
    in.reason = opt_string(body, "reason", 4000).value_or("");
    in.password = opt_string(body, "password", 1000).value_or("");
    const auto correction = s.scheme_corrections.correct(*req.actor, path_id(req), in);
    return json_response(boost::json::object{{"correction", to_json(correction)},
                                             {"event", to_json(s.competitions.get_event(*req.actor, path_id(req)))}},
                         201);
  });
  // 评分标准 as a spreadsheet: the same scheme, one row per aspect (service/contest/scheme_sheet.hpp).
  router.add("GET", "/api/v1/events/{id}/scheme.xlsx", Access::signed_in, [&s](Request& req) {
    Response r{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               service::SchemeSheetService(s.ctx, s.competitions).export_xlsx(*req.actor, path_id(req)), {}, {}};
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"scheme.xlsx\"; filename*=UTF-8''%E8%AF%84%E5%88%86%E6%A0%87%E5%87%86.xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("POST", "/api/v1/events/{id}/scheme/import", Access::signed_in, [&s](Request& req) {
    const auto rows = scheme_rows_from_json(parse_object(req));
    return json_response(to_json(service::SchemeSheetService(s.ctx, s.competitions).import_rows(*req.actor, path_id(req), rows)));
  });
  router.add("GET", "/api/v1/events/{id}/entries", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& e : s.competitions.list_entries(*req.actor, path_id(req))) items.push_back(to_json(e));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/events/{id}/entries", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    // A worker (worker_id) or a team (member_ids, captain first, and team_name).
    service::EntryInput in;
    const auto worker = opt_id(body, "worker_id");
    auto members = opt_id_list(body, "member_ids", 10);
    if (worker && members) throw core::invalid("member_ids", "worker_id 与 member_ids 只需其一 (worker_id or member_ids, not both)");
    if (!worker && !members) throw core::invalid("worker_id", "worker_id 或 member_ids 为必填项 (is required)");
    in.member_ids = worker ? std::vector<std::int64_t>{*worker} : std::move(*members);
    in.team_name = opt_string(body, "team_name", 400).value_or("");
    in.org_id = opt_id(body, "org_id");
    in.venue_id = opt_id(body, "venue_id");
    return json_response(to_json(s.competitions.register_entry(*req.actor, path_id(req), in)), 201);
  });
  router.add("POST", "/api/v1/events/{id}/check-in", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(to_json(s.competitions.check_in(*req.actor, path_id(req), required_string(body, "entry_code", 20))));
  });
  router.add("POST", "/api/v1/events/{id}/entries/{entry_id}/withdraw", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    return json_response(to_json(s.competitions.withdraw(*req.actor, path_id(req), path_id(req, "entry_id"), required_string(body, "reason", 1000))));
  });
  router.add("POST", "/api/v1/events/{id}/draw", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto result = s.competitions.draw(*req.actor, path_id(req), opt_string(body, "seed", 200).value_or(""));
    boost::json::array items;
    for (const auto& e : result.entries) items.push_back(to_json(e));
    return json_response(boost::json::object{{"seed", result.seed}, {"items", items}});
  });
  router.add("GET", "/api/v1/competitions/{id}/judge-candidates", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& j : s.competitions.judge_candidates(*req.actor, path_id(req)))
      items.push_back(boost::json::object{{"user_id", id_json(j.user_id)}, {"username", j.username}, {"display_name", j.display_name},
                                          {"chief", j.chief}, {"home_org_name", j.home_org_name}});
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("GET", "/api/v1/events/{id}/entries/{entry_id}/qr.svg", Access::signed_in, [&s](Request& req) {
    Response r{200, "image/svg+xml", s.competitions.entry_qr_svg(*req.actor, path_id(req), path_id(req, "entry_id")), {}, {}};
    r.headers.emplace_back("Cache-Control", "private, max-age=3600");
    return r;
  });
  router.add("GET", "/api/v1/events/{id}/judges", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& j : s.competitions.list_judges(*req.actor, path_id(req))) items.push_back(to_json(j));
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("POST", "/api/v1/events/{id}/judges", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    service::JudgeAssignmentInput in;
    const auto user = opt_id(body, "user_id");
    if (!user) throw core::invalid("user_id", "user_id 为必填项 (is required)");
    in.user_id = *user;
    in.venue_id = opt_id(body, "venue_id");
    in.component_id = opt_id(body, "component_id");
    in.aspect_ids = opt_id_list(body, "aspect_ids", 200).value_or(std::vector<std::int64_t>{});
    in.chief = opt_bool(body, "chief").value_or(false);
    in.override_reason = opt_string(body, "override_reason", 2000).value_or("");
    return json_response(to_json(s.competitions.assign_judge(*req.actor, path_id(req), in)), 201);
  });
}

}  // namespace skb::http
