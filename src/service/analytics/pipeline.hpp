#pragma once
// 晋级梯队: the workers of an organisation and work type whose portraits already meet the next skill
// level's bars (晋级门槛: every bar within the band's lower end — ready), and those within reach (every
// score within five points of its bar, not all surely met), from the stored portraits and the bars
// organisers set. Workers at the top of the ladder, or whose next level has no bars, are left out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/people/skill_level.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct PipelineBar {
  std::optional<std::int64_t> dimension_id;  // none: overall
  double bar = 0;
  std::optional<double> score;  // none: no evidence
  std::string status;           // met | open | short | no_evidence
};

struct PipelineWorker {
  std::int64_t worker_id = 0;
  std::string name, org_name;
  core::SkillLevel level = core::SkillLevel::junior, next = core::SkillLevel::junior;
  std::string stage;  // ready | within_reach
  double shortfall = 0;  // the largest bar − score, 0 when every score reaches its bar
  std::vector<PipelineBar> bars;
};

struct Pipeline {
  std::int64_t org_id = 0, work_type_id = 0;
  std::string work_type_name;
  int considered = 0;  // workers with a next level that has bars
  std::vector<PipelineWorker> ready, within_reach;  // ready: closest first; within reach: smallest shortfall first
};

class PipelineService {
 public:
  static constexpr double kReach = 5;  // points of score
  explicit PipelineService(const Context& ctx) : ctx_(ctx) {}
  Pipeline pipeline(const Actor& actor, std::int64_t org_id, std::int64_t work_type_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
