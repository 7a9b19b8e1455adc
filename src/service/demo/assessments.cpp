#include "service/demo/assessments.hpp"

#include <map>

#include "core/platform/random.hpp"
#include "service/demo/competition.hpp"
#include "service/demo/simulated_candidate.hpp"
#include "service/exams/evidence.hpp"

namespace skb::service {

using namespace core::exam;

DemoAssessmentSummary seed_demo_assessments(Services& s) {
  DemoAssessmentSummary summary;
  Actor system;
  std::int64_t electrician = 0, demo_worker = 0, enterprise = 0;
  std::vector<std::int64_t> assessed, dims;
  s.ctx.db.write([&](store::Connection& c) {
    system = demo_system_actor(c);
    electrician = c.query_one("SELECT id FROM work_types WHERE name = '电工'")->i64(0);
    auto w = c.query_one("SELECT u.worker_id, w.org_id FROM users u JOIN workers w ON w.id = u.worker_id WHERE u.username = 'worker'");
    if (!w) return;
    demo_worker = w->i64(0);
    enterprise = w->i64(1);
    assessed.push_back(demo_worker);
    // A dozen of the enterprise's workers, registered as electricians for the assessment.
    for (const auto& r : c.query("SELECT id FROM workers WHERE org_id = ? AND id <> ? ORDER BY id LIMIT 11", {enterprise, demo_worker})) {
      c.execute("INSERT INTO worker_work_types(worker_id, work_type_id) VALUES (?, ?) ON CONFLICT DO NOTHING", {r.i64(0), electrician});
      assessed.push_back(r.i64(0));
    }
    for (const auto& r : c.query("SELECT id FROM dimensions WHERE work_type_id = ? ORDER BY position, id", {electrician})) dims.push_back(r.i64(0));
  });
  if (!demo_worker || dims.empty()) return summary;

  AssessmentInput in;
  in.exam.title = "2026年第四季度电工岗位技能考核";
  in.exam.org_id = enterprise;
  in.exam.work_type_id = electrician;
  // Every auto-graded type, so the report is complete the moment a worker submits.
  in.exam.rows = {{QuestionType::single_choice, 10, std::nullopt, 1, 5, 2},
                  {QuestionType::multiple_choice, 4, std::nullopt, 1, 5, 4},
                  {QuestionType::true_false, 4, std::nullopt, 1, 5, 2},
                  {QuestionType::fill_blank, 2, std::nullopt, 1, 5, 5}};
  in.exam.opens_at = demo_time(s.ctx, -60);
  in.exam.closes_at = demo_time(s.ctx, 3600);
  in.exam.duration_minutes = 45;
  in.worker_ids = assessed;
  const auto assessment = s.assessments.create(system, in);
  ++summary.assessments;

  // The enterprise's electricians share a weakness on the last dimension (where it should train them);
  // the demo worker answers with their known profile, strong first, weak last.
  core::SplitMix64 rnd(20261207);
  const std::vector<double> demo_profile{2.8, 1.2, 0.3, -0.8, -2.0};
  std::vector<std::int64_t> sessions;
  for (auto worker : assessed) {
    std::map<std::int64_t, double> ability;
    const double level = (rnd.below(1000) - 500) / 300.0;
    for (size_t i = 0; i < dims.size(); ++i)
      ability[dims[i]] = worker == demo_worker ? demo_profile[std::min(i, demo_profile.size() - 1)]
                                               : level + (rnd.below(1000) - 500) / 700.0 - (i + 1 == dims.size() ? 1.5 : 0);
    sessions.push_back(sit_exam(
        s, assessment.exam_id, worker,
        [&](const Question& q) {
          auto it = ability.find(q.tags.dimension_id);
          return it == ability.end() ? level : it->second;
        },
        rnd));
    ++summary.assessed;
  }
  // Ten days ago: the window, the sittings and so the evidence's dates.
  s.ctx.db.write([&](store::Connection& c) {
    c.execute("UPDATE exams SET opens_at = ?, closes_at = ? WHERE id = ?",
              {demo_time(s.ctx, -10 * 86400), demo_time(s.ctx, -10 * 86400 + 8 * 3600), assessment.exam_id});
    for (size_t i = 0; i < sessions.size(); ++i) {
      const auto started = demo_time(s.ctx, -10 * 86400 + 600 + static_cast<std::int64_t>(i) * 900);
      const auto submitted = demo_time(s.ctx, -10 * 86400 + 2400 + static_cast<std::int64_t>(i) * 900);
      c.execute("UPDATE exam_sessions SET started_at = ?, submitted_at = ? WHERE id = ?", {started, submitted, sessions[i]});
      refresh_session_evidence(c, s.ctx, sessions[i]);
    }
  });
  return summary;
}

}  // namespace skb::service
