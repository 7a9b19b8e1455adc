#pragma once
// All use cases over one context, built once by main.cpp and shared by HTTP handlers and the CLI.
#include "service/analytics/benchmarks.hpp"
#include "service/analytics/brain.hpp"
#include "service/analytics/candidates.hpp"
#include "service/analytics/gaps.hpp"
#include "service/analytics/pipeline.hpp"
#include "service/analytics/post_models.hpp"
#include "service/analytics/structure.hpp"
#include "service/analytics/training_plan.hpp"
#include "service/assessments/assessments.hpp"
#include "service/boards/hub.hpp"
#include "service/career/timeline.hpp"
#include "service/contest/certificates.hpp"
#include "service/contest/competitions.hpp"
#include "service/contest/corrections.hpp"
#include "service/contest/devices.hpp"
#include "service/contest/judging.hpp"
#include "service/contest/results.hpp"
#include "service/contest/scheme_corrections.hpp"
#include "service/contest/time_allowances.hpp"
#include "service/exams/analysis.hpp"
#include "service/exams/exams.hpp"
#include "service/exams/practice.hpp"
#include "service/exams/question_bank.hpp"
#include "service/exams/results.hpp"
#include "service/exams/sessions.hpp"
#include "service/people/auth.hpp"
#include "service/people/orgs.hpp"
#include "service/people/work_types.hpp"
#include "service/people/workers.hpp"
#include "service/platform/context.hpp"
#include "service/platform/idempotency.hpp"
#include "service/talent/honours.hpp"
#include "service/talent/level_bars.hpp"
#include "service/talent/portraits.hpp"
#include "service/talent/search.hpp"
#include "service/training/courses.hpp"

namespace skb::service {

struct Services {
  explicit Services(Context context)
      : ctx(std::move(context)), auth(ctx), orgs(ctx), work_types(ctx), workers(ctx), idempotency(ctx), competitions(ctx),
        judging(ctx), results(ctx), certificates(ctx), devices(ctx), corrections(ctx), boards(ctx),
        questions(ctx), exams(ctx), exam_sessions(ctx), exam_analysis(ctx), exam_results(ctx), practice(ctx), time_allowances(ctx),
        scheme_corrections(ctx), portraits(ctx), timeline(ctx), level_bars(ctx), talent_search(ctx), honours(ctx),
        courses(ctx), assessments(ctx), structure(ctx),
        post_models(ctx), gaps(ctx), pipeline(ctx), training_plans(ctx),
        benchmarks(ctx), candidates(ctx), brain(ctx, boards) {}
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  Context ctx;
  AuthService auth;
  OrgService orgs;
  WorkTypeService work_types;
  WorkerService workers;
  IdempotencyStore idempotency;
  CompetitionService competitions;
  JudgingService judging;
  ResultsService results;
  CertificateService certificates;
  DeviceService devices;
  CorrectionService corrections;
  BoardHub boards;  // started by `serve` only
  QuestionService questions;
  ExamService exams;
  ExamSessionService exam_sessions;
  ExamAnalysisService exam_analysis;
  ExamResultsService exam_results;
  PracticeService practice;
  TimeAllowanceService time_allowances;
  SchemeCorrectionService scheme_corrections;
  PortraitService portraits;
  TimelineService timeline;
  LevelBarService level_bars;
  TalentSearchService talent_search;
  HonourService honours;
  CourseService courses;
  AssessmentService assessments;
  StructureService structure;
  PostModelService post_models;
  GapService gaps;
  PipelineService pipeline;
  TrainingPlanService training_plans;
  BenchmarkService benchmarks;
  CandidateService candidates;
  BrainService brain;  // after boards, whose live leaders it shows
};

}  // namespace skb::service
