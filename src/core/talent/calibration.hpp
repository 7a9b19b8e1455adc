#pragma once
// Item calibration: a question's difficulty on the portrait's logit scale, estimated from how workers of
// known ability did on it, instead of the level its author guessed. The Rasch likelihood of the answers
// given the takers' abilities, with the authored difficulty as a prior so a question with few answers
// stays near it: the posterior mode of
//   Σ wⱼ [sⱼ log σ(θⱼ − b) + (1 − sⱼ) log(1 − σ(θⱼ − b))] − (b − b₀)² / (2τ²).
// One step of joint estimation: the abilities come from portraits that used the previous difficulties;
// running calibration again moves both towards each other (docs/portrait.md).
#include <vector>

namespace skb::core {

struct CalibrationAnswer {
  double score = 0;   // share of the item's marks, 0–1
  double theta = 0;   // the taker's ability (their portrait), logits
  double weight = 1;  // 1 for an exam, less for practice
};

struct ItemDifficulty {
  double difficulty = 0;  // b, logits
  double se = 0;
  int answers = 0;
};

// Throws Error(invalid) for a score outside [0, 1], a non-finite ability or a weight ≤ 0.
ItemDifficulty calibrate_difficulty(const std::vector<CalibrationAnswer>& answers, double authored_difficulty, double prior_sd = 1.0);

}  // namespace skb::core
