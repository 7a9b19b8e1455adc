#pragma once
// 职工: registration, search, level history and batch import. Phone and ID numbers are sealed at rest
// and only masked copies leave this service, except through `reveal_personal_data` (audited).
#include <optional>
#include <string>
#include <vector>

#include "core/people/skill_level.hpp"
#include "core/people/worker.hpp"
#include "core/platform/error.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct NamedRef {
  std::int64_t id = 0;
  std::string name;
};

struct LevelChange {
  core::SkillLevel level = core::SkillLevel::junior;
  std::string effective_date;
  std::string note;
  std::string recorded_at;
  std::string recorded_by;
};

struct WorkerView {
  std::int64_t id = 0;
  std::string name;
  core::Gender gender = core::Gender::male;
  std::string employee_no;
  std::int64_t org_id = 0;
  std::string org_name;
  std::vector<NamedRef> work_types;
  core::SkillLevel skill_level = core::SkillLevel::junior;
  std::string phone_masked;
  std::string id_number_masked;
  std::string birth_date;  // empty unless the viewer may see the whole ID number (or is the worker)
  int birth_year = 0;
  std::string created_at;
  std::string org_path;  // for scope checks; not shown
  std::vector<LevelChange> level_history;  // filled for a single worker only
};

struct WorkerInput {
  std::optional<std::string> name, gender, employee_no, skill_level, phone, id_number;
  std::optional<std::int64_t> org_id;
  std::optional<std::vector<std::int64_t>> work_type_ids;
};

struct WorkerFilter {
  std::optional<std::int64_t> org_id;  // this org and its subtree
  std::optional<std::int64_t> work_type_id;
  std::optional<core::SkillLevel> skill_level;
  std::string query;  // part of a name, or an exact employee number
};

struct WorkerPage {
  std::vector<WorkerView> items;
  std::optional<std::int64_t> next_cursor;
  std::int64_t total = 0;
};

// One spreadsheet row, as text; organisation and work types by name or code.
struct ImportRow {
  std::string name, gender, employee_no, org, work_types, skill_level, phone, id_number;
};

struct ImportOutcome {
  int imported = 0;
  std::vector<core::FieldProblem> problems;  // rows skipped when not all-or-nothing
};

struct PersonalData {
  std::string phone;
  std::string id_number;
};

// The check before anything of one worker's record is read: the worker themself, or whoever may read
// workers in the worker's organisation. Throws not_found for an unknown worker, forbidden otherwise.
void require_worker_reader(store::Connection& conn, const Actor& actor, std::int64_t worker_id);

class WorkerService {
 public:
  explicit WorkerService(const Context& ctx) : ctx_(ctx) {}

  WorkerPage list(const Actor& actor, const WorkerFilter& filter, int limit, std::optional<std::int64_t> after_id) const;
  WorkerView get(const Actor& actor, std::int64_t id) const;
  WorkerView get_own(const Actor& actor) const;
  WorkerView create(const Actor& actor, const WorkerInput& input);
  WorkerView update(const Actor& actor, std::int64_t id, const WorkerInput& input);
  WorkerView change_level(const Actor& actor, std::int64_t id, const std::string& level, const std::string& effective_date,
                          const std::string& note);
  void remove(const Actor& actor, std::int64_t id);
  PersonalData reveal_personal_data(const Actor& actor, std::int64_t id);

  // Validates every row first. With all_or_nothing, any problem rejects the batch (unprocessable,
  // problems attached) and nothing is written; otherwise valid rows are written and the rest reported.
  // Either way the write is one transaction.
  ImportOutcome import(const Actor& actor, const std::vector<ImportRow>& rows, bool all_or_nothing);

  // Every worker matching the filter (masked), for export.
  std::vector<WorkerView> export_rows(const Actor& actor, const WorkerFilter& filter) const;

 private:
  const Context& ctx_;
};

// Appends a level change to a worker's history and sets the current level to the latest by date,
// inside the caller's transaction (used by the worker page and by confirmed competition promotions).
void record_level_change(store::Connection& conn, const Context& ctx, const std::string& by, std::int64_t worker_id,
                         core::SkillLevel level, const std::string& effective_date, const std::string& note);

}  // namespace skb::service
