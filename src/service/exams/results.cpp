#include "service/exams/results.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/contest/scoring.hpp"
#include "core/platform/error.hpp"
#include "service/contest/competitions.hpp"
#include "service/contest/judging.hpp"
#include "service/exams/exams.hpp"
#include "service/exams/sessions.hpp"
#include "service/people/workers.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

using core::Permission;

// A share of the exam's marks (0–1) as the aspect's mark, on its step.
double scaled(double share, const AspectDef& aspect) {
  const double raw = share * aspect.max_mark;
  const double step = aspect.step > 0 ? aspect.step : 0.01;
  return std::clamp(std::round(raw / step) * step, 0.0, aspect.max_mark);
}

}  // namespace

TransferOutcome ExamResultsService::transfer_to_event(const Actor& actor, std::int64_t exam_id, std::int64_t event_id) {
  TransferOutcome out;
  ctx_.db.write([&](store::Connection& c) {
    const auto exam = load_exam(c, exam_id);
    require(actor, Permission::manage_exams, exam.org_path);
    const auto event = load_event(c, event_id);
    require(actor, Permission::manage_competitions, event.org_path);
    if (event.summary.work_type_id != exam.work_type_id)
      throw core::invalid("event_id", "赛项与考试的工种不同 (the event is of another work type)");
    const ComponentDef* theory = nullptr;
    for (const auto& comp : event.components)
      if (comp.kind == core::ComponentKind::theory) theory = &comp;
    if (!theory || theory->aspects.size() != 1 || theory->aspects.front().kind != core::AspectKind::measurement)
      throw core::invalid("event_id", "赛项没有理论模块 (the event has no theory component with one score)");
    const auto& aspect = theory->aspects.front();
    finalise_expired(c, ctx_, exam_id);
    if (c.query_one("SELECT 1 FROM exam_sessions WHERE exam_id = ? AND pending_manual > 0 LIMIT 1", {exam_id}))
      throw core::conflict("grading_pending", "还有简答题未评分，评完后再导入 (short answers still await grading)");

    std::map<std::int64_t, double> sat;  // worker → share of the exam's marks, for those who submitted
    for (const auto& r : c.query("SELECT worker_id, score, max_score FROM exam_sessions WHERE exam_id = ? AND status = 'submitted'", {exam_id}))
      sat[r.i64(0)] = r.f64(2) > 0 ? r.f64(1) / r.f64(2) : 0;
    std::vector<MarkInput> marks;
    for (const auto& e : load_entries(c, event_id)) {
      if (e.status == "withdrawn") continue;
      // A team's theory score is its members' mean share: every member must have sat the exam.
      double share = 0;
      bool complete = true;
      for (const auto& m : e.members) {
        if (auto it = sat.find(m.worker_id); it != sat.end()) {
          share += it->second / static_cast<double>(e.members.size());
        } else {
          out.absent.push_back(e.team_name.empty() ? m.name : e.team_name + "·" + m.name);
          complete = false;
        }
      }
      if (!complete || e.members.empty()) continue;
      // The value is part of the id: the same score again is a replay, a regraded one amends the mark.
      const double value = scaled(share, aspect);
      marks.push_back({"exam-" + std::to_string(exam_id) + "-entry-" + std::to_string(e.id) + "-" + fmt::format("{}", value), e.id,
                       aspect.id, value});
    }
    out.not_entered = static_cast<int>(
        c.query_one("SELECT COUNT(*) FROM exam_sessions s WHERE s.exam_id = ? AND s.status = 'submitted' AND NOT EXISTS "
                    "(SELECT 1 FROM entry_members m WHERE m.event_id = ? AND m.worker_id = s.worker_id)",
                    {exam_id, event_id})
            ->i64(0));
    const auto component_id = theory->id;
    // One marker per exam (its author's account), whoever transfers: a second transfer amends, never adds a judge.
    const auto author = c.query_one("SELECT u.id FROM users u JOIN exams e ON e.created_by = u.username WHERE e.id = ?", {exam_id});
    const Marker marker{author ? author->i64(0) : actor.user_id, "exam:" + std::to_string(exam_id), "exam",
                        [component_id](const MarkTarget&, const AspectDef&, std::int64_t comp) { return comp == component_id; }};
    if (!marks.empty())  // nobody sat it: every entrant is listed absent, nothing to record
      for (const auto& receipt : record_marks(c, ctx_, marker, marks)) (receipt.replayed ? out.replayed : out.transferred) += 1;
    append_audit(c, ctx_, {actor.username, "exam.transfer", "exam", std::to_string(exam_id),
                           skb::service::json_text(boost::json::object{{"event_id", event_id}, {"marks", out.transferred},
                                                                      {"absent", out.absent.size()}})});
  });
  ctx_.changes->marks_committed();
  return out;
}

std::vector<AssessmentRecord> ExamResultsService::worker_record(const Actor& actor, std::int64_t worker_id) const {
  std::vector<AssessmentRecord> out;
  ctx_.db.read([&](store::Connection& c) {
    require_worker_reader(c, actor, worker_id);
    for (const auto& r : c.query(
             "SELECT e.id, e.title, t.name, s.submitted_at, s.score, s.max_score, e.pass_percent, s.pending_manual FROM exam_sessions s "
             "JOIN exams e ON e.id = s.exam_id JOIN work_types t ON t.id = e.work_type_id WHERE s.worker_id = ? AND s.status = 'submitted' "
             "ORDER BY s.submitted_at DESC",
             {worker_id})) {
      AssessmentRecord a;
      a.exam_id = r.i64(0);
      a.title = r.str(1);
      a.work_type_name = r.str(2);
      a.submitted_at = r.str(3);
      if (!r.is_null(4)) a.score = r.f64(4);
      a.max_score = r.f64(5);
      a.pass_percent = r.f64(6);
      a.pending_manual = static_cast<int>(r.i64(7));
      // Published percentages are at hundredths; 59.999… from partial credit is 60.00 and passes 60.
      a.passed = a.score && a.pending_manual == 0 && a.max_score > 0 && core::round2(*a.score * 100 / a.max_score) >= a.pass_percent;
      out.push_back(std::move(a));
    }
  });
  return out;
}

}  // namespace skb::service
