#include "service/demo/exams.hpp"

#include <chrono>
#include <cmath>
#include <map>
#include <tuple>

#include "core/platform/error.hpp"
#include "core/platform/random.hpp"
#include "service/demo/competition.hpp"
#include "service/demo/question_bank.hpp"
#include "service/demo/simulated_candidate.hpp"
#include "service/exams/codec.hpp"
#include "service/exams/evidence.hpp"
#include "service/exams/question_bank.hpp"

namespace skb::service {
namespace {

using namespace core::exam;

std::int64_t import_bank(Services& s, const Actor& system, std::int64_t work_type_id, const std::vector<QuestionRow>& rows) {
  return s.questions.import(system, work_type_id, std::nullopt, parse_rows(rows), false).imported;
}

std::string at(const Context& ctx, std::int64_t offset_seconds) { return demo_time(ctx, offset_seconds); }

// The demo worker's own record, so their 能力画像 has something to say: six past tests of the
// electricians' bank, answered with a clear profile — strong in the first dimensions of the work type,
// weak in the last — so strengths and weaknesses stand out beyond their bands.
void seed_demo_worker_record(Services& s, const Actor& system, const ExamInput& base, std::int64_t worker, core::SplitMix64& rnd) {
  std::map<std::int64_t, double> ability;  // dimension → θ
  s.ctx.db.read([&](store::Connection& c) {
    const std::vector<double> profile{2.8, 1.2, 0.3, -0.8, -2.0};
    size_t i = 0;
    for (const auto& r : c.query("SELECT d.id FROM dimensions d JOIN work_types t ON t.id = d.work_type_id WHERE t.name = '电工' ORDER BY d.position, d.id"))
      ability[r.i64(0)] = profile[std::min(i++, profile.size() - 1)];
  });
  int n = 0;
  for (const auto* title : {"电工基础知识月测", "电工识图与接线月测", "电工仪表测量月测", "电气故障排除月测", "电工安全操作月测", "电工理论综合月测"}) {
    ExamInput in = base;
    in.title = title;
    in.opens_at = at(s.ctx, -60);
    in.closes_at = at(s.ctx, 3600);
    const auto exam = s.exams.create(system, in);
    s.exams.add_candidates(system, exam.id, {worker});
    s.exams.publish(system, exam.id);
    const auto session = sit_exam(
        s, exam.id, worker,
        [&](const Question& q) {
          const auto it = ability.find(q.tags.dimension_id);
          return it == ability.end() ? 0.3 : it->second;
        },
        rnd);
    ++n;
    // Months ago, as a record of half a year: the window, the sitting and so the evidence's date.
    s.ctx.db.write([&](store::Connection& c) {
      const auto opens = at(s.ctx, -(160 - 25 * n) * 86400), closes = at(s.ctx, -(159 - 25 * n) * 86400);
      const auto sat = at(s.ctx, -(160 - 25 * n) * 86400 + 3000);
      c.execute("UPDATE exams SET opens_at = ?, closes_at = ? WHERE id = ?", {opens, closes, exam.id});
      c.execute("UPDATE exam_sessions SET started_at = ?, submitted_at = ? WHERE id = ?", {opens, sat, session});
      refresh_session_evidence(c, s.ctx, session);
    });
  }
}

}  // namespace

DemoExamSummary seed_demo_exams(Services& s, int simulated_candidates) {
  DemoExamSummary summary;
  Actor system;
  std::int64_t electrician = 0, welder = 0;
  std::vector<std::int64_t> electricians;
  std::int64_t demo_worker = 0;
  s.ctx.db.write([&](store::Connection& c) {
    system = demo_system_actor(c);
    electrician = c.query_one("SELECT id FROM work_types WHERE name = '电工'")->i64(0);
    welder = c.query_one("SELECT id FROM work_types WHERE name = '焊工'")->i64(0);
    // The demo worker account practises as an electrician, whatever their random work type.
    if (auto w = c.query_one("SELECT worker_id FROM users WHERE username = 'worker' AND worker_id IS NOT NULL")) {
      demo_worker = w->i64(0);
      c.execute("INSERT INTO worker_work_types(worker_id, work_type_id) VALUES (?, ?) ON CONFLICT DO NOTHING", {demo_worker, electrician});
    }
    for (const auto& r : c.query("SELECT worker_id FROM worker_work_types WHERE work_type_id = ? ORDER BY worker_id", {electrician}))
      electricians.push_back(r.i64(0));
  });
  summary.questions += static_cast<int>(import_bank(s, system, electrician, demo_electrician_questions()));
  summary.questions += static_cast<int>(import_bank(s, system, welder, demo_welder_questions()));

  for (const auto& l : std::vector<LevelInput>{{std::nullopt, electrician, "第1关 安全用电入门", 5, 60, 1, 2},
                                               {std::nullopt, electrician, "第2关 仪表与识图", 8, 70, 1, 4},
                                               {std::nullopt, electrician, "第3关 综合挑战", 10, 80, 1, 5},
                                               {std::nullopt, welder, "第1关 焊接基础", 5, 60, 1, 2},
                                               {std::nullopt, welder, "第2关 质量与安全", 8, 70, 1, 5}}) {
    s.practice.create_level(system, l);
    ++summary.levels;
  }

  // 晋级门槛 of the electricians: the portrait score to reach, overall and on every dimension, per level.
  {
    std::vector<std::int64_t> dims;
    s.ctx.db.read([&](store::Connection& c) {
      for (const auto& r : c.query("SELECT id FROM dimensions WHERE work_type_id = ? ORDER BY position, id", {electrician})) dims.push_back(r.i64(0));
    });
    for (const auto& [level, overall, each] : std::vector<std::tuple<const char*, double, double>>{
             {"junior", 35, 30}, {"intermediate", 45, 40}, {"senior", 55, 50}, {"technician", 65, 60}, {"senior_technician", 75, 70},
             {"special_technician", 82, 78}, {"chief_technician", 88, 84}}) {
      std::vector<LevelBar> bars{{std::nullopt, overall}};
      for (auto d : dims) bars.push_back({d, each});
      s.level_bars.set(system, electrician, level, bars);
    }
  }

  // An exam open now for a week: the demo worker and every electrician may sit it.
  ExamInput open;
  open.title = "2026年度电工理论知识网上考试";
  open.work_type_id = electrician;
  open.rows = electrician_blueprint();
  open.opens_at = at(s.ctx, -3600);
  open.closes_at = at(s.ctx, 7 * 86400);
  open.duration_minutes = 60;
  const auto exam = s.exams.create(system, open);
  s.exams.add_candidates(system, exam.id, electricians);
  s.exams.publish(system, exam.id);
  ++summary.exams;

  // A finished mock exam: simulated candidates sit it now, then its window is moved into the past.
  ExamInput mock = open;
  mock.title = "电工理论模拟考试（第一期）";
  mock.opens_at = at(s.ctx, -60);
  mock.closes_at = at(s.ctx, 3600);
  const auto finished = s.exams.create(system, mock);
  std::vector<std::int64_t> sitters;
  for (auto w : electricians)
    if (w != demo_worker && static_cast<int>(sitters.size()) < simulated_candidates) sitters.push_back(w);
  if (sitters.empty()) return summary;
  s.exams.add_candidates(system, finished.id, sitters);
  s.exams.publish(system, finished.id);
  ++summary.exams;
  core::SplitMix64 rnd(20261125);
  for (auto worker : sitters) {
    const double theta = (rnd.below(1000) - 500) / 250.0;
    sit_exam(s, finished.id, worker, [theta](const Question&) { return theta; }, rnd, true);
    ++summary.sat;
  }
  s.ctx.db.write([&](store::Connection& c) {
    c.execute("UPDATE exams SET opens_at = ?, closes_at = ? WHERE id = ?", {at(s.ctx, -14 * 86400), at(s.ctx, -13 * 86400), finished.id});
  });
  if (demo_worker) seed_demo_worker_record(s, system, open, demo_worker, rnd);
  return summary;
}

}  // namespace skb::service
