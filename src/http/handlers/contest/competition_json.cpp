#include "http/handlers/contest/competition_json.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace json = boost::json;

json::value opt_id_json(const std::optional<std::int64_t>& id) { return id ? id_json(*id) : json::value(nullptr); }

namespace {

json::array ids_json(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.push_back(id_json(id));
  return a;
}

double number(const json::object& o, const char* key, const std::string& field, std::optional<double> fallback = std::nullopt) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (fallback) return *fallback;
    throw core::invalid(field, field + " 为必填项 (is required)");
  }
  if (!v->is_number()) throw core::invalid(field, field + " 应为数字 (must be a number)");
  const double d = v->to_number<double>();
  if (!std::isfinite(d)) throw core::invalid(field, field + " 应为有限数字 (must be finite)");
  return d;
}

json::value level_json(const std::optional<core::SkillLevel>& level) {
  return level ? json::value(core::to_code(*level)) : json::value(nullptr);
}

}  // namespace

json::value to_json(const service::VenueView& v) {
  return json::object{{"id", id_json(v.id)}, {"name", v.name}, {"city", v.city}, {"address", v.address}};
}

json::value to_json(const service::EventSummary& e) {
  json::array rules;
  for (auto r : e.tie_breaks) rules.push_back(json::value(core::to_code(r)));
  return json::object{{"id", id_json(e.id)},
                      {"competition_id", id_json(e.competition_id)},
                      {"name", e.name},
                      {"work_type_id", id_json(e.work_type_id)},
                      {"work_type_name", e.work_type_name},
                      {"team_size", e.team_size},
                      {"total_mode", core::to_code(e.total_mode)},
                      {"tie_breaks", rules},
                      {"min_judges", e.min_judges},
                      {"standardise_venues", e.standardise_venues},
                      {"min_skill_level", level_json(e.min_skill_level)},
                      {"max_skill_level", level_json(e.max_skill_level)},
                      {"venue_ids", ids_json(e.venue_ids)},
                      {"entry_count", e.entry_count}};
}

json::value to_json(const service::CompetitionView& c) {
  json::array venues, events;
  for (const auto& v : c.venues) venues.push_back(to_json(v));
  for (const auto& e : c.events) events.push_back(to_json(e));
  return json::object{{"id", id_json(c.id)},
                      {"name", c.name},
                      {"level", core::to_code(c.level)},
                      {"organiser_org_id", id_json(c.organiser_org_id)},
                      {"organiser_name", c.organiser_name},
                      {"starts_on", c.starts_on},
                      {"ends_on", c.ends_on},
                      {"status", core::to_code(c.status)},
                      {"venues", venues},
                      {"events", events}};
}

json::value to_json(const service::EventView& e) {
  json::object o = to_json(e.summary).as_object();
  o["competition_name"] = e.competition_name;
  o["competition_status"] = core::to_code(e.competition_status);
  o["scheme_frozen"] = e.scheme_frozen;
  o["locked"] = !e.locked_at.empty();
  o["locked_at"] = e.locked_at.empty() ? json::value(nullptr) : json::value(e.locked_at);
  o["locked_by"] = e.locked_by;
  json::array comps;
  for (const auto& c : e.components) {
    json::array aspects;
    for (const auto& a : c.aspects) {
      json::array bands;
      for (const auto& b : a.bands) bands.push_back(json::object{{"from", b.from}, {"to", b.to}, {"marks", b.marks}});
      aspects.push_back(json::object{{"id", id_json(a.id)}, {"criterion", a.criterion}, {"name", a.name},
                                     {"kind", core::to_code(a.kind)}, {"max_mark", a.max_mark}, {"step", a.step},
                                     {"bands", bands}, {"dimension_id", opt_id_json(a.dimension_id)},
                                     {"disqualifies", a.disqualifies}});
    }
    comps.push_back(json::object{{"id", id_json(c.id)}, {"kind", core::to_code(c.kind)}, {"name", c.name},
                                 {"max_mark", c.max_mark}, {"weight", c.weight},
                                 {"time_limit_seconds", c.time_limit_seconds ? json::value(*c.time_limit_seconds) : json::value(nullptr)},
                                 {"aspects", aspects}});
  }
  o["components"] = std::move(comps);
  return o;
}

json::value to_json(const service::EntryView& e) {
  json::array members;
  for (size_t i = 0; i < e.members.size(); ++i) {
    const auto& m = e.members[i];
    members.push_back(json::object{{"worker_id", id_json(m.worker_id)}, {"name", m.name}, {"org_id", id_json(m.org_id)},
                                   {"org_name", m.org_name}, {"captain", i == 0}});
  }
  return json::object{{"id", id_json(e.id)},           {"event_id", id_json(e.event_id)},
                      {"worker_id", e.worker_id ? id_json(e.worker_id) : json::value(nullptr)}, {"worker_name", e.worker_name},
                      {"team_name", e.team_name},      {"members", std::move(members)},
                      {"org_id", e.org_id ? id_json(e.org_id) : json::value(nullptr)}, {"org_name", e.org_name},
                      {"venue_id", opt_id_json(e.venue_id)}, {"venue_name", e.venue_name},
                      {"bib", e.bib},                  {"entry_code", e.entry_code},
                      {"status", e.status},            {"workstation", e.workstation},
                      {"board_row_id", e.board_row_id.empty() ? json::value(nullptr) : json::value(e.board_row_id)}};
}

json::value to_json(const service::SchemeCorrectionView& c) {
  json::array changes;
  for (const auto& ch : c.changes) changes.push_back(json::object{{"what", ch.what}, {"from", ch.from}, {"to", ch.to}});
  return json::object{{"id", id_json(c.id)},          {"event_id", id_json(c.event_id)}, {"reason", c.reason},
                      {"changes", std::move(changes)}, {"corrected_by", c.corrected_by}, {"corrected_at", c.corrected_at}};
}

json::value to_json(const service::JudgeAssignmentView& j) {
  return json::object{{"id", id_json(j.id)}, {"event_id", id_json(j.event_id)}, {"user_id", id_json(j.user_id)},
                      {"judge_name", j.judge_name}, {"venue_id", opt_id_json(j.venue_id)},
                      {"component_id", opt_id_json(j.component_id)}, {"chief", j.chief},
                      {"home_org_id", opt_id_json(j.home_org_id)}, {"override_reason", j.override_reason},
                      {"aspect_ids", ids_json(j.aspect_ids)}};
}

json::value to_json(const service::Standings& s) {
  json::array rows;
  for (const auto& r : s.results) {
    json::array comps, aspects;
    for (const auto& c : r.components)
      comps.push_back(json::object{{"component_id", id_json(c.component_id)}, {"kind", core::to_code(c.kind)},
                                   {"score", core::round2(c.score)}, {"max_mark", c.max_mark}, {"complete", c.complete},
                                   {"flagged", c.flagged}, {"seconds", c.seconds ? json::value(*c.seconds) : json::value(nullptr)}});
    for (const auto& a : r.aspects)
      aspects.push_back(json::object{{"aspect_id", id_json(a.aspect_id)}, {"score", core::round2(a.score)},
                                     {"complete", a.complete}, {"flagged", a.flagged},
                                     {"seconds", a.seconds ? json::value(*a.seconds) : json::value(nullptr)}});
    rows.push_back(json::object{{"rank", r.rank}, {"tied", r.tied}, {"total", r.total}, {"complete", r.complete},
                                {"flagged", r.flagged}, {"disqualified", r.disqualified}, {"award", r.award},
                                {"honour", r.honour}, {"entry", to_json(r.entry)}, {"components", comps}, {"aspects", aspects}});
  }
  return json::object{{"event_id", id_json(s.event_id)}, {"venue_id", opt_id_json(s.venue_id)},
                      {"total_mode", core::to_code(s.mode)}, {"last_seq", s.last_seq}, {"locked", s.locked}, {"items", rows}};
}

json::value to_json(const service::JudgeTask& t) {
  json::array entries, marks;
  for (const auto& e : t.entries)
    entries.push_back(json::object{{"entry_id", id_json(e.entry_id)}, {"entry_code", e.entry_code}, {"status", e.status},
                                   {"conflict", e.conflict}});
  for (const auto& m : t.marks)
    marks.push_back(json::object{{"entry_id", id_json(m.entry_id)}, {"aspect_id", id_json(m.aspect_id)}, {"value", m.value}});
  return json::object{{"event", to_json(t.event)}, {"venue_id", opt_id_json(t.venue_id)},
                      {"component_id", opt_id_json(t.component_id)}, {"aspect_ids", ids_json(t.aspect_ids)}, {"chief", t.chief},
                      {"entries", entries}, {"marks", marks}};
}

json::value to_json(const core::JudgeSummary& j) {
  json::array entries;
  for (const auto& e : j.entries)
    entries.push_back(json::object{{"entry_id", id_json(e.entry_id)}, {"sum_abs_deviation", core::round2(e.sum_abs_deviation)},
                                   {"aspects", e.aspects}, {"max_abs_deviation", core::round2(e.max_abs_deviation)},
                                   {"review", e.review}});
  return json::object{{"judge_id", id_json(j.judge_id)}, {"marks", j.marks}, {"mean_deviation", core::round2(j.mean_deviation)},
                      {"deviation_sd", core::round2(j.deviation_sd)}, {"home_mean_deviation", core::round2(j.home_mean_deviation)},
                      {"other_mean_deviation", core::round2(j.other_mean_deviation)}, {"home_marks", j.home_marks},
                      {"outlier", j.outlier}, {"entries", entries}};
}

service::MarkInput mark_from_json(const boost::json::value& v, const std::string& field) {
  if (!v.is_object()) throw core::invalid(field, field + " 应为对象 (must be an object)");
  const auto& o = v.get_object();
  service::MarkInput m;
  m.client_id = required_token(o, "client_id", 100, field + ".client_id");
  const auto entry = opt_id(o, "entry_id");
  const auto aspect = opt_id(o, "aspect_id");
  if (!entry) throw core::invalid(field + ".entry_id", "entry_id 为必填项 (is required)");
  if (!aspect) throw core::invalid(field + ".aspect_id", "aspect_id 为必填项 (is required)");
  m.entry_id = *entry;
  m.aspect_id = *aspect;
  const auto* value = o.if_contains("value");
  if (!value || !value->is_number() || !std::isfinite(value->to_number<double>()))
    throw core::invalid(field + ".value", "value 应为数字 (must be a number)");
  m.value = value->to_number<double>();
  return m;
}


std::vector<service::ComponentDef> scheme_from_json(const json::object& body) {
  const auto* comps = opt_array(body, "components");
  if (!comps) throw core::invalid("components", "components 为必填项 (is required)");
  if (comps->size() > 20) throw core::invalid("components", "at most 20 components");
  std::vector<service::ComponentDef> out;
  for (size_t i = 0; i < comps->size(); ++i) {
    const auto cf = fmt::format("components[{}]", i);
    if (!(*comps)[i].is_object()) throw core::invalid(cf, cf + " 应为对象 (must be an object)");
    const auto& co = (*comps)[i].get_object();
    service::ComponentDef d;
    d.id = opt_id(co, "id").value_or(0);  // kept by a correction of a frozen scheme; a replacement ignores it
    const auto kind = core::parse_component_kind(required_string(co, "kind", 20));
    if (!kind) throw core::invalid(cf + ".kind", "kind 应为 theory 或 practical");
    d.kind = *kind;
    d.name = required_string(co, "name", 400);
    d.max_mark = number(co, "max_mark", cf + ".max_mark");
    d.weight = number(co, "weight", cf + ".weight", 1.0);
    if (co.contains("time_limit_seconds") && !co.at("time_limit_seconds").is_null())
      d.time_limit_seconds = number(co, "time_limit_seconds", cf + ".time_limit_seconds");
    const auto* aspects = opt_array(co, "aspects");
    if (aspects) {
      if (aspects->size() > 200) throw core::invalid(cf + ".aspects", "at most 200 aspects");
      for (size_t k = 0; k < aspects->size(); ++k) {
        const auto af = fmt::format("{}.aspects[{}]", cf, k);
        if (!(*aspects)[k].is_object()) throw core::invalid(af, af + " 应为对象 (must be an object)");
        const auto& ao = (*aspects)[k].get_object();
        service::AspectDef a;
        a.id = opt_id(ao, "id").value_or(0);
        a.criterion = opt_string(ao, "criterion", 400).value_or("");
        a.name = required_string(ao, "name", 800);
        const auto ak = core::parse_aspect_kind(required_string(ao, "kind", 20));
        if (!ak) throw core::invalid(af + ".kind", "kind 应为 measurement / judgement / deduction / time");
        a.kind = *ak;
        a.max_mark = number(ao, "max_mark", af + ".max_mark");
        a.step = number(ao, "step", af + ".step", 0.5);
        a.dimension_id = opt_id(ao, "dimension_id");
        a.disqualifies = opt_bool(ao, "disqualifies").value_or(false);
        if (const auto* bands = opt_array(ao, "bands"))
          for (const auto& b : *bands) {
            if (!b.is_object()) throw core::invalid(af + ".bands", "bands 应为 {from,to,marks} 数组");
            const auto& bo = b.get_object();
            a.bands.push_back({number(bo, "from", af + ".bands.from"), number(bo, "to", af + ".bands.to"),
                               number(bo, "marks", af + ".bands.marks")});
          }
        d.aspects.push_back(std::move(a));
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace skb::http
