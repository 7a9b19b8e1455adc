#pragma once
// Who is asking: the signed-in user with their grants, each grant a role on an organisation subtree.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/people/role.hpp"

namespace skb::service {

struct Grant {
  core::Role role = core::Role::viewer;
  std::int64_t org_id = 0;
  std::string org_path;
  std::string org_name;
};

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::optional<std::int64_t> worker_id;
  std::vector<Grant> grants;

  // May this actor do `p` on something that belongs to the organisation at `org_path`?
  bool can(core::Permission p, std::string_view org_path) const;
  // Does any grant carry `p`, wherever it applies?
  bool can_somewhere(core::Permission p) const;
  // The subtree roots (paths) on which the actor holds `p`, most general first, nested ones removed.
  std::vector<std::string> scope(core::Permission p) const;
  bool is_admin_at_root() const;
};

// Throws core::Error forbidden unless `actor.can(p, org_path)`.
void require(const Actor& actor, core::Permission p, std::string_view org_path);
void require_somewhere(const Actor& actor, core::Permission p);

// The name written into audit entries for the system itself (demo seeding, migrations).
inline constexpr std::string_view kSystemActor = "system";

}  // namespace skb::service
