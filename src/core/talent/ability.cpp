#include "core/talent/ability.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/platform/error.hpp"

namespace skb::core {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

double logit(double p) {
  p = std::clamp(p, 0.001, 0.999);
  return std::log(p / (1.0 - p));
}

namespace {

void check(const Observation& o) {
  if (!std::isfinite(o.score) || o.score < 0 || o.score > 1) throw invalid("score", "evidence score must lie in [0, 1]");
  if (!std::isfinite(o.weight) || o.weight <= 0) throw invalid("weight", "evidence weight must be positive");
  if (!std::isfinite(o.difficulty)) throw invalid("difficulty", "evidence difficulty must be finite");
  if (!std::isfinite(o.age_days) || o.age_days < 0) throw invalid("age_days", "evidence age must be ≥ 0");
}

}  // namespace

AbilityEstimate estimate_ability(const std::vector<Observation>& evidence, const AbilityPrior& prior, const AbilityModel& model) {
  if (!std::isfinite(prior.mean) || !std::isfinite(prior.sd) || prior.sd <= 0) throw invalid("prior", "prior needs a finite mean and sd > 0");
  if (!std::isfinite(model.half_life_days) || model.half_life_days <= 0) throw invalid("half_life_days", "half-life must be positive");
  std::vector<double> w(evidence.size());
  AbilityEstimate out;
  for (size_t i = 0; i < evidence.size(); ++i) {
    check(evidence[i]);
    w[i] = evidence[i].weight * std::exp2(-evidence[i].age_days / model.half_life_days);
    out.information += w[i];
  }
  out.evidence = static_cast<int>(evidence.size());
  const double prior_precision = 1.0 / (prior.sd * prior.sd);
  // Newton's method on the log posterior, which is strictly concave (the prior alone makes it so):
  // gradient Σ wᵢ(sᵢ − pᵢ) − (θ − μ)/τ², curvature −Σ wᵢpᵢ(1 − pᵢ) − 1/τ².
  double theta = prior.mean;
  double curvature = prior_precision;
  for (int iter = 0; iter < 100; ++iter) {
    double gradient = -(theta - prior.mean) * prior_precision;
    curvature = prior_precision;
    for (size_t i = 0; i < evidence.size(); ++i) {
      const double p = logistic(theta - evidence[i].difficulty);
      gradient += w[i] * (evidence[i].score - p);
      curvature += w[i] * p * (1 - p);
    }
    const double step = std::clamp(gradient / curvature, -1.0, 1.0);  // damped far from the mode
    theta += step;
    if (std::abs(step) < 1e-10) break;
  }
  out.theta = theta;
  out.se = 1.0 / std::sqrt(curvature);
  return out;
}

ScoreBand to_score_band(const AbilityEstimate& e, double z) {
  return {100 * logistic(e.theta), 100 * logistic(e.theta - z * e.se), 100 * logistic(e.theta + z * e.se)};
}

Separation separate(const std::vector<std::optional<AbilityEstimate>>& dims, double z) {
  Separation out;
  std::vector<size_t> known;
  for (size_t i = 0; i < dims.size(); ++i)
    if (dims[i] && dims[i]->evidence > 0) known.push_back(i);
  if (known.size() < 2) return out;
  // The worker's typical level is the median of their dimensions (a weighted sum cᵀθ: one middle
  // dimension, or two at ½); each dimension is compared with it, Var(θd − cᵀθ) = Σo (δdo − co)² seo².
  std::vector<size_t> order = known;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return dims[a]->theta < dims[b]->theta; });
  std::map<size_t, double> median_weights;
  const size_t n = order.size();
  if (n % 2) {
    median_weights[order[n / 2]] = 1;
  } else {
    median_weights[order[n / 2 - 1]] = 0.5;
    median_weights[order[n / 2]] = 0.5;
  }
  double median = 0;
  for (auto [d, c] : median_weights) median += c * dims[d]->theta;
  for (auto d : order) {
    double var = 0;
    for (auto o : known) {
      const double c = (o == d ? 1.0 : 0.0) - (median_weights.count(o) ? median_weights[o] : 0.0);
      var += c * c * dims[o]->se * dims[o]->se;
    }
    if (var <= 0) continue;  // the median itself
    const double zd = (dims[d]->theta - median) / std::sqrt(var);
    if (zd < -z) out.weaknesses.push_back(d);  // ascending order: lowest first
    if (zd > z) out.strengths.insert(out.strengths.begin(), d);  // highest first
  }
  return out;
}

}  // namespace skb::core
