#include "core/org.hpp"

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

}  // namespace skb::core
