#pragma once
// 组织: the organisation tree. Every change keeps each org's materialised path right, so that scope
// checks and subtree queries stay a prefix match.
#include <optional>
#include <string>
#include <vector>

#include "core/people/org.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct OrgView {
  core::Org org;
  std::vector<std::string> path_names;  // names from the root down to this org
  std::int64_t worker_count = 0;        // workers in this org itself
};

struct OrgInput {
  std::optional<std::string> name;
  std::optional<core::OrgKind> kind;
  std::optional<std::string> code;  // "" clears it
  std::optional<std::int64_t> parent_id;
};

class OrgService {
 public:
  explicit OrgService(const Context& ctx) : ctx_(ctx) {}
  std::vector<OrgView> list(const Actor& actor) const;
  OrgView get(const Actor& actor, std::int64_t id) const;
  OrgView create(const Actor& actor, const OrgInput& input);
  OrgView update(const Actor& actor, std::int64_t id, const OrgInput& input);
  OrgView move(const Actor& actor, std::int64_t id, std::int64_t new_parent_id);
  void remove(const Actor& actor, std::int64_t id);

 private:
  const Context& ctx_;
};

// The materialised path of an org; throws not_found.
std::string org_path(store::Connection& conn, std::int64_t org_id);
// Finds an org by its code or its exact name within the subtree at `scope_path`.
std::optional<core::Org> find_org_by_name_or_code(store::Connection& conn, const std::string& text);
core::Org load_org(store::Connection& conn, std::int64_t id);

}  // namespace skb::service
