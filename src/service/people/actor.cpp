#include "service/people/actor.hpp"

#include <algorithm>

#include "core/people/org.hpp"
#include "core/platform/error.hpp"

namespace skb::service {

bool Actor::can(core::Permission p, std::string_view org_path) const {
  return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) {
    return core::role_allows(g.role, p) && core::in_subtree(org_path, g.org_path);
  });
}

bool Actor::can_somewhere(core::Permission p) const {
  return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) { return core::role_allows(g.role, p); });
}

std::vector<std::string> Actor::scope(core::Permission p) const {
  std::vector<std::string> paths;
  for (const auto& g : grants)
    if (core::role_allows(g.role, p)) paths.push_back(g.org_path);
  std::sort(paths.begin(), paths.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<std::string> roots;
  for (const auto& path : paths)
    if (std::none_of(roots.begin(), roots.end(), [&](const auto& r) { return core::in_subtree(path, r); }))
      roots.push_back(path);
  return roots;
}

bool Actor::is_admin_at_root() const {
  return std::any_of(grants.begin(), grants.end(), [](const Grant& g) {
    return g.role == core::Role::admin && std::count(g.org_path.begin(), g.org_path.end(), '/') == 2;
  });
}

void require(const Actor& actor, core::Permission p, std::string_view org_path) {
  if (!actor.can(p, org_path)) throw core::forbidden();
}

void require_somewhere(const Actor& actor, core::Permission p) {
  if (!actor.can_somewhere(p)) throw core::forbidden();
}

}  // namespace skb::service
