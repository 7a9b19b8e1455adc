#pragma once
// 培训计划: for a post model's workers, the courses of the catalogue that close their gaps. A course's
// expected gain on a dimension it trains is what the worker's portrait would say after a typical
// completion — the course's mean final score over its scored completions (0.8 until three exist), one
// piece of training evidence (service/training/evidence) — minus what it says now; the gap it closes is
// that gain up to the gap. Each worker gets the three courses closing most gap per hour; the department
// the courses closing most gap per hour over all its workers. Exported to .xlsx.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "service/analytics/post_models.hpp"

namespace skb::service {

struct PlannedCourse {
  std::int64_t course_id = 0;
  std::string name, provider, mode;
  double hours = 0;
  double expected_score = 0;  // the typical completion score it assumes, 0–100
  int basis = 0;              // scored completions behind that figure (0: the default)
  std::vector<std::pair<std::int64_t, double>> gains;  // (dimension, points closed) where the worker has a gap
  double gap_closed = 0;      // Σ gains
};

struct WorkerPlan {
  std::int64_t worker_id = 0;
  std::string name, org_name;
  double total_gap = 0;
  std::vector<PlannedCourse> courses;  // at most three, most gap closed per hour first
};

struct DepartmentCourse {
  PlannedCourse course;  // gains summed over the workers
  int workers_helped = 0;
  double per_hour = 0;
};

struct TrainingPlan {
  PostModel model;
  std::vector<WorkerPlan> workers;         // workers with a gap, largest first
  std::vector<DepartmentCourse> courses;   // most gap closed per hour first
};

class TrainingPlanService {
 public:
  static constexpr double kDefaultExpectedScore = 80;
  explicit TrainingPlanService(const Context& ctx) : ctx_(ctx) {}
  TrainingPlan plan(const Actor& actor, std::int64_t model_id) const;
  // The plan as a workbook: one sheet per worker's courses, one of the department's.
  std::string plan_xlsx(const Actor& actor, std::int64_t model_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
