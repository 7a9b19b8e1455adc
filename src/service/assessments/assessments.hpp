#pragma once
// 岗位技能考核: an enterprise assesses its workers on their phones wherever they work. An assessment is an
// exam set up through the exam engine for the chosen workers and, optionally, a contest event whose
// assessors score practical tasks on its marking scheme. Its report reads only this assessment's
// evidence — the exam's items and the practical's aspects — on the portrait's scale: each worker's
// overall and per-dimension score with its band, strengths and weaknesses and rank, and for the
// enterprise each dimension's mean and how many are weak in it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/exams/exams.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"
#include "service/talent/portraits.hpp"

namespace skb::service {

struct AssessmentInput {
  ExamInput exam;                        // title, organisation, work type, paper, window, duration, pass mark
  std::vector<std::int64_t> worker_ids;  // the assessed
  std::optional<std::int64_t> event_id;  // practical tasks: a contest event of the same work type
};

struct AssessmentView {
  std::int64_t id = 0, org_id = 0, work_type_id = 0, exam_id = 0;
  std::optional<std::int64_t> event_id;
  std::string title, org_name, work_type_name, event_name, opens_at, closes_at, exam_status, created_at;
  int candidates = 0, submitted = 0;
};

struct AssessedWorker {
  std::int64_t worker_id = 0;
  std::string worker_name, org_name;
  std::string exam_status;  // not_started | active | submitted
  std::optional<double> exam_score;
  double exam_max = 0;
  int pending_manual = 0;
  bool passed = false;
  bool practical = false;  // has an entry in the practical event
  std::optional<ScoreView> overall;
  std::vector<std::optional<ScoreView>> dimensions;  // in the work type's order
  std::vector<std::int64_t> strengths, weaknesses;   // dimension ids, where the bands separate them
  std::optional<int> rank;                           // among the assessed with a score, 1 = highest
};

struct AssessmentDimension {
  std::int64_t id = 0;
  std::string name;
  std::optional<double> mean;  // mean score of the assessed with evidence on it
  int assessed = 0;            // how many have evidence on it
  int weak = 0;                // how many have it as a weakness
};

struct AssessmentReport {
  AssessmentView assessment;
  std::vector<AssessmentDimension> dimensions;
  std::vector<AssessedWorker> workers;  // ranked, then unscored by name
};

class AssessmentService {
 public:
  explicit AssessmentService(const Context& ctx) : ctx_(ctx) {}
  // Assessments of organisations in the actor's manage_assessments scope, newest first.
  std::vector<AssessmentView> list(const Actor& actor) const;
  // Sets up the exam (published, papers drawn) and the assessment in one transaction.
  AssessmentView create(const Actor& actor, const AssessmentInput& input);
  AssessmentView get(const Actor& actor, std::int64_t id) const;
  AssessmentReport report(const Actor& actor, std::int64_t id) const;
  // One assessed worker's report: the worker themself, or whoever manages the assessment.
  AssessmentReport worker_report(const Actor& actor, std::int64_t id, std::int64_t worker_id) const;
  // The signed-in worker's assessments, newest first.
  std::vector<AssessmentView> mine(const Actor& actor) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
