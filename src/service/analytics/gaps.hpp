#pragma once
// 岗位差距: the workers of a post model's organisation (inside the reader's scope) with its work type, each
// dimension's portrait score and band against the model's target — the heatmap — whether each worker meets
// the model (every score at its target; surely: the band's lower end too), and per department the mean
// score, the share meeting and the largest gap.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/analytics/post_models.hpp"

namespace skb::service {

struct Band {
  double score = 0, low = 0, high = 0;  // 0–100 with the 95 % band
};

struct WorkerGap {
  std::int64_t worker_id = 0, org_id = 0;
  std::string name, org_name;
  std::vector<std::optional<Band>> scores;  // per target, in the model's order; none: no evidence
  bool meets = false;                       // every score ≥ its target
  bool meets_surely = false;                // every band's lower end ≥ its target
  double total_gap = 0;                     // Σ max(0, target − score) over targets with a score
};

struct DepartmentGap {
  std::int64_t org_id = 0;
  std::string name;
  int workers = 0, meeting = 0;
  std::vector<std::optional<double>> means;  // per target
  std::optional<std::int64_t> largest_gap_dimension;
  double largest_gap = 0;
};

struct GapAnalysis {
  PostModel model;
  std::vector<WorkerGap> workers;  // largest total gap first
  std::vector<DepartmentGap> departments;
  int meeting = 0, meeting_surely = 0;
};

class GapService {
 public:
  explicit GapService(const Context& ctx) : ctx_(ctx) {}
  GapAnalysis gaps(const Actor& actor, std::int64_t model_id) const;

 private:
  const Context& ctx_;
};

// The workers a post model applies to for this reader: of its work type, in its organisation's subtree and
// in the reader's scope, with their portrait bands on the model's dimensions. Shared by gaps and plans.
struct ModelWorker {
  std::int64_t worker_id = 0, org_id = 0;
  std::string name, org_name;
  std::vector<std::optional<Band>> scores;
};
std::vector<ModelWorker> model_workers(store::Connection& conn, const Actor& actor, const LoadedPostModel& model);

}  // namespace skb::service
