#include "service/contest/scheme_corrections.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/contest/competition.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/contest/evidence.hpp"
#include "service/contest/results.hpp"
#include "service/people/auth.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

using core::Permission;

std::string number(double v) { return fmt::format("{:g}", v); }
std::string optional_number(const std::optional<double>& v) { return v ? number(*v) : "—"; }

// What a correction changes, part by part, for the record and the people reading it later.
std::vector<SchemeChange> describe(const EventView& before, const std::vector<ComponentDef>& after) {
  std::vector<SchemeChange> out;
  auto note = [&](std::string what, std::string from, std::string to) {
    if (from != to) out.push_back({std::move(what), std::move(from), std::move(to)});
  };
  std::map<std::int64_t, const ComponentDef*> old_components;
  std::map<std::int64_t, std::pair<const ComponentDef*, const AspectDef*>> old_aspects;
  for (const auto& c : before.components) {
    old_components[c.id] = &c;
    for (const auto& a : c.aspects) old_aspects[a.id] = {&c, &a};
  }
  std::map<std::int64_t, size_t> old_component_position, old_aspect_position;
  for (size_t i = 0; i < before.components.size(); ++i) {
    old_component_position[before.components[i].id] = i;
    for (size_t k = 0; k < before.components[i].aspects.size(); ++k) old_aspect_position[before.components[i].aspects[k].id] = k;
  }
  std::set<std::int64_t> kept_components, kept_aspects;
  for (size_t ci = 0; ci < after.size(); ++ci) {
    const auto& c = after[ci];
    const auto found = old_components.find(c.id);
    if (c.id == 0 || found == old_components.end()) {
      note("新增考核项目 " + c.name, "", number(c.max_mark));
    } else {
      kept_components.insert(c.id);
      const auto& o = *found->second;
      note(o.name + " 名称", o.name, c.name);
      note(c.name + " 类型", std::string(core::to_code(o.kind)), std::string(core::to_code(c.kind)));
      note(c.name + " 顺序", std::to_string(old_component_position[c.id] + 1), std::to_string(ci + 1));
      note(c.name + " 满分", number(o.max_mark), number(c.max_mark));
      note(c.name + " 权重", number(o.weight), number(c.weight));
      note(c.name + " 时限（秒）", optional_number(o.time_limit_seconds), optional_number(c.time_limit_seconds));
    }
    for (size_t ai = 0; ai < c.aspects.size(); ++ai) {
      const auto& a = c.aspects[ai];
      const auto label = c.name + "·" + a.name;
      const auto old = old_aspects.find(a.id);
      if (a.id == 0 || old == old_aspects.end()) {
        note("新增评分细项 " + label, "", number(a.max_mark));
        continue;
      }
      kept_aspects.insert(a.id);
      const auto& o = *old->second.second;
      note(c.name + "·" + o.name + " 名称", o.name, a.name);
      note(label + " 评分要求", o.criterion, a.criterion);
      note(label + " 类型", std::string(core::to_code(o.kind)), std::string(core::to_code(a.kind)));
      note(label + " 满分", number(o.max_mark), number(a.max_mark));
      note(label + " 步长", number(o.step), number(a.step));
      note(label + " 能力维度", o.dimension_id ? std::to_string(*o.dimension_id) : "—", a.dimension_id ? std::to_string(*a.dimension_id) : "—");
      note(label + " 取消资格", o.disqualifies ? "是" : "否", a.disqualifies ? "是" : "否");
      note(label + " 测量换算表", bands_json(o.bands), bands_json(a.bands));
      note(label + " 顺序", std::to_string(old_aspect_position[a.id] + 1), std::to_string(ai + 1));
    }
  }
  for (const auto& [id, pair] : old_aspects)
    if (!kept_aspects.count(id)) note("删除评分细项 " + pair.first->name + "·" + pair.second->name, number(pair.second->max_mark), "");
  for (const auto& [id, c] : old_components)
    if (!kept_components.count(id)) note("删除考核项目 " + c->name, number(c->max_mark), "");
  return out;
}

// The latest value of every judge's mark, per aspect: the marks a correction must leave valid.
std::map<std::int64_t, std::vector<double>> current_marks(store::Connection& c, std::int64_t event_id) {
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, double> latest;
  for (const auto& r : c.query("SELECT entry_id, aspect_id, judge_user_id, value FROM marks WHERE event_id = ? ORDER BY seq", {event_id}))
    latest[{r.i64(0), r.i64(1), r.i64(2)}] = r.f64(3);
  std::map<std::int64_t, std::vector<double>> out;
  for (const auto& [key, value] : latest) out[std::get<1>(key)].push_back(value);
  return out;
}

bool on_step(double value, double step) {
  if (step <= 0) return true;
  const double n = value / step;
  return std::fabs(n - std::round(n)) < 1e-6;
}

core::Error marked(const std::string& code, const std::string& message) {
  return core::Error(core::ErrorKind::conflict, code, message, "components");
}

// A correction may not change what a recorded mark means: every marked aspect stays, in its component,
// with its kind, and each mark on it still fits the aspect's maximum and step.
void check_marks_stay_valid(store::Connection& c, const EventView& before, const std::vector<ComponentDef>& after) {
  std::map<std::int64_t, std::int64_t> component_of;  // aspect → component, before
  std::map<std::int64_t, core::ComponentKind> component_kind;
  for (const auto& comp : before.components) {
    component_kind[comp.id] = comp.kind;
    for (const auto& a : comp.aspects) component_of[a.id] = comp.id;
  }
  std::map<std::int64_t, std::pair<const ComponentDef*, const AspectDef*>> declared;
  std::set<std::int64_t> components_seen;
  for (size_t i = 0; i < after.size(); ++i) {
    const auto& comp = after[i];
    if (comp.id && !component_kind.count(comp.id))
      throw core::invalid(fmt::format("components[{}].id", i), "考核项目不属于该赛项 (not a component of this event)");
    if (comp.id && !components_seen.insert(comp.id).second)
      throw core::invalid(fmt::format("components[{}].id", i), "考核项目重复 (a component appears twice)");
    for (size_t k = 0; k < comp.aspects.size(); ++k) {
      const auto& a = comp.aspects[k];
      if (!a.id) continue;
      const auto owner = component_of.find(a.id);
      if (owner == component_of.end() || owner->second != comp.id)
        throw core::invalid(fmt::format("components[{}].aspects[{}].id", i, k),
                            "评分细项不属于该考核项目 (an existing aspect stays in its own component)");
      if (!declared.emplace(a.id, std::pair{&comp, &a}).second)
        throw core::invalid(fmt::format("components[{}].aspects[{}].id", i, k), "评分细项重复 (an aspect appears twice)");
    }
  }
  for (const auto& [aspect_id, values] : current_marks(c, before.summary.id)) {
    const AspectDef* old = nullptr;
    for (const auto& comp : before.components)
      for (const auto& a : comp.aspects)
        if (a.id == aspect_id) old = &a;
    if (!old) continue;
    const auto found = declared.find(aspect_id);
    if (found == declared.end())
      throw marked("marked_aspect_removed", fmt::format("评分细项“{}”已有评分，不能删除 (aspect {} has marks)", old->name, old->name));
    const auto& [comp, now] = found->second;
    if (comp->kind != component_kind[comp->id])
      throw marked("marked_component_kind", fmt::format("考核项目“{}”已有评分，不能改变类型 (a marked component keeps its kind)", comp->name));
    // A measurement's marks are points, or raw values read through its table: which one cannot change.
    if (now->kind != old->kind || now->bands.empty() != old->bands.empty())
      throw marked("marked_aspect_kind", fmt::format("评分细项“{}”已有评分，不能改变类型 (a marked aspect keeps its kind)", old->name));
    // Judgement marks are 0–3 whatever the aspect is worth; times are seconds; banded measurements are raw.
    const bool marks_are_points = (now->kind == core::AspectKind::measurement && now->bands.empty()) || now->kind == core::AspectKind::deduction;
    if (!marks_are_points) continue;
    for (double v : values) {
      if (v > now->max_mark + 1e-9)
        throw marked("marks_out_of_range", fmt::format("评分细项“{}”已有 {} 分的评分，满分不能低于它 (a mark of {} exceeds the new maximum)",
                                                      now->name, number(v), number(v)));
      if (!on_step(v, now->step))
        throw marked("marks_off_step", fmt::format("评分细项“{}”已有 {} 分的评分，不在新的步长上 (a mark of {} is off the new step)", now->name,
                                                  number(v), number(v)));
    }
  }
}

// An aspect the chief judge locked is final: nothing that changes its score (kind, maximum, step, table,
// disqualification) may be corrected here; that is a mark correction's two-person decision.
void check_locked_aspects_keep_scoring(store::Connection& c, const EventView& before, const std::vector<ComponentDef>& after) {
  std::map<std::int64_t, const AspectDef*> now;
  for (const auto& comp : after)
    for (const auto& a : comp.aspects)
      if (a.id) now[a.id] = &a;
  for (const auto& comp : before.components)
    for (const auto& old : comp.aspects) {
      if (!c.query_one("SELECT 1 FROM aspect_locks WHERE aspect_id = ? LIMIT 1", {old.id})) continue;
      const auto it = now.find(old.id);
      const bool same = it != now.end() && it->second->kind == old.kind && it->second->max_mark == old.max_mark &&
                        it->second->step == old.step && bands_json(it->second->bands) == bands_json(old.bands) &&
                        it->second->disqualifies == old.disqualifies;
      if (!same)
        throw marked("aspect_locked", fmt::format("评分细项“{}”已由裁判长锁定，其分值不能更正 (aspect {} is locked: its scoring is final)", old.name,
                                                 old.name));
    }
}

boost::json::array changes_json(const std::vector<SchemeChange>& changes) {
  boost::json::array out;
  for (const auto& ch : changes) out.push_back(boost::json::object{{"what", ch.what}, {"from", ch.from}, {"to", ch.to}});
  return out;
}

std::vector<SchemeChange> changes_from(const std::string& text) {
  std::vector<SchemeChange> out;
  boost::system::error_code ec;
  const auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    const auto& o = item.as_object();
    out.push_back({std::string(o.at("what").as_string()), std::string(o.at("from").as_string()), std::string(o.at("to").as_string())});
  }
  return out;
}

std::vector<SchemeCorrectionView> load(store::Connection& c, std::int64_t event_id) {
  std::vector<SchemeCorrectionView> out;
  for (const auto& r : c.query("SELECT id, event_id, reason, changes, corrected_by, corrected_at FROM scheme_corrections WHERE event_id = ? "
                               "ORDER BY id",
                               {event_id}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), changes_from(r.str(3)), r.str(4), r.str(5)});
  return out;
}

}  // namespace

std::vector<SchemeCorrectionView> SchemeCorrectionService::list(const Actor& actor, std::int64_t event_id) const {
  std::vector<SchemeCorrectionView> out;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, Permission::read_competitions, load_event(c, event_id).org_path);
    out = load(c, event_id);
  });
  return out;
}

SchemeCorrectionView SchemeCorrectionService::correct(const Actor& actor, std::int64_t event_id, const SchemeCorrectionInput& in) {
  const std::string reason(core::trim(in.reason));
  if (reason.empty() || !core::is_valid_utf8(reason) || core::utf8_length(reason) > 500)
    throw core::invalid("reason", "请填写更正原因（最多500字） (a reason of 1–500 characters)");
  SchemeCorrectionView out;
  ctx_.db.write([&](store::Connection& c) {
    const auto before = load_event(c, event_id);
    require_chief(c, actor, before);
    require_fresh_password(c, actor, in.password);
    if (c.query_one("SELECT 1 FROM events WHERE id = ? AND locked_at IS NOT NULL", {event_id}))
      throw core::conflict("event_locked", "赛项已锁定，修改需走成绩更正流程 (the event is locked)");
    if (!before.scheme_frozen)
      throw core::conflict("not_frozen", "评分尚未开始，请直接修改评分标准 (marking has not started: edit the scheme itself)");
    // A scheme that already judged with smaller panels (set up before the three-judge rule) stays correctable.
    const bool judged = std::any_of(before.components.begin(), before.components.end(), [](const ComponentDef& comp) {
      return std::any_of(comp.aspects.begin(), comp.aspects.end(), [](const AspectDef& a) { return a.kind == core::AspectKind::judgement; });
    });
    const auto panel = judged ? std::max(before.summary.min_judges, core::kMinJudgementPanel) : before.summary.min_judges;
    const auto after = checked_scheme(c, before, in.components, panel);
    check_marks_stay_valid(c, before, after);
    check_locked_aspects_keep_scoring(c, before, after);
    const auto changes = describe(before, after);
    if (changes.empty()) throw core::invalid("components", "评分标准没有变化 (nothing changed)", "no_change");
    write_scheme(c, before, after);
    refresh_event_evidence(c, ctx_, event_id);
    const auto serialized = skb::service::json_text(changes_json(changes));
    const auto id = c.insert_returning_id(
        "INSERT INTO scheme_corrections(event_id, reason, changes, corrected_by, corrected_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        {event_id, reason, serialized, actor.username, ctx_.now_rfc3339()});
    append_audit(c, ctx_, {actor.username, "event.scheme_correction", "event", std::to_string(event_id),
                           skb::service::json_text(boost::json::object{{"correction_id", id}, {"reason", reason}, {"changes", changes_json(changes)}})});
    out = load(c, event_id).back();
  });
  ctx_.changes->event_changed(event_id);
  return out;
}

}  // namespace skb::service
