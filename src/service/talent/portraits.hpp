#pragma once
// 能力画像: each worker's capability per dimension of a work type, derived from their evidence
// (core/talent/ability) and kept current as evidence arrives; read with the peer comparison, rank and
// the evidence behind every number.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/talent/ability.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"
#include "service/talent/level_bars.hpp"

namespace skb::service {

// The peer group's mean ability on one dimension (0: all) as the prior thin evidence is pulled towards:
// the logit of the weighted mean share plus the weighted mean difficulty, from the running sums; 0 until
// enough evidence exists (docs/portrait.md).
core::AbilityPrior prior_for(store::Connection& conn, std::int64_t work_type_id, std::int64_t dimension_id);

// The q-quantile (0–1) of the work type's portraits on a dimension (0: overall) as a score, from the
// histogram: the ⌊q·n⌋-th lowest of n; none without portraits.
std::optional<double> peer_quantile(store::Connection& conn, std::int64_t work_type_id, std::int64_t dimension_id, double q);

// Recomputes one worker's portrait for one work type from their evidence (inside the caller's write).
void refresh_portrait(store::Connection& conn, const Context& ctx, std::int64_t worker_id, std::int64_t work_type_id);

struct ScoreView {
  double score = 0, low = 0, high = 0;  // 0–100 with the 95 % band
  double theta = 0, se = 0;             // logits
  int evidence = 0;
  double information = 0;
};

struct PortraitDimension {
  std::int64_t id = 0;
  std::string name;
  std::optional<ScoreView> score;   // none: no evidence (never shown as 0)
  std::optional<double> peer_median;  // 0–100, the work type's peers with evidence on it
  bool strength = false;
  bool weakness = false;
};

struct PeerRank {
  std::int64_t rank = 0;  // 1 = highest overall ability
  std::int64_t of = 0;
  double percentile = 0;  // share of the others ranked below, 0–100
};

struct PortraitWorkType {
  std::int64_t id = 0;
  std::string name;
  int evidence = 0;
};

// The overall score as it stood at the end of a month (the current month: now), from the evidence up
// to then, aged from then.
struct TrendPoint {
  std::string month;  // 2026-07
  ScoreView score;
};

struct Portrait {
  std::int64_t worker_id = 0;
  std::string worker_name;
  std::string org_name;
  std::vector<PortraitWorkType> work_types;  // registered or with evidence, most evidence first
  std::optional<std::int64_t> work_type_id;  // the one shown
  std::string work_type_name;
  std::optional<ScoreView> overall;
  std::vector<PortraitDimension> dimensions;  // in the work type's order
  std::optional<PeerRank> in_enterprise;
  std::optional<PeerRank> in_all;
  std::vector<TrendPoint> trend;  // the last twelve months with evidence, oldest first
  std::optional<Readiness> readiness;  // for the level above the worker's, when its bars are set
  std::string refreshed_at;
};

struct EvidenceView {
  std::int64_t id = 0;
  std::string source;  // aspect | exam_item
  std::optional<std::int64_t> dimension_id;
  std::string dimension_name;
  double share = 0;  // of the marks, 0–1
  double weight = 0;
  double difficulty = 0;
  std::string observed_at;
  std::string label;
  std::string context;  // event:7 | exam:4
};

// Scores from one chosen part of a worker's evidence (one post assessment's exam session and practical
// entry), on the portrait's scale and peer prior, without ageing: what that sitting showed, not a
// portrait. Dimensions without evidence in the part are left out.
struct EvidenceScope {
  std::string source, scope_key;  // "exam_item", "session:5"
};
struct PartialScores {
  std::optional<ScoreView> overall;
  std::map<std::int64_t, ScoreView> dimensions;
};
PartialScores score_evidence_of(store::Connection& conn, std::int64_t worker_id, std::int64_t work_type_id,
                                const std::vector<EvidenceScope>& scopes);

class PortraitService {
 public:
  explicit PortraitService(const Context& ctx) : ctx_(ctx) {}
  // The worker themself, or whoever may read workers in the worker's organisation.
  Portrait portrait(const Actor& actor, std::int64_t worker_id, std::optional<std::int64_t> work_type_id) const;
  Portrait own_portrait(const Actor& actor, std::optional<std::int64_t> work_type_id) const;
  // Newest first; one dimension, or every piece of the work type's evidence.
  std::vector<EvidenceView> evidence(const Actor& actor, std::int64_t worker_id, std::int64_t work_type_id,
                                     std::optional<std::int64_t> dimension_id, int limit) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
