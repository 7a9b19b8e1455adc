#include "core/contest/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace skb::core {

namespace {

// Marks are typed by people in tenths and halves; anything closer than this is the same mark.
constexpr double kEpsilon = 1e-9;

// 10 → "10", 7.5 → "7.5", for messages.
std::string format_mark(double value) {
  std::string text = std::to_string(round2(value));
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

bool is_whole(double value) { return std::abs(value - std::round(value)) <= kEpsilon; }

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

AspectScore score_measurement(const Aspect& aspect, const AspectMarks& marks) {
  AspectScore out{marks.aspect_id};
  if (marks.values.empty()) return out;
  const double value = marks.values.front();
  out.complete = std::isfinite(value);
  // More than one value for an objective measurement: they must agree, else the chief judge decides.
  out.flagged = std::any_of(marks.values.begin(), marks.values.end(),
                            [&](double v) { return !(std::abs(v - value) <= kEpsilon); });
  if (!out.complete) return out;
  if (!aspect.bands.empty()) {
    for (const MeasureBand& band : aspect.bands) {
      if (value >= band.from && value < band.to) {
        out.score = band.marks;
        break;
      }
    }
    return out;  // outside every band: 0
  }
  out.score = std::clamp(value, 0.0, std::max(aspect.max_mark, 0.0));
  return out;
}

// A completion time: recorded by a timekeeper or a timing device; two differing records are flagged.
AspectScore score_time(const AspectMarks& marks) {
  AspectScore out{marks.aspect_id};
  if (marks.values.empty()) return out;
  const double value = marks.values.front();
  out.complete = std::isfinite(value);
  out.flagged = std::any_of(marks.values.begin(), marks.values.end(), [&](double v) { return !(std::abs(v - value) <= 0.005); });
  if (out.complete) out.seconds = value;
  return out;
}

AspectScore score_judgement(const Aspect& aspect, const AspectMarks& marks, int min_judges) {
  AspectScore out{marks.aspect_id};
  std::vector<double> panel;
  panel.reserve(marks.values.size());
  for (double v : marks.values)
    if (std::isfinite(v)) panel.push_back(std::clamp(v, 0.0, 3.0));
  out.complete = !panel.empty() && panel.size() >= static_cast<std::size_t>(std::max(min_judges, 1)) &&
                 panel.size() == marks.values.size();
  if (panel.empty()) return out;
  std::sort(panel.begin(), panel.end());
  out.flagged = panel.back() - panel.front() > 1 + kEpsilon;
  if (panel.size() >= 5) {
    panel.erase(panel.begin());  // lowest
    panel.pop_back();            // highest
  }
  out.panel_mean = mean(panel);
  out.score = aspect.max_mark * out.panel_mean / 3;
  return out;
}

AspectScore score_deduction(const Aspect& aspect, const AspectMarks& marks) {
  AspectScore out{marks.aspect_id};
  out.complete = true;  // no mark means the deduction does not apply
  const bool applies =
      std::any_of(marks.values.begin(), marks.values.end(), [](double v) { return std::abs(v - 1) <= kEpsilon; });
  if (!applies) return out;
  if (aspect.disqualifies) out.disqualified = true;
  else out.score = -std::abs(aspect.max_mark);
  return out;
}

}  // namespace

std::optional<std::string> check_mark(const Aspect& aspect, double value) {
  if (!std::isfinite(value)) return "评分必须是有限数字 (a mark must be a finite number)";
  switch (aspect.kind) {
    case AspectKind::judgement:
      if (value < 0 || value > 3 || !is_whole(value))
        return "评分应为 0–3 的整数 (judgement marks are whole numbers 0–3)";
      return std::nullopt;
    case AspectKind::deduction:
      if (value != 0 && value != 1) return "扣分项只能填 0 或 1 (a deduction is 0 or 1)";
      return std::nullopt;
    case AspectKind::measurement:
      if (!aspect.bands.empty()) {  // a measured value, mapped by the table
        if (std::abs(value) > kMaxMeasuredValue) return "测量值超出范围 (the measured value is out of range)";
        return std::nullopt;
      }
      if (value < -kEpsilon || value > aspect.max_mark + kEpsilon)
        return "测量分应在 0–" + format_mark(aspect.max_mark) + " 之间 (measurement mark out of range)";
      if (aspect.step > 0) {
        const double steps = value / aspect.step;
        if (std::abs(value - std::round(steps) * aspect.step) > kEpsilon)
          return "测量分须为步长的整数倍 (measurement marks must be multiples of the step)";
      }
      return std::nullopt;
    case AspectKind::time:
      if (value < 0 || value > 86400) return "用时应在 0–86400 秒之间 (a time is 0–86,400 seconds)";
      return std::nullopt;
  }
  return "未知的评分类型 (unknown aspect kind)";
}

double canonical_mark(const Aspect& aspect, double value) {
  switch (aspect.kind) {
    case AspectKind::judgement:
    case AspectKind::deduction: return std::round(value) + 0.0;  // + 0.0: never a negative zero
    case AspectKind::time: return value + 0.0;  // seconds as timed: any finite value within the day
    case AspectKind::measurement:
      if (!aspect.bands.empty() || !(aspect.step > 0)) return value;
      // n steps, written with at most six decimals so 3 × 0.1 is stored as 0.3.
      return std::round(std::round(value / aspect.step) * aspect.step * 1e6) / 1e6 + 0.0;
  }
  return value;
}

AspectScore score_aspect(const Aspect& aspect, const AspectMarks& marks, int min_judges) {
  switch (aspect.kind) {
    case AspectKind::measurement: return score_measurement(aspect, marks);
    case AspectKind::judgement: return score_judgement(aspect, marks, min_judges);
    case AspectKind::deduction: return score_deduction(aspect, marks);
    case AspectKind::time: return score_time(marks);
  }
  return AspectScore{marks.aspect_id};
}

ComponentScore sum_component(std::int64_t component_id, double max_mark, double weight,
                             const std::vector<AspectScore>& aspects) {
  ComponentScore out;
  out.component_id = component_id;
  out.max_mark = max_mark;
  out.weight = weight;
  out.complete = true;
  double sum = 0;
  for (const AspectScore& a : aspects) {
    sum += a.score;
    out.complete = out.complete && a.complete;
    out.flagged = out.flagged || a.flagged;
    out.disqualified = out.disqualified || a.disqualified;
  }
  out.score = std::max(sum, 0.0);
  return out;
}

double time_score(double seconds, double fastest_seconds, double limit_seconds, double max_mark) {
  if (std::isnan(seconds)) return 0;
  if (seconds <= fastest_seconds) return max_mark;
  if (seconds >= limit_seconds || limit_seconds <= fastest_seconds) return 0;
  return max_mark * (limit_seconds - seconds) / (limit_seconds - fastest_seconds);
}

std::vector<double> time_scores(const std::vector<TimedResult>& field, double limit_seconds, double max_mark) {
  std::optional<double> fastest;
  for (const TimedResult& r : field)
    if (r.seconds && !r.disqualified && std::isfinite(*r.seconds) && (!fastest || *r.seconds < *fastest)) fastest = r.seconds;
  std::vector<double> out;
  out.reserve(field.size());
  for (const TimedResult& r : field)
    out.push_back(r.seconds && fastest && !r.disqualified ? time_score(*r.seconds, *fastest, limit_seconds, max_mark) : 0);
  return out;
}

double total_score(TotalMode mode, const std::vector<ComponentScore>& components) {
  double total = 0;
  for (const ComponentScore& c : components) {
    if (mode == TotalMode::raw_sum) total += c.score;
    else if (c.max_mark > 0) total += c.weight * (c.score / c.max_mark) * 100;
  }
  return total;
}

std::vector<double> standardise(const std::vector<double>& scores) {
  std::vector<double> out(scores.size(), 500.0);
  if (scores.empty()) return out;
  const double m = mean(scores);
  double squares = 0;
  for (double s : scores) squares += (s - m) * (s - m);
  const double sd = std::sqrt(squares / static_cast<double>(scores.size()));
  // Identical scores can leave rounding residue in sd; treat that as no spread at all.
  if (!(sd > kEpsilon * std::max(1.0, std::abs(m)))) return out;
  for (std::size_t i = 0; i < scores.size(); ++i) out[i] = 500 + 100 * (scores[i] - m) / sd;
  return out;
}

void standardise_by_venue(const std::vector<VenueComponents>& field) {
  if (field.empty()) return;
  const std::size_t components = field.front().components->size();
  for (std::size_t ci = 0; ci < components; ++ci) {
    std::map<std::int64_t, std::vector<const VenueComponents*>> by_venue;
    for (const VenueComponents& e : field)
      if (!e.disqualified && ci < e.components->size()) by_venue[e.venue].push_back(&e);
    for (const auto& [venue, members] : by_venue) {
      std::vector<double> raw;
      for (const auto* e : members) raw.push_back((*e->components)[ci].score);
      const std::vector<double> z = standardise(raw);
      for (std::size_t k = 0; k < members.size(); ++k) {
        ComponentScore& c = (*members[k]->components)[ci];
        c.score = z[k];
        c.max_mark = 100;
      }
    }
  }
}

double round2(double value) {
  if (!std::isfinite(value)) return value;
  double hundredths = value * 100;
  // Snap away binary noise first (84.99499999999 → 8499.5), so halves round away from zero as written.
  if (std::abs(hundredths) < 1e8) hundredths = std::round(hundredths * 1e6) / 1e6;
  const double rounded = std::round(hundredths) / 100;
  return rounded == 0 ? 0.0 : rounded;  // no "-0.00"
}

}  // namespace skb::core
