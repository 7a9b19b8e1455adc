#pragma once
// 培训课程: courses with the dimensions they train, who is enrolled, who completed (by form or by a
// provider's completion list), and each worker's training with hours per year. Every completion keeps
// the worker's talent record current (training evidence) in the same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/platform/error.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct CourseInput {
  std::int64_t org_id = 0, work_type_id = 0;
  std::string name, provider, mode, starts_on, ends_on;
  double hours = 0;
  std::vector<std::int64_t> dimension_ids;
};

struct CourseView {
  std::int64_t id = 0, org_id = 0, work_type_id = 0;
  std::string org_name, work_type_name, name, provider, mode, starts_on, ends_on;
  double hours = 0;
  std::vector<std::int64_t> dimension_ids;
  std::int64_t enrolled = 0, completed = 0;
};

struct TrainingRecordView {
  std::int64_t worker_id = 0;
  std::string worker_name, employee_no, org_name, status, enrolled_at;
  std::optional<std::string> completed_on;
  std::optional<double> hours, score;
};

// A completion as typed in a form or a row of a completion list (text cells).
struct CompletionInput {
  std::string status, completed_on, hours, score;
};

// A row of a completion list: the worker by name and ID number (the key providers share).
struct CompletionRow {
  std::string name, id_number;
  CompletionInput completion;
};

struct CompletionImport {
  int imported = 0;
  std::vector<core::FieldProblem> problems;  // rows skipped when not all-or-nothing
};

struct WorkerCourse {
  std::int64_t course_id = 0;
  std::string course_name, provider, mode, work_type_name, status;
  std::optional<std::string> completed_on;
  std::optional<double> hours, score;
};

struct WorkerTraining {
  std::vector<WorkerCourse> items;                   // newest first
  std::vector<std::pair<int, double>> hours_by_year;  // year → hours completed, newest first
};

class CourseService {
 public:
  explicit CourseService(const Context& ctx) : ctx_(ctx) {}
  // Courses run by organisations in the actor's manage_training scope.
  std::vector<CourseView> list(const Actor& actor, std::optional<std::int64_t> work_type_id, const std::string& query) const;
  CourseView create(const Actor& actor, const CourseInput& input);
  CourseView get(const Actor& actor, std::int64_t course_id) const;
  std::vector<TrainingRecordView> records(const Actor& actor, std::int64_t course_id) const;
  // Enrols a worker in the actor's scope; enrolling again returns the record (created = false).
  TrainingRecordView enrol(const Actor& actor, std::int64_t course_id, std::int64_t worker_id, bool& created);
  // Records a completion, a fail, or puts the record back to enrolled (enrolling first when needed).
  TrainingRecordView record(const Actor& actor, std::int64_t course_id, std::int64_t worker_id, const CompletionInput& input);
  CompletionImport import_completions(const Actor& actor, std::int64_t course_id, const std::vector<CompletionRow>& rows, bool all_or_nothing);
  // A worker's training: the worker themself, or whoever reads workers in their organisation.
  WorkerTraining worker_training(const Actor& actor, std::int64_t worker_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
