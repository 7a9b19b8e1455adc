#pragma once
// 裁判评估: how each judge's judgement marks deviate from the rest of the panel, as skating federations
// review them. d = a judge's mark − the mean of the other judges' marks on the same aspect of the same entry.
#include <cstdint>
#include <vector>

namespace skb::core {

struct PanelMark {
  std::int64_t judge_id = 0;
  std::int64_t entry_id = 0;
  std::int64_t aspect_id = 0;
  double score = 0;   // 0–3
  bool home = false;  // the entrant is from the judge's own enterprise or region
};

struct JudgeEntryReview {
  std::int64_t entry_id = 0;
  double sum_abs_deviation = 0;
  int aspects = 0;
  double max_abs_deviation = 0;
  bool review = false;  // Σ|d| > number of aspects, or any |d| ≥ 1.5
};

struct JudgeSummary {
  std::int64_t judge_id = 0;
  int marks = 0;  // marks compared with a panel (panels of one judge are skipped); a judge with none is listed with 0
  double mean_deviation = 0;  // > 0: generous, < 0: severe
  double deviation_sd = 0;
  double home_mean_deviation = 0;   // on home entrants
  double other_mean_deviation = 0;  // on the rest
  int home_marks = 0;
  bool outlier = false;  // |mean deviation| ≥ 0.5, or home bias ≥ 0.5
  std::vector<JudgeEntryReview> entries;
};

// Sorted by judge_id, each judge's entries by entry_id. Standard deviations are population ones.
std::vector<JudgeSummary> judge_report(const std::vector<PanelMark>& marks);

}  // namespace skb::core
