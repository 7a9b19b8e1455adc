#pragma once
// Roles and what each may do. A grant gives one role on one organisation and its whole subtree;
// whether the target lies in that subtree is checked by the service with the organisation paths.
#include <optional>
#include <string_view>

namespace skb::core {

enum class Role { admin, organiser, chief_judge, judge, worker, hr, viewer };

enum class Permission {
  read_orgs, write_orgs,
  read_work_types, write_work_types,
  read_workers, write_workers, read_worker_pii, import_export_workers,
  manage_users, read_audit,
  read_competitions, manage_competitions,  // set up competitions, events, schemes, entries, judges
  mark_entries,                            // a judge's marks (still needs an assignment to the event)
  lead_judging,                            // chief judge: judge report, flags, locks
  manage_exams,                            // question bank, exams, practice levels
  grade_exams,                             // mark short answers in the grading queue
  manage_training,                         // courses, enrolments and completions (培训)
  manage_assessments,                      // post assessments of an enterprise's workers (岗位技能考核)
};

std::string_view to_code(Role role);
std::optional<Role> parse_role(std::string_view code);
bool role_allows(Role role, Permission permission);

}  // namespace skb::core
