#include "http/json_views.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>

#include "http/message.hpp"

namespace skb::http {

namespace json = boost::json;

json::value id_json(std::int64_t id) { return json::value(std::to_string(id)); }

json::value to_json(const service::Grant& g) {
  return json::object{{"role", core::to_code(g.role)}, {"org_id", id_json(g.org_id)}, {"org_name", g.org_name}};
}

json::value to_json(const service::Actor& a) {
  json::array grants;
  for (const auto& g : a.grants) grants.push_back(to_json(g));
  return json::object{{"id", id_json(a.user_id)}, {"username", a.username}, {"display_name", a.display_name},
                      {"worker_id", a.worker_id ? id_json(*a.worker_id) : json::value(nullptr)}, {"grants", grants}};
}

json::value to_json(const service::UserView& u) {
  json::array grants;
  for (const auto& g : u.grants) grants.push_back(to_json(g));
  return json::object{{"id", id_json(u.id)}, {"username", u.username}, {"display_name", u.display_name},
                      {"grants", grants}, {"created_at", u.created_at}, {"disabled", u.disabled}};
}

json::value to_json(const service::OrgView& v) {
  json::array names;
  for (const auto& n : v.path_names) names.push_back(json::value(n));
  return json::object{{"id", id_json(v.org.id)},
                      {"parent_id", v.org.parent_id ? id_json(*v.org.parent_id) : json::value(nullptr)},
                      {"name", v.org.name},
                      {"kind", core::to_code(v.org.kind)},
                      {"code", v.org.code},
                      {"path_names", names},
                      {"worker_count", v.worker_count}};
}

json::value to_json(const service::WorkType& w) {
  json::array dims;
  for (const auto& d : w.dimensions)
    dims.push_back(json::object{{"id", id_json(d.id)}, {"name", d.name}, {"description", d.description}, {"position", d.position}});
  return json::object{{"id", id_json(w.id)}, {"code", w.code}, {"name", w.name}, {"description", w.description}, {"dimensions", dims}};
}

json::value to_json(const service::WorkerView& w) {
  json::array types;
  for (const auto& t : w.work_types) types.push_back(json::object{{"id", id_json(t.id)}, {"name", t.name}});
  json::object o{{"id", id_json(w.id)},
                 {"name", w.name},
                 {"gender", core::to_code(w.gender)},
                 {"employee_no", w.employee_no},
                 {"org_id", id_json(w.org_id)},
                 {"org_name", w.org_name},
                 {"work_types", types},
                 {"skill_level", core::to_code(w.skill_level)},
                 {"skill_level_name", core::to_chinese(w.skill_level)},
                 {"phone_masked", w.phone_masked},
                 {"id_number_masked", w.id_number_masked},
                 {"birth_date", w.birth_date.empty() ? json::value(nullptr) : json::value(w.birth_date)},
                 {"birth_year", w.birth_year},
                 {"created_at", w.created_at}};
  if (!w.level_history.empty()) {
    json::array history;
    for (const auto& h : w.level_history)
      history.push_back(json::object{{"level", core::to_code(h.level)}, {"level_name", core::to_chinese(h.level)},
                                     {"effective_date", h.effective_date}, {"note", h.note},
                                     {"recorded_at", h.recorded_at}, {"recorded_by", h.recorded_by}});
    o["level_history"] = std::move(history);
  }
  return o;
}

json::value to_json(const core::AuditEntry& e) {
  json::value detail;
  boost::system::error_code ec;
  detail = json::parse(e.detail, ec);
  if (ec) detail = json::value(e.detail);
  return json::object{{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"entity", e.entity},
                      {"entity_id", e.entity_id}, {"detail", detail}, {"prev_hash", e.prev_hash}, {"hash", e.hash}};
}

Response json_response(const json::value& v, int status) { return Response::json(status, skb::service::json_text(v)); }

Response page_response(json::array items, std::optional<std::int64_t> next_cursor, std::int64_t total) {
  return json_response(json::object{{"items", std::move(items)},
                                    {"next_cursor", next_cursor ? id_json(*next_cursor) : json::value(nullptr)},
                                    {"total", total}});
}

}  // namespace skb::http
