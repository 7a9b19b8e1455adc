#include "core/exams/item_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/platform/error.hpp"

namespace skb::core::exam {
namespace {

// Scores are sums of halves and thirds of marks: compare with a little slack.
constexpr double kEpsilon = 1e-9;

double mean(const std::vector<double>& v) {
  return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double variance(const std::vector<double>& v) {  // population
  const double m = mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

std::optional<double> correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (x.size() < 2 || sxx < kEpsilon || syy < kEpsilon) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

// k/(k−1) × (1 − Σ item variances / total variance)
std::optional<double> reliability(const std::vector<std::vector<double>>& by_item, const std::vector<double>& totals) {
  const size_t k = by_item.size();
  const double total_variance = variance(totals);
  if (k < 2 || totals.size() < 2 || total_variance < kEpsilon) return std::nullopt;
  double sum = 0;
  for (const auto& item : by_item) sum += variance(item);
  return static_cast<double>(k) / static_cast<double>(k - 1) * (1 - sum / total_variance);
}

}  // namespace

std::string_view to_code(ItemFlag flag) {
  switch (flag) {
    case ItemFlag::too_hard: return "too_hard";
    case ItemFlag::too_easy: return "too_easy";
    case ItemFlag::low_discrimination: return "low_discrimination";
    case ItemFlag::low_correlation: return "low_correlation";
  }
  return "";
}

PaperStatistics item_statistics(const ItemScores& data, const StatsThresholds& thresholds) {
  const size_t k = data.max_marks.size();
  const size_t n = data.scores.size();
  for (double m : data.max_marks)
    if (!(m > 0)) throw invalid("max_marks", "满分应大于0 (item marks must be positive)", "max_not_positive");
  for (const auto& row : data.scores) {
    if (row.size() != k) throw invalid("scores", "每位考生的得分个数应等于题数 (one score per item)", "scores_shape");
    for (size_t i = 0; i < k; ++i)
      if (!(row[i] >= -kEpsilon && row[i] <= data.max_marks[i] + kEpsilon))
        throw invalid("scores", "得分超出本题分值 (score outside 0–max)", "score_out_of_range");
  }

  PaperStatistics stats;
  stats.candidates = static_cast<int>(n);
  // Column views: marks and right/wrong per item, totals per candidate.
  std::vector<std::vector<double>> marks(k, std::vector<double>(n)), right(k, std::vector<double>(n));
  std::vector<double> totals(n, 0), number_right(n, 0);
  bool all_dichotomous = true;
  std::vector<bool> dichotomous(k, true);
  for (size_t c = 0; c < n; ++c)
    for (size_t i = 0; i < k; ++i) {
      const double s = data.scores[c][i];
      marks[i][c] = s;
      totals[c] += s;
      const bool full = std::abs(s - data.max_marks[i]) < kEpsilon;
      if (!full && std::abs(s) >= kEpsilon) dichotomous[i] = false;
      right[i][c] = full ? 1 : 0;
      number_right[c] += right[i][c];
    }
  for (size_t i = 0; i < k; ++i) all_dichotomous = all_dichotomous && dichotomous[i];
  stats.mean_total = mean(totals);
  stats.sd_total = std::sqrt(variance(totals));

  // 27% groups by total, highest first; stable so ties keep the input order (deterministic).
  std::vector<size_t> ranked(n);
  std::iota(ranked.begin(), ranked.end(), size_t{0});
  std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) { return totals[a] > totals[b] + kEpsilon; });
  const size_t group = n < 2 ? 0 : std::max<size_t>(1, static_cast<size_t>(std::lround(0.27 * static_cast<double>(n))));
  stats.group_size = static_cast<int>(group);

  for (size_t i = 0; i < k; ++i) {
    ItemStatistics item;
    item.dichotomous = dichotomous[i];
    const double max = data.max_marks[i];
    if (n > 0) item.p = mean(marks[i]) / max;
    std::vector<double> rest(n);
    for (size_t c = 0; c < n; ++c) rest[c] = totals[c] - marks[i][c];
    item.item_rest_r = correlation(marks[i], rest);
    if (group > 0) {
      double upper = 0, lower = 0;
      for (size_t g = 0; g < group; ++g) {
        upper += marks[i][ranked[g]] / max;
        lower += marks[i][ranked[n - 1 - g]] / max;
      }
      item.discrimination = (upper - lower) / static_cast<double>(group);
    }
    if (item.p && *item.p < thresholds.min_p - kEpsilon) item.flags.push_back(ItemFlag::too_hard);
    if (item.p && *item.p > thresholds.max_p + kEpsilon) item.flags.push_back(ItemFlag::too_easy);
    if (item.discrimination && *item.discrimination < thresholds.min_discrimination - kEpsilon)
      item.flags.push_back(ItemFlag::low_discrimination);
    // Undefined r is not flagged here: an item without variance already has p = 0 or 1 and D = 0.
    if (item.item_rest_r && *item.item_rest_r < thresholds.min_discrimination - kEpsilon)
      item.flags.push_back(ItemFlag::low_correlation);
    stats.items.push_back(std::move(item));
  }

  stats.alpha = reliability(marks, totals);
  if (all_dichotomous) stats.kr20 = reliability(right, number_right);  // variance of a 0/1 item is p·q
  return stats;
}

}  // namespace skb::core::exam
