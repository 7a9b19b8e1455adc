#include <boost/json.hpp>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 岗位能力模型 and 岗位差距: /post-models (list, create, read, update, delete, copy) and
// /post-models/{id}/gaps (the heatmap of the model's workers against its targets) and /training-plan(.xlsx).
namespace skb::http {
namespace {

namespace json = boost::json;

json::object model_json(const service::PostModel& m) {
  json::array targets;
  for (const auto& t : m.targets)
    targets.push_back(json::object{{"dimension_id", id_json(t.dimension_id)}, {"dimension_name", t.dimension_name}, {"target", t.target}});
  return json::object{{"id", id_json(m.id)},         {"org_id", id_json(m.org_id)},
                      {"org_name", m.org_name},      {"work_type_id", id_json(m.work_type_id)},
                      {"work_type_name", m.work_type_name}, {"name", m.name},
                      {"template", m.template_},     {"updated_at", m.updated_at},
                      {"targets", std::move(targets)}};
}

// targets: [{dimension_id | dimension_name, target}] — a sheet's rows name the dimension.
std::vector<service::PostTarget> read_targets(const json::object& body) {
  const auto* list = opt_array(body, "targets");
  if (!list) throw core::invalid("targets", "请提供各维度的目标 (targets is required)");
  if (list->size() > 100) throw core::invalid("targets", "目标过多 (at most 100)");
  std::vector<service::PostTarget> out;
  for (size_t i = 0; i < list->size(); ++i) {
    const auto field = "targets[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) throw core::invalid(field, "应为对象 (must be an object)");
    const auto& o = (*list)[i].as_object();
    service::PostTarget t;
    const auto* target = o.if_contains("target");
    if (!target || !target->is_number() || !std::isfinite(target->to_number<double>()))
      throw core::invalid(field + ".target", "目标应为数字 (target must be a number)");
    t.target = target->to_number<double>();
    t.dimension_id = opt_id(o, "dimension_id").value_or(0);
    t.dimension_name = opt_string(o, "dimension_name", 400).value_or("");
    if (!t.dimension_id && t.dimension_name.empty()) throw core::invalid(field + ".dimension", "请指明能力维度 (dimension_id or dimension_name)");
    out.push_back(std::move(t));
  }
  return out;
}

service::PostModelInput model_input(const json::object& body, bool creating) {
  service::PostModelInput in;
  if (creating) {
    const auto org = opt_id(body, "org_id");
    const auto wt = opt_id(body, "work_type_id");
    if (!org) throw core::invalid("org_id", "请选择岗位所在的组织 (org_id is required)");
    if (!wt) throw core::invalid("work_type_id", "请选择工种 (work_type_id is required)");
    in.org_id = *org;
    in.work_type_id = *wt;
  }
  in.name = opt_string(body, "name", 1000).value_or("");
  in.template_ = opt_bool(body, "template").value_or(false);
  in.targets = read_targets(body);
  return in;
}

json::value band_json(const std::optional<service::Band>& b) {
  if (!b) return nullptr;
  return json::object{{"score", b->score}, {"low", b->low}, {"high", b->high}};
}

json::object gaps_json(const service::GapAnalysis& g) {
  json::array workers, departments;
  for (const auto& w : g.workers) {
    json::array scores;
    for (const auto& s : w.scores) scores.push_back(band_json(s));
    workers.push_back(json::object{{"worker_id", id_json(w.worker_id)}, {"org_id", id_json(w.org_id)}, {"name", w.name}, {"org_name", w.org_name},
                                   {"scores", std::move(scores)}, {"meets", w.meets}, {"meets_surely", w.meets_surely}, {"total_gap", w.total_gap}});
  }
  for (const auto& d : g.departments) {
    json::array means;
    for (const auto& m : d.means) means.push_back(m ? json::value(*m) : json::value(nullptr));
    departments.push_back(json::object{{"org_id", id_json(d.org_id)},
                                       {"name", d.name},
                                       {"workers", d.workers},
                                       {"meeting", d.meeting},
                                       {"means", std::move(means)},
                                       {"largest_gap_dimension", d.largest_gap_dimension ? id_json(*d.largest_gap_dimension) : json::value(nullptr)},
                                       {"largest_gap", d.largest_gap}});
  }
  return json::object{{"model", model_json(g.model)}, {"workers", std::move(workers)}, {"departments", std::move(departments)},
                      {"meeting", g.meeting}, {"meeting_surely", g.meeting_surely}};
}

json::object course_json(const service::PlannedCourse& c) {
  json::array gains;
  for (const auto& [d, g] : c.gains) gains.push_back(json::object{{"dimension_id", id_json(d)}, {"gain", g}});
  return json::object{{"course_id", id_json(c.course_id)}, {"name", c.name}, {"provider", c.provider}, {"mode", c.mode}, {"hours", c.hours},
                      {"expected_score", c.expected_score}, {"basis", c.basis}, {"gains", std::move(gains)}, {"gap_closed", c.gap_closed}};
}

json::object plan_json(const service::TrainingPlan& p) {
  json::array workers, courses;
  for (const auto& w : p.workers) {
    json::array list;
    for (const auto& c : w.courses) list.push_back(course_json(c));
    workers.push_back(json::object{{"worker_id", id_json(w.worker_id)}, {"name", w.name}, {"org_name", w.org_name}, {"total_gap", w.total_gap},
                                   {"courses", std::move(list)}});
  }
  for (const auto& d : p.courses)
    courses.push_back(json::object{{"course", course_json(d.course)}, {"workers_helped", d.workers_helped}, {"per_hour", d.per_hour}});
  return json::object{{"model", model_json(p.model)}, {"workers", std::move(workers)}, {"courses", std::move(courses)}};
}

}  // namespace

void add_post_model_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/post-models", Access::signed_in, [&s](Request& req) {
    json::array items;
    for (const auto& m : s.post_models.list(*req.actor)) items.push_back(model_json(m));
    return json_response(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/post-models", Access::signed_in, [&s](Request& req) {
    return json_response(model_json(s.post_models.create(*req.actor, model_input(parse_object(req), true))), 201);
  });
  router.add("GET", "/api/v1/post-models/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(model_json(s.post_models.get(*req.actor, path_id(req)))); });
  router.add("PUT", "/api/v1/post-models/{id}", Access::signed_in, [&s](Request& req) {
    return json_response(model_json(s.post_models.update(*req.actor, path_id(req), model_input(parse_object(req), false))));
  });
  router.add("DELETE", "/api/v1/post-models/{id}", Access::signed_in, [&s](Request& req) {
    s.post_models.remove(*req.actor, path_id(req));
    return Response::no_content();
  });
  router.add("POST", "/api/v1/post-models/{id}/copy", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto org = opt_id(body, "org_id");
    if (!org) throw core::invalid("org_id", "请选择复制到的组织 (org_id is required)");
    return json_response(model_json(s.post_models.copy(*req.actor, path_id(req), *org, opt_string(body, "name", 1000).value_or(""))), 201);
  });
  router.add("GET", "/api/v1/post-models/{id}/training-plan", Access::signed_in,
             [&s](Request& req) { return json_response(plan_json(s.training_plans.plan(*req.actor, path_id(req)))); });
  router.add("GET", "/api/v1/post-models/{id}/training-plan.xlsx", Access::signed_in, [&s](Request& req) {
    Response r{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s.training_plans.plan_xlsx(*req.actor, path_id(req)), {}, {}};
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"training-plan.xlsx\"; filename*=UTF-8''%E5%9F%B9%E8%AE%AD%E8%AE%A1%E5%88%92.xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("GET", "/api/v1/post-models/{id}/gaps", Access::signed_in,
             [&s](Request& req) { return json_response(gaps_json(s.gaps.gaps(*req.actor, path_id(req)))); });
}

}  // namespace skb::http
