#pragma once
// 能力画像: a worker's ability on one capability dimension, estimated from every piece of evidence on
// one logit scale — a measurement with an uncertainty, not an average. The model (docs/portrait.md):
// each observation is a share of the marks s ∈ [0, 1] on a task of difficulty b, expected to be
// σ(θ − b) for a worker of ability θ; exam items count one, a judged aspect counts as `weight` items;
// older evidence counts less (half-life); thin evidence is pulled towards the peer group (a normal
// prior). θ is the posterior mode, its standard error from the curvature there (Laplace).
#include <optional>
#include <vector>

namespace skb::core {

struct Observation {
  double score = 0;       // share of the marks, 0–1 (1 = all marks, an exam item answered right)
  double weight = 1;      // information in items: 1 for an exam item, more for a judged aspect
  double difficulty = 0;  // b on the logit scale: the ability with an even chance of the marks
  double age_days = 0;    // how long before the estimate the evidence arose (≥ 0)
};

struct AbilityPrior {
  double mean = 0;  // the peer group's mean ability (0: an even chance at difficulty 0)
  double sd = 1.5;  // how far abilities spread among peers
};

struct AbilityModel {
  double half_life_days = 730;  // evidence two years old counts half
};

struct AbilityEstimate {
  double theta = 0;         // posterior mode, logits
  double se = 0;            // standard error, logits
  int evidence = 0;         // observations used
  double information = 0;   // recency-weighted items behind the estimate (0: none, the prior alone)
};

// Throws Error(invalid) for a score outside [0, 1], a weight ≤ 0, a negative age or a non-finite value.
AbilityEstimate estimate_ability(const std::vector<Observation>& evidence, const AbilityPrior& prior,
                                 const AbilityModel& model = {});

// The 0–100 score a page shows: the expected share of the marks on a task of difficulty 0, with its
// 95 % band (asymmetric near the ends of the scale, since σ is).
struct ScoreBand {
  double score = 0;
  double low = 0;
  double high = 0;
};
ScoreBand to_score_band(const AbilityEstimate& estimate, double z = 1.959964);

// What a page may call a strength or a weakness: a dimension whose ability differs from the worker's
// typical level (the median of their dimensions) by more than z standard errors of that difference.
// Dimensions without evidence take no part. Indexes into `dimensions`.
struct Separation {
  std::vector<size_t> strengths;   // highest first
  std::vector<size_t> weaknesses;  // lowest first
};
Separation separate(const std::vector<std::optional<AbilityEstimate>>& dimensions, double z = 1.959964);

// The logistic function and its inverse, for callers that turn shares into difficulties.
double logistic(double x);
double logit(double p);  // p clamped to [0.001, 0.999]

}  // namespace skb::core
