#pragma once
// All use cases over one context, built once by main.cpp and shared by HTTP handlers and the CLI.
#include "service/auth.hpp"
#include "service/board_hub.hpp"
#include "service/certificates.hpp"
#include "service/competitions.hpp"
#include "service/corrections.hpp"
#include "service/devices.hpp"
#include "service/exam_analysis.hpp"
#include "service/exam_results.hpp"
#include "service/exam_sessions.hpp"
#include "service/exams.hpp"
#include "service/judging.hpp"
#include "service/context.hpp"
#include "service/idempotency.hpp"
#include "service/orgs.hpp"
#include "service/practice.hpp"
#include "service/question_bank.hpp"
#include "service/results.hpp"
#include "service/scheme_corrections.hpp"
#include "service/time_allowances.hpp"
#include "service/work_types.hpp"
#include "service/workers.hpp"

namespace skb::service {

struct Services {
  explicit Services(Context context)
      : ctx(std::move(context)), auth(ctx), orgs(ctx), work_types(ctx), workers(ctx), idempotency(ctx), competitions(ctx),
        judging(ctx), results(ctx), certificates(ctx), devices(ctx), corrections(ctx), boards(ctx),
        questions(ctx), exams(ctx), exam_sessions(ctx), exam_analysis(ctx), exam_results(ctx), practice(ctx), time_allowances(ctx),
        scheme_corrections(ctx) {}
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
};

}  // namespace skb::service
