#include "service/analytics/training_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/people/org.hpp"
#include "core/platform/calendar.hpp"
#include "core/talent/ability.hpp"
#include "service/analytics/gaps.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/spreadsheet.hpp"
#include "service/talent/portraits.hpp"
#include "service/training/evidence.hpp"

namespace skb::service {
namespace {

struct CatalogueCourse {
  PlannedCourse course;
  std::set<std::int64_t> dimensions;
};

// Courses of the work type a worker of the model's organisation could attend: run by the organisation,
// an organisation above it (the union's) or one inside it.
std::vector<CatalogueCourse> catalogue(store::Connection& c, const LoadedPostModel& l) {
  std::vector<CatalogueCourse> out;
  for (const auto& r : c.query("SELECT c.id, c.name, c.provider, c.mode, c.hours, c.org_path, "
                               "(SELECT AVG(t.score) FROM training_records t WHERE t.course_id = c.id AND t.score IS NOT NULL AND t.status <> 'enrolled'), "
                               "(SELECT COUNT(*) FROM training_records t WHERE t.course_id = c.id AND t.score IS NOT NULL AND t.status <> 'enrolled') "
                               "FROM courses c WHERE c.work_type_id = ? ORDER BY c.id",
                               {l.model.work_type_id})) {
    const auto path = r.str(5);
    if (!core::in_subtree(l.org_path, path) && !core::in_subtree(path, l.org_path)) continue;
    CatalogueCourse cc;
    cc.course.course_id = r.i64(0);
    cc.course.name = r.str(1);
    cc.course.provider = r.str(2);
    cc.course.mode = r.str(3);
    cc.course.hours = r.f64(4);
    cc.course.basis = static_cast<int>(r.i64(7));
    cc.course.expected_score = cc.course.basis >= 3 ? r.f64(6) : TrainingPlanService::kDefaultExpectedScore;
    for (const auto& d : c.query("SELECT dimension_id FROM course_dimensions WHERE course_id = ?", {cc.course.course_id})) cc.dimensions.insert(d.i64(0));
    if (!cc.dimensions.empty()) out.push_back(std::move(cc));
  }
  return out;
}

}  // namespace

TrainingPlan TrainingPlanService::plan(const Actor& actor, std::int64_t model_id) const {
  TrainingPlan out;
  ctx_.db.read([&](store::Connection& c) {
    const auto l = load_post_model(c, actor, model_id);
    out.model = l.model;
    const auto courses = catalogue(c, l);
    const auto now = ctx_.now_seconds();
    std::map<std::int64_t, core::AbilityPrior> priors;
    for (const auto& t : l.model.targets) priors[t.dimension_id] = prior_for(c, l.model.work_type_id, t.dimension_id);
    std::map<std::int64_t, DepartmentCourse> department;
    for (const auto& w : model_workers(c, actor, l)) {
      // The worker's gaps: dimensions with a score below the target (no evidence: no plan, an assessment first).
      std::map<std::int64_t, double> gaps;
      for (size_t i = 0; i < l.model.targets.size(); ++i)
        if (w.scores[i] && w.scores[i]->score < l.model.targets[i].target) gaps[l.model.targets[i].dimension_id] = l.model.targets[i].target - w.scores[i]->score;
      if (gaps.empty()) continue;
      WorkerPlan plan{w.worker_id, w.name, w.org_name, 0, {}};
      for (const auto& [d, g] : gaps) plan.total_gap += g;
      std::map<std::int64_t, std::vector<core::Observation>> evidence;
      for (const auto& r : c.query("SELECT dimension_id, score, weight, difficulty, observed_at FROM evidence WHERE worker_id = ? AND work_type_id = ? "
                                   "AND dimension_id IS NOT NULL",
                                   {w.worker_id, l.model.work_type_id})) {
        if (!gaps.count(r.i64(0))) continue;
        const auto at = core::parse_rfc3339_seconds(r.str(4)).value_or(now);
        evidence[r.i64(0)].push_back({r.f64(1), r.f64(2), r.f64(3), std::max<double>(0, static_cast<double>(now - at) / 86400.0)});
      }
      for (const auto& cc : courses) {
        PlannedCourse pc = cc.course;
        for (const auto& [d, gap] : gaps) {
          if (!cc.dimensions.count(d)) continue;
          auto obs = evidence[d];
          const double before = 100 * core::logistic(core::estimate_ability(obs, priors[d]).theta);
          obs.push_back({pc.expected_score / 100, kTrainingEvidenceWeight, 0, 0});
          const double after = 100 * core::logistic(core::estimate_ability(obs, priors[d]).theta);
          const double closed = std::clamp(after - before, 0.0, gap);
          if (closed > 0) pc.gains.emplace_back(d, closed), pc.gap_closed += closed;
        }
        if (pc.gap_closed <= 0) continue;
        auto& dc = department[pc.course_id];
        if (!dc.workers_helped) dc.course = cc.course;
        ++dc.workers_helped;
        dc.course.gap_closed += pc.gap_closed;
        for (const auto& g : pc.gains) {
          auto it = std::find_if(dc.course.gains.begin(), dc.course.gains.end(), [&](const auto& x) { return x.first == g.first; });
          if (it == dc.course.gains.end()) dc.course.gains.push_back(g);
          else it->second += g.second;
        }
        plan.courses.push_back(std::move(pc));
      }
      std::stable_sort(plan.courses.begin(), plan.courses.end(),
                       [](const auto& a, const auto& b) { return a.gap_closed / a.hours > b.gap_closed / b.hours; });
      if (plan.courses.size() > 3) plan.courses.resize(3);
      out.workers.push_back(std::move(plan));
    }
    for (auto& [id, dc] : department) {
      dc.per_hour = dc.course.gap_closed / dc.course.hours;
      out.courses.push_back(std::move(dc));
    }
    std::stable_sort(out.workers.begin(), out.workers.end(), [](const auto& a, const auto& b) { return a.total_gap > b.total_gap; });
    std::stable_sort(out.courses.begin(), out.courses.end(), [](const auto& a, const auto& b) { return a.per_hour > b.per_hour; });
  });
  return out;
}

std::string TrainingPlanService::plan_xlsx(const Actor& actor, std::int64_t model_id) const {
  const auto p = plan(actor, model_id);
  const auto points = [](double x) { return fmt::format("{:.1f}", x); };
  Sheet people{"职工培训计划", {"姓名", "部门", "差距合计", "推荐课程", "学时", "培训形式", "预计缩小差距"}, {}};
  for (const auto& w : p.workers) {
    if (w.courses.empty()) people.rows.push_back({w.name, w.org_name, points(w.total_gap), "（目录中暂无对口课程）", "", "", ""});
    for (const auto& c : w.courses)
      people.rows.push_back({w.name, w.org_name, points(w.total_gap), c.name, fmt::format("{:g}", c.hours), c.mode == "online" ? "线上" : "线下", points(c.gap_closed)});
  }
  Sheet dept{"部门课程优先级", {"课程", "培训机构", "学时", "受益人数", "预计缩小差距合计", "每学时缩小差距"}, {}};
  for (const auto& d : p.courses)
    dept.rows.push_back({d.course.name, d.course.provider, fmt::format("{:g}", d.course.hours), std::to_string(d.workers_helped), points(d.course.gap_closed),
                         fmt::format("{:.2f}", d.per_hour)});
  ctx_.db.write([&](store::Connection& c) {
    append_audit(c, ctx_, {actor.username, "training_plan.export", "post_model", std::to_string(model_id),
                           fmt::format("{{\"workers\":{},\"courses\":{}}}", p.workers.size(), p.courses.size())});
  });
  return write_xlsx({people, dept});
}

}  // namespace skb::service
