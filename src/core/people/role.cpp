#include "core/people/role.hpp"

#include <array>

namespace skb::core {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::admin, "admin"}, {Role::organiser, "organiser"}, {Role::chief_judge, "chief_judge"},
    {Role::judge, "judge"}, {Role::worker, "worker"}, {Role::hr, "hr"}, {Role::viewer, "viewer"},
}};
}  // namespace

std::string_view to_code(Role role) {
  for (const auto& [r, code] : kRoles)
    if (r == role) return code;
  return "viewer";
}

std::optional<Role> parse_role(std::string_view code) {
  for (const auto& [r, c] : kRoles)
    if (c == code) return r;
  return std::nullopt;
}

bool role_allows(Role role, Permission p) {
  using P = Permission;
  switch (role) {
    case Role::admin:
      return true;
    case Role::organiser:
      return p != P::manage_users && p != P::read_audit && p != P::read_worker_pii && p != P::mark_entries &&
             p != P::lead_judging;  // manage_exams and grade_exams included
    case Role::hr:
      return p == P::read_orgs || p == P::read_work_types || p == P::read_workers || p == P::write_workers ||
             p == P::read_worker_pii || p == P::import_export_workers || p == P::read_competitions || p == P::manage_training ||
             p == P::manage_assessments;
    case Role::chief_judge:
      return p == P::read_orgs || p == P::read_work_types || p == P::read_workers || p == P::read_competitions ||
             p == P::mark_entries || p == P::lead_judging || p == P::grade_exams;
    case Role::judge:
      return p == P::read_orgs || p == P::read_work_types || p == P::read_workers || p == P::read_competitions ||
             p == P::mark_entries || p == P::grade_exams;
    case Role::viewer:
      return p == P::read_orgs || p == P::read_work_types || p == P::read_workers || p == P::read_competitions;
    case Role::worker:
      return p == P::read_work_types;  // and their own record, checked by identity not by role
  }
  return false;
}

}  // namespace skb::core
