#include "core/people/org.hpp"

#include <array>

namespace skb::core {
namespace {
constexpr std::array<std::pair<OrgKind, std::string_view>, 4> kKinds{{
    {OrgKind::city_union, "city_union"}, {OrgKind::industry_union, "industry_union"},
    {OrgKind::district_union, "district_union"}, {OrgKind::enterprise, "enterprise"},
}};
}  // namespace

std::string_view to_code(OrgKind kind) {
  for (const auto& [k, code] : kKinds)
    if (k == kind) return code;
  return "enterprise";
}

std::optional<OrgKind> parse_org_kind(std::string_view code) {
  for (const auto& [k, c] : kKinds)
    if (c == code) return k;
  return std::nullopt;
}

std::string child_path(std::string_view parent_path, std::int64_t id) {
  std::string p(parent_path.empty() ? "/" : parent_path);
  return p + std::to_string(id) + "/";
}

std::string common_ancestor_path(const std::vector<std::string>& paths) {
  if (paths.empty()) return "";
  std::string_view common = paths.front();
  for (const auto& p : paths) {
    size_t n = 0;
    while (n < common.size() && n < p.size() && common[n] == p[n]) ++n;
    common = common.substr(0, n);
  }
  // Cut back to the last whole segment: "/1/4/1" of "/1/4/17/" and "/1/4/18/" is "/1/4/".
  const auto slash = common.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(common.substr(0, slash + 1));
}

std::optional<std::int64_t> path_leaf_id(std::string_view path) {
  if (path.size() < 2 || path.back() != '/') return std::nullopt;
  const auto start = path.rfind('/', path.size() - 2);
  if (start == std::string_view::npos) return std::nullopt;
  try {
    return std::stoll(std::string(path.substr(start + 1, path.size() - start - 2)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace skb::core
