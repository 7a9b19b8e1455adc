#include "core/contest/judge_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace skb::core {

namespace {

// Thresholds are compared with this slack: a mean deviation of exactly 0.5 computed as 0.49999999999 is 0.5.
constexpr double kEpsilon = 1e-9;

struct Deviation {
  std::int64_t entry_id = 0;
  double d = 0;
  bool home = false;
};

struct Moments {
  int n = 0;
  double sum = 0;
  void add(double d) {
    ++n;
    sum += d;
  }
  double mean() const { return n > 0 ? sum / n : 0; }
};

}  // namespace

std::vector<JudgeSummary> judge_report(const std::vector<PanelMark>& marks) {
  // One panel per (entry, aspect).
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<const PanelMark*>> panels;
  std::map<std::int64_t, std::vector<Deviation>> by_judge;
  for (const PanelMark& m : marks) {
    panels[{m.entry_id, m.aspect_id}].push_back(&m);
    by_judge[m.judge_id];  // every judge is listed, even one never compared with a panel
  }

  for (const auto& [key, panel] : panels) {
    if (panel.size() < 2) continue;  // nobody to compare with
    double total = 0;
    for (const PanelMark* m : panel) total += m->score;
    const auto others = static_cast<double>(panel.size() - 1);
    for (const PanelMark* m : panel) {
      const double d = m->score - (total - m->score) / others;
      by_judge[m->judge_id].push_back({m->entry_id, d, m->home});
    }
  }

  std::vector<JudgeSummary> report;
  report.reserve(by_judge.size());
  for (const auto& [judge_id, deviations] : by_judge) {
    JudgeSummary s;
    s.judge_id = judge_id;
    s.marks = static_cast<int>(deviations.size());
    Moments all, home, other;
    std::map<std::int64_t, JudgeEntryReview> entries;
    for (const Deviation& dev : deviations) {
      all.add(dev.d);
      (dev.home ? home : other).add(dev.d);
      JudgeEntryReview& e = entries[dev.entry_id];
      e.entry_id = dev.entry_id;
      e.sum_abs_deviation += std::abs(dev.d);
      e.aspects += 1;
      e.max_abs_deviation = std::max(e.max_abs_deviation, std::abs(dev.d));
    }
    s.mean_deviation = all.mean();
    double squares = 0;
    for (const Deviation& dev : deviations) squares += (dev.d - s.mean_deviation) * (dev.d - s.mean_deviation);
    s.deviation_sd = all.n > 0 ? std::sqrt(squares / all.n) : 0;
    s.home_mean_deviation = home.mean();
    s.other_mean_deviation = other.mean();
    s.home_marks = home.n;
    const bool severe_or_generous = std::abs(s.mean_deviation) >= 0.5 - kEpsilon;
    const bool home_bias =
        home.n > 0 && other.n > 0 && s.home_mean_deviation - s.other_mean_deviation >= 0.5 - kEpsilon;
    s.outlier = severe_or_generous || home_bias;
    for (auto& [entry_id, e] : entries) {
      e.review = e.sum_abs_deviation > e.aspects + kEpsilon || e.max_abs_deviation >= 1.5 - kEpsilon;
      s.entries.push_back(e);
    }
    report.push_back(std::move(s));
  }
  return report;
}

}  // namespace skb::core
