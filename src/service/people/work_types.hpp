#pragma once
// 工种 and their 能力维度: the trades workers are registered in and the dimensions a capability
// portrait measures. Shared by every organisation.
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct Dimension {
  std::int64_t id = 0;  // 0 for a new one
  std::string name;
  std::string description;
  int position = 0;
};

struct WorkType {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
  std::vector<Dimension> dimensions;
};

class WorkTypeService {
 public:
  explicit WorkTypeService(const Context& ctx) : ctx_(ctx) {}
  std::vector<WorkType> list(const Actor& actor) const;
  WorkType get(const Actor& actor, std::int64_t id) const;
  WorkType create(const Actor& actor, const WorkType& input);
  // Replaces code, name, description and the dimension list; dimensions sent with an id keep it.
  WorkType replace(const Actor& actor, std::int64_t id, const WorkType& input);
  void remove(const Actor& actor, std::int64_t id);

 private:
  const Context& ctx_;
};

// Used by seeding and import: all work types with their dimensions.
std::vector<WorkType> load_work_types(store::Connection& conn);

}  // namespace skb::service
