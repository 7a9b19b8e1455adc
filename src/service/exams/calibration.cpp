#include "service/exams/calibration.hpp"

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include "core/talent/calibration.hpp"
#include "service/exams/codec.hpp"
#include "service/exams/evidence.hpp"
#include "service/exams/question_bank.hpp"

namespace skb::service {

CalibrationRun calibrate_items(const Context& ctx, int min_answers) {
  CalibrationRun run;
  run.min_answers = min_answers;
  struct Item {
    int authored = 3;
    std::vector<core::CalibrationAnswer> answers;
  };
  std::map<std::int64_t, Item> items;  // question id → answers
  ctx.db.read([&](store::Connection& c) {
    // The takers' abilities: their portrait on the question's dimension, else their overall one.
    std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::optional<double>> theta_cache;
    auto theta_of = [&](std::int64_t worker, std::int64_t work_type, std::int64_t dimension) -> std::optional<double> {
      auto key = std::make_tuple(worker, work_type, dimension);
      if (auto it = theta_cache.find(key); it != theta_cache.end()) return it->second;
      auto r = c.query_one("SELECT theta FROM portrait_scores WHERE worker_id = ? AND work_type_id = ? AND dimension_id IN (?, 0) "
                           "ORDER BY dimension_id DESC LIMIT 1",
                           {worker, work_type, dimension});
      return theta_cache[key] = r ? std::optional(r->f64(0)) : std::nullopt;
    };
    for (const auto& s : c.query("SELECT s.id, s.worker_id, e.work_type_id, x.paper FROM exam_sessions s JOIN exams e ON e.id = s.exam_id "
                                 "JOIN exam_candidates x ON x.exam_id = s.exam_id AND x.worker_id = s.worker_id "
                                 "WHERE s.status = 'submitted' AND x.paper IS NOT NULL")) {
      const auto paper = read_paper(s.str(3));
      for (const auto& a : c.query("SELECT item_index, awarded FROM exam_answers WHERE session_id = ? AND grade_state = 'graded' AND awarded IS NOT NULL",
                                   {s.i64(0)})) {
        const auto index = static_cast<size_t>(a.i64(0));
        if (index >= paper.items.size() || paper.items[index].marks <= 0) continue;
        const auto& item = paper.items[index];
        const auto q = cached_question(c, item.question_id);
        const auto theta = theta_of(s.i64(1), s.i64(2), q->tags.dimension_id);
        if (!theta) continue;
        auto& entry = items[item.question_id];
        entry.authored = q->tags.difficulty;
        entry.answers.push_back({std::clamp(a.f64(1) / item.marks, 0.0, 1.0), *theta, 1.0});
      }
    }
  });
  run.questions = static_cast<int>(items.size());
  double shift = 0;
  ctx.db.write([&](store::Connection& c) {
    const auto now = ctx.now_rfc3339();
    for (const auto& [question, item] : items) {
      if (static_cast<int>(item.answers.size()) < min_answers) continue;
      const double authored = item_difficulty(item.authored);
      const auto b = core::calibrate_difficulty(item.answers, authored);
      c.execute("INSERT INTO question_calibration(question_id, difficulty, se, answers, calibrated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (question_id) DO UPDATE SET difficulty = excluded.difficulty, se = excluded.se, answers = excluded.answers, "
                "calibrated_at = excluded.calibrated_at",
                {question, b.difficulty, b.se, static_cast<std::int64_t>(b.answers), now});
      shift += std::abs(b.difficulty - authored);
      ++run.calibrated;
    }
  });
  if (run.calibrated) run.mean_shift = shift / run.calibrated;
  return run;
}

}  // namespace skb::service
