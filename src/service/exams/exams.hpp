#pragma once
// 考试: exams built from the bank, for candidates in an organisation subtree. Publishing draws every
// candidate's paper (from the exam's recorded seed, reproducible) so the start rush only reads; the
// candidate side (starting, autosaving, submitting) is in exam_sessions.hpp, grading and item
// statistics in exam_analysis.hpp.
#include <optional>
#include <string>
#include <vector>

#include "core/exams/paper.hpp"
#include "core/people/role.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct ExamInput {
  std::string title;
  std::optional<std::int64_t> org_id;  // default: the caller's first scope
  std::int64_t work_type_id = 0;
  std::string paper_mode = "blueprint";  // or "fixed"
  std::vector<core::exam::BlueprintRow> rows;
  std::vector<std::int64_t> question_ids;
  std::string opens_at, closes_at;  // RFC 3339
  int duration_minutes = 60;
  double pass_percent = 60;
};

struct ExamView {
  std::int64_t id = 0;
  std::string title;
  std::int64_t org_id = 0;
  std::string org_path;
  std::int64_t work_type_id = 0;
  std::string work_type_name;
  std::string paper_mode;
  std::vector<core::exam::BlueprintRow> rows;
  std::vector<std::int64_t> question_ids;
  std::string opens_at, closes_at;
  int duration_minutes = 0;
  double pass_percent = 60;
  std::string status;  // draft, published, closed
  double total_marks = 0;
  int candidates = 0, started = 0, submitted = 0, pending_manual = 0;
  std::string created_at;
};

struct CandidateSession {
  std::int64_t worker_id = 0;
  std::string worker_name, org_name;
  std::string status;  // not_started, active, submitted
  std::optional<std::int64_t> session_id;
  std::string started_at, submitted_at;
  bool auto_submitted = false;
  std::optional<double> score;
  double max_score = 0;
  int pending_manual = 0;
  int integrity_events = 0;
  std::string ip, user_agent;
};

struct IntegrityEvent {
  std::string kind, at, ip, detail;
};

class ExamService {
 public:
  explicit ExamService(const Context& ctx) : ctx_(ctx) {}

  std::vector<ExamView> list(const Actor& actor) const;
  ExamView get(const Actor& actor, std::int64_t id) const;
  ExamView create(const Actor& actor, const ExamInput& input);
  ExamView update(const Actor& actor, std::int64_t id, const ExamInput& input);  // draft only
  // Workers of the exam's subtree; returns how many were new.
  int add_candidates(const Actor& actor, std::int64_t id, const std::vector<std::int64_t>& worker_ids);
  // Checks the bank against the blueprint (422 bank_too_small), draws every paper, status → published.
  ExamView publish(const Actor& actor, std::int64_t id);

  std::vector<CandidateSession> sessions(const Actor& actor, std::int64_t id) const;
  std::vector<IntegrityEvent> integrity_log(const Actor& actor, std::int64_t session_id) const;

 private:
  const Context& ctx_;
};

// Shared with the session, analysis and practice services. Without counts it skips the candidate and
// session tallies (the start rush must not count every session of the exam inside the writer).
ExamView load_exam(store::Connection& c, std::int64_t id, bool with_counts = true);
// The exam, if the actor holds `p` on its organisation; else forbidden.
ExamView exam_for(store::Connection& c, const Actor& actor, std::int64_t id, core::Permission p);
// Throws invalid for an unknown type etc.; codes as core::exam::validate_blueprint.
void check_blueprint(const std::vector<core::exam::BlueprintRow>& rows);

// Setting an exam up inside the caller's transaction, without a permission check: ExamService checks
// manage_exams first; another domain's use case (a post assessment) checks its own. Each step audited.
std::int64_t insert_draft(store::Connection& conn, const Context& ctx, const std::string& by, const ExamInput& in, const std::string& org_path);
int insert_candidates(store::Connection& conn, const Context& ctx, const std::string& by, const ExamView& exam,
                      const std::vector<std::int64_t>& worker_ids);
void publish_draft(store::Connection& conn, const Context& ctx, const std::string& by, const ExamView& exam);
// All three: a published exam of `org_path` for these candidates, their papers drawn.
std::int64_t create_published_exam(store::Connection& conn, const Context& ctx, const std::string& by, const ExamInput& in,
                                   const std::string& org_path, const std::vector<std::int64_t>& worker_ids);

}  // namespace skb::service
