#include "service/contest/competitions.hpp"
#include "service/contest/competition_setup.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <map>
#include <set>

#include "core/platform/error.hpp"
#include "service/platform/audit.hpp"

// 评分标准: an event's scheme (components and their aspects), checked against the rules of core and
// written so that parts keeping their id keep their judge assignments.
namespace skb::service {

using core::Permission;

std::vector<ComponentDef> checked_scheme(store::Connection& c, const EventView& event, std::vector<ComponentDef> components,
                                         int min_judges) {
  // A theory component without aspects is one exam score (from the exam module or typed in).
  for (auto& comp : components)
    if (comp.kind == core::ComponentKind::theory && comp.aspects.empty())
      comp.aspects.push_back({0, "", "理论考试成绩", core::AspectKind::measurement, comp.max_mark, 0.5, {}, std::nullopt, false});
  std::vector<core::SchemeComponent> scheme;
  for (const auto& comp : components) {
    core::SchemeComponent sc{comp.kind, comp.max_mark, comp.weight, {}, comp.time_limit_seconds};
    for (const auto& a : comp.aspects) sc.aspects.push_back({0, a.kind, a.max_mark, a.step, a.bands, a.disqualifies});
    scheme.push_back(std::move(sc));
  }
  auto problems = core::validate_scheme(event.summary.total_mode, scheme, min_judges);
  if (!problems.empty()) {
    // Where each problem is: "components", "components[i]" or "components[i].aspects[k]".
    const auto place = [](const core::SchemeProblem& p) {
      if (p.component < 0) return std::string("components");
      return fmt::format("components[{}]{}", p.component, p.aspect < 0 ? "" : fmt::format(".aspects[{}]", p.aspect));
    };
    core::Error e(core::ErrorKind::invalid, "invalid_scheme", problems.front().message, place(problems.front()));
    for (const auto& p : problems) e.problems.push_back({0, place(p), p.code, p.message});
    throw e;
  }
  for (auto& comp : components) {
    comp.name = text_field(comp.name, "name", 100);
    for (auto& a : comp.aspects) {
      a.criterion = text_field(a.criterion, "criterion", 100, false);
      a.name = text_field(a.name, "name", 200);
      if (a.dimension_id &&
          !c.query_one("SELECT 1 FROM dimensions WHERE id = ? AND work_type_id = ?", {*a.dimension_id, event.summary.work_type_id}))
        throw core::invalid("dimension_id", "能力维度不属于该工种 (dimension is not one of the work type's)");
    }
  }
  return components;
}

namespace {

std::int64_t insert_component(store::Connection& c, std::int64_t event_id, const ComponentDef& comp, std::int64_t position) {
  return c.insert_returning_id(
      "INSERT INTO components(event_id, kind, name, max_mark, weight, time_limit_seconds, position) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {event_id, std::string(core::to_code(comp.kind)), comp.name, comp.max_mark, comp.weight,
       comp.time_limit_seconds ? store::Value(*comp.time_limit_seconds) : store::Value(nullptr), position});
}

std::int64_t insert_aspect(store::Connection& c, std::int64_t component_id, const AspectDef& a, std::int64_t position) {
  return c.insert_returning_id(
      "INSERT INTO aspects(component_id, criterion, name, kind, max_mark, step, bands, dimension_id, disqualifies, position) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {component_id, a.criterion, a.name, std::string(core::to_code(a.kind)), a.max_mark, a.step, bands_json(a.bands),
       a.dimension_id ? store::Value(*a.dimension_id) : store::Value(nullptr), std::int64_t{a.disqualifies ? 1 : 0}, position});
}

void update_component(store::Connection& c, const ComponentDef& comp, std::int64_t position) {
  c.execute("UPDATE components SET kind = ?, name = ?, max_mark = ?, weight = ?, time_limit_seconds = ?, position = ? WHERE id = ?",
            {std::string(core::to_code(comp.kind)), comp.name, comp.max_mark, comp.weight,
             comp.time_limit_seconds ? store::Value(*comp.time_limit_seconds) : store::Value(nullptr), position, comp.id});
}

void update_aspect(store::Connection& c, const AspectDef& a, std::int64_t position) {
  c.execute("UPDATE aspects SET criterion = ?, name = ?, kind = ?, max_mark = ?, step = ?, bands = ?, dimension_id = ?, disqualifies = ?, "
            "position = ? WHERE id = ?",
            {a.criterion, a.name, std::string(core::to_code(a.kind)), a.max_mark, a.step, bands_json(a.bands),
             a.dimension_id ? store::Value(*a.dimension_id) : store::Value(nullptr), std::int64_t{a.disqualifies ? 1 : 0}, position, a.id});
}

}  // namespace

void write_scheme(store::Connection& c, const EventView& before, const std::vector<ComponentDef>& after) {
  std::set<std::int64_t> kept_components, kept_aspects;
  for (const auto& comp : after) {
    if (comp.id) kept_components.insert(comp.id);
    for (const auto& a : comp.aspects)
      if (a.id) kept_aspects.insert(a.id);
  }
  for (const auto& comp : before.components) {
    if (!kept_components.count(comp.id) &&
        c.query_one("SELECT 1 FROM judge_assignments WHERE component_id = ? LIMIT 1", {comp.id}))
      throw core::conflict("component_in_use", fmt::format("考核项目“{}”已指派裁判，请先调整指派 (judges are assigned to {})", comp.name, comp.name));
    for (const auto& a : comp.aspects)
      if (!kept_aspects.count(a.id)) {
        if (c.query_one("SELECT 1 FROM judge_assignment_aspects WHERE aspect_id = ? LIMIT 1", {a.id}))
          throw core::conflict("aspect_in_use", fmt::format("评分细项“{}”有指派的裁判组，请先调整指派 (a judge panel marks {})", a.name, a.name));
        c.execute("DELETE FROM aspect_locks WHERE aspect_id = ?", {a.id});
        c.execute("DELETE FROM aspects WHERE id = ?", {a.id});
      }
    if (!kept_components.count(comp.id)) {
      c.execute("DELETE FROM time_allowances WHERE component_id = ?", {comp.id});
      c.execute("DELETE FROM components WHERE id = ?", {comp.id});
    }
  }
  std::int64_t cpos = 0;
  for (const auto& comp : after) {
    auto cid = comp.id;
    if (cid)
      update_component(c, comp, cpos);
    else
      cid = insert_component(c, before.summary.id, comp, cpos);
    ++cpos;
    std::int64_t apos = 0;
    for (const auto& a : comp.aspects) {
      if (a.id)
        update_aspect(c, a, apos);
      else
        insert_aspect(c, cid, a, apos);
      ++apos;
    }
  }
}

EventView CompetitionService::set_scheme(const Actor& actor, std::int64_t event_id, const std::vector<ComponentDef>& declared) {
  EventView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto current = load_event(c, event_id);
    require(actor, Permission::manage_competitions, current.org_path);
    if (current.scheme_frozen)
      throw core::conflict("scheme_frozen", "评分已开始，评分标准已冻结；如需修改请由裁判长提交更正 "
                                            "(marking has started: the scheme is frozen; the chief judge may correct it)");
    // Parts named by an id of this event are kept (judge assignments stay on them); any other id is new.
    auto components = checked_scheme(c, current, declared, current.summary.min_judges);
    std::map<std::int64_t, std::set<std::int64_t>> stored;  // component → its aspects
    for (const auto& comp : current.components)
      for (const auto& a : comp.aspects) stored[comp.id].insert(a.id);
    std::set<std::int64_t> seen_components, seen_aspects;
    for (auto& comp : components) {
      const auto it = stored.find(comp.id);
      if (it == stored.end() || !seen_components.insert(comp.id).second) comp.id = 0;
      for (auto& a : comp.aspects)
        if (!comp.id || !it->second.count(a.id) || !seen_aspects.insert(a.id).second) a.id = 0;
    }
    write_scheme(c, current, components);
    append_audit(c, ctx_, {actor.username, "event.scheme", "event", std::to_string(event_id),
                           skb::service::json_text(boost::json::object{{"components", components.size()}})});
    v = load_event(c, event_id);
  });
  ctx_.changes->event_changed(event_id);
  return v;
}

}  // namespace skb::service
