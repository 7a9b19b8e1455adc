#pragma once
// 试题分析: classical test theory statistics of one exam's items, to find questions that are too easy,
// too hard, or that strong candidates get wrong as often as weak ones (a wrong key, an ambiguous stem).
#include <optional>
#include <string_view>
#include <vector>

namespace skb::core::exam {

// scores[c][i]: candidate c's marks on item i, 0 ≤ score ≤ max_marks[i]; an unanswered item is 0.
// All candidates sat the same items (one fixed paper, or the items of one blueprint row pooled by the
// caller). Throws Error(invalid, "scores_shape" / "score_out_of_range" / "max_not_positive").
struct ItemScores {
  std::vector<double> max_marks;
  std::vector<std::vector<double>> scores;
};

enum class ItemFlag {
  too_hard,            // p < min_p
  too_easy,            // p > max_p
  low_discrimination,  // upper − lower 27% index < min_discrimination
  low_correlation,     // item–rest correlation < min_discrimination (not when undefined)
};
std::string_view to_code(ItemFlag flag);  // "too_hard" …

struct StatsThresholds {
  double min_p = 0.10;
  double max_p = 0.95;
  double min_discrimination = 0.20;  // for both the index and the correlation
};

struct ItemStatistics {
  // Difficulty (facility) p: the mean score as a share of the item's marks, 0–1; higher is easier.
  std::optional<double> p;  // none without candidates
  // Item–rest correlation: Pearson's r between the item's score and the candidate's total without that
  // item (the corrected point-biserial: including the item would inflate r, most on short papers).
  // For 0/1 items it is exactly the point-biserial; for fractional items it is the same Pearson r
  // (item–rest, product-moment). None with < 2 candidates or when either side has no variance.
  std::optional<double> item_rest_r;
  // Kelley's upper/lower 27% index D = p(upper) − p(lower); groups of round(0.27 × N) (at least 1)
  // candidates by total score, highest first, ties kept in input order. None with < 2 candidates.
  std::optional<double> discrimination;
  bool dichotomous = true;  // every score is 0 or the item's marks
  std::vector<ItemFlag> flags;  // only from values that exist; so none without candidates
};

struct PaperStatistics {
  int candidates = 0;
  int group_size = 0;  // candidates in each 27% group
  double mean_total = 0;
  double sd_total = 0;  // population SD (÷ N), as in the reliability formulas below
  std::vector<ItemStatistics> items;
  // KR-20 = k/(k−1) × (1 − Σ p_i q_i / σ²) on right/wrong scoring (σ² of the number right): only when
  // every item is dichotomous. With items of unequal marks this is the reliability of the number-right
  // score, not of the weighted total; alpha below is.
  std::optional<double> kr20;
  // Cronbach's alpha = k/(k−1) × (1 − Σ σ²_i / σ²_total) on the marks as scored: the generalisation of
  // KR-20 to fractional items; equal to KR-20 when all items are 0/1 with equal marks. Both need
  // ≥ 2 items, ≥ 2 candidates and a total with variance; none otherwise.
  std::optional<double> alpha;
};

PaperStatistics item_statistics(const ItemScores& data, const StatsThresholds& thresholds = {});

}  // namespace skb::core::exam
