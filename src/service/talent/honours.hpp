#pragma once
// 荣誉: the titles a worker holds (技术能手, 金蓝领, 工匠, 五一劳动奖章, 劳动模范 …) as part of their lifelong
// record. An honour says the worker was recognised, not how well they do each dimension, so it is
// listed on the record and the timeline and does not move the portrait's scores.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct HonourInput {
  std::string kind, title, level, awarded_on, issuer;
  std::optional<std::int64_t> work_type_id;
};

struct HonourView {
  std::int64_t id = 0, worker_id = 0;
  std::string kind, title, level, awarded_on, issuer;
  std::optional<std::int64_t> work_type_id;
};

class HonourService {
 public:
  explicit HonourService(const Context& ctx) : ctx_(ctx) {}
  // Newest first: the worker themself, or whoever reads workers in their organisation.
  std::vector<HonourView> list(const Actor& actor, std::int64_t worker_id) const;
  // Whoever may edit the worker (HR, organisers in scope).
  HonourView add(const Actor& actor, std::int64_t worker_id, const HonourInput& input);
  void remove(const Actor& actor, std::int64_t honour_id);

 private:
  const Context& ctx_;
};

}  // namespace skb::service
