#pragma once
// 组织: the organisation tree (city union → industry/district union → enterprise). Each org stores its
// materialised path of ids ("/1/4/17/"), so subtree tests and queries are a prefix match.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skb::core {

enum class OrgKind { city_union, industry_union, district_union, enterprise };

std::string_view to_code(OrgKind kind);
std::optional<OrgKind> parse_org_kind(std::string_view code);

struct Org {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string name;
  OrgKind kind = OrgKind::enterprise;
  std::string code;
  std::string path;  // "/1/4/17/", ends with this org's own id
};

std::string child_path(std::string_view parent_path, std::int64_t id);
// The deepest organisation every path lies in (a team's own organisation): "" for no paths.
std::string common_ancestor_path(const std::vector<std::string>& paths);
// The id at the end of a path ("/1/4/17/" → 17); nullopt for "" or "/".
std::optional<std::int64_t> path_leaf_id(std::string_view path);
// True when `path` is `ancestor_path` itself or lies below it.
inline bool in_subtree(std::string_view path, std::string_view ancestor_path) {
  return path.starts_with(ancestor_path);
}

}  // namespace skb::core
