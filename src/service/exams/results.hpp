#pragma once
// Where exam results go: into a competition event's theory component (理论成绩 as marks in the mark log,
// so standings, boards, awards and the audit trail treat them like any mark), and into each worker's
// assessment record.
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct TransferOutcome {
  int transferred = 0;  // marks recorded (a repeat transfer replays, never doubles)
  int replayed = 0;
  std::vector<std::string> absent;     // entrants of the event without a submitted paper (缺考)
  int not_entered = 0;                 // candidates who are not entrants of the event
};

struct AssessmentRecord {
  std::int64_t exam_id = 0;
  std::string title, work_type_name, submitted_at;
  std::optional<double> score;
  double max_score = 0;
  double pass_percent = 60;
  bool passed = false;
  int pending_manual = 0;
};

class ExamResultsService {
 public:
  explicit ExamResultsService(const Context& ctx) : ctx_(ctx) {}

  // The exam's scores, scaled to the theory component's marks (rounded to its step), recorded as the
  // theory aspect's marks of the event's entrants. Refused while short answers await grading (409
  // grading_pending), for an event of another work type or without a theory component (400), and as
  // marks are refused (locked aspect or event: 409).
  TransferOutcome transfer_to_event(const Actor& actor, std::int64_t exam_id, std::int64_t event_id);

  // The worker's submitted exams, newest first: the worker themself, or roles reading workers.
  std::vector<AssessmentRecord> worker_record(const Actor& actor, std::int64_t worker_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
