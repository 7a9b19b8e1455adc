#pragma once
// 工匠 / 技术能手候选: from the evidence, the workers of a work type who stand out — 高级工 or above, a
// portrait overall score on at least ten pieces of evidence — ranked by the lower end of that score's 95 %
// band (so thin evidence does not rank high by luck), with their competition awards and honours beside.
// A list to start a selection from, inside the reader's scope; the selection itself is people's work.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/people/skill_level.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct Candidate {
  std::int64_t worker_id = 0;
  std::string name, org_name;
  core::SkillLevel level = core::SkillLevel::senior;
  double score = 0, low = 0, high = 0;  // overall portrait score with its band
  int evidence = 0;
  int awards = 0;   // competition certificates (not revoked)
  int honours = 0;
  std::string latest_honour;
};

struct CandidateQuery {
  std::int64_t work_type_id = 0;
  std::optional<std::int64_t> org_id;  // within this organisation's subtree
  int limit = 50;
};

class CandidateService {
 public:
  static constexpr int kMinEvidence = 10;
  explicit CandidateService(const Context& ctx) : ctx_(ctx) {}
  std::vector<Candidate> candidates(const Actor& actor, const CandidateQuery& query) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
