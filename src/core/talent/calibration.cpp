#include "core/talent/calibration.hpp"

#include <algorithm>
#include <cmath>

#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"

namespace skb::core {

ItemDifficulty calibrate_difficulty(const std::vector<CalibrationAnswer>& answers, double b0, double prior_sd) {
  if (!std::isfinite(b0) || !std::isfinite(prior_sd) || prior_sd <= 0) throw invalid("prior", "calibration prior needs a finite mean and sd > 0");
  for (const auto& a : answers) {
    if (!std::isfinite(a.score) || a.score < 0 || a.score > 1) throw invalid("score", "answer score must lie in [0, 1]");
    if (!std::isfinite(a.theta)) throw invalid("theta", "taker ability must be finite");
    if (!std::isfinite(a.weight) || a.weight <= 0) throw invalid("weight", "answer weight must be positive");
  }
  const double precision = 1.0 / (prior_sd * prior_sd);
  // Newton's method; the log posterior is strictly concave in b: gradient Σ wⱼ(σ(θⱼ − b) − sⱼ) − (b − b₀)/τ²,
  // curvature −Σ wⱼ pⱼ(1 − pⱼ) − 1/τ².
  double b = b0, curvature = precision;
  for (int iter = 0; iter < 100; ++iter) {
    double gradient = -(b - b0) * precision;
    curvature = precision;
    for (const auto& a : answers) {
      const double p = logistic(a.theta - b);
      gradient += a.weight * (p - a.score);
      curvature += a.weight * p * (1 - p);
    }
    const double step = std::clamp(gradient / curvature, -1.0, 1.0);
    b += step;
    if (std::abs(step) < 1e-10) break;
  }
  return {b, 1.0 / std::sqrt(curvature), static_cast<int>(answers.size())};
}

}  // namespace skb::core
