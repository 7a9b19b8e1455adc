#include "service/exams/analysis.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <sstream>

#include "core/platform/error.hpp"
#include "service/exams/codec.hpp"
#include "service/exams/evidence.hpp"
#include "service/exams/exams.hpp"
#include "service/exams/question_bank.hpp"
#include "service/exams/sessions.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/spreadsheet.hpp"

namespace skb::service {
namespace {

using core::Permission;
using namespace core::exam;

// Graders read candidates' answers and rubrics: never someone who sits the exam themself.
ExamView grader_exam(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto exam = exam_for(c, actor, id, Permission::grade_exams);
  if (actor.worker_id && c.query_one("SELECT 1 FROM exam_candidates WHERE exam_id = ? AND worker_id = ?", {id, *actor.worker_id}))
    throw core::forbidden("考生不能阅本场考试的卷 (a candidate cannot grade this exam)");
  return exam;
}


struct SubmittedPaper {
  std::int64_t session_id = 0;
  std::int64_t worker_id = 0;
  Paper paper;
  std::vector<double> awarded;  // per item; a short answer not yet graded counts 0
  double total = 0;
};

std::vector<SubmittedPaper> submitted_papers(store::Connection& c, std::int64_t exam_id) {
  std::vector<SubmittedPaper> out;
  std::map<std::int64_t, size_t> by_session;
  for (const auto& r : c.query("SELECT s.id, s.worker_id, x.paper FROM exam_sessions s JOIN exam_candidates x "
                               "ON x.exam_id = s.exam_id AND x.worker_id = s.worker_id WHERE s.exam_id = ? AND s.status = 'submitted' "
                               "ORDER BY s.id",
                               {exam_id})) {
    SubmittedPaper p{r.i64(0), r.i64(1), read_paper(r.str(2)), {}, 0};
    p.awarded.assign(p.paper.items.size(), 0);
    by_session[p.session_id] = out.size();
    out.push_back(std::move(p));
  }
  for (const auto& r : c.query("SELECT a.session_id, a.item_index, COALESCE(a.awarded, 0) FROM exam_answers a JOIN exam_sessions s "
                               "ON s.id = a.session_id WHERE s.exam_id = ? AND s.status = 'submitted'",
                               {exam_id})) {
    auto& p = out[by_session.at(r.i64(0))];
    const auto i = static_cast<size_t>(r.i64(1));
    if (i < p.awarded.size()) p.awarded[i] = r.f64(2);
  }
  for (auto& p : out)
    for (double a : p.awarded) p.total += a;
  return out;
}

GradingItem grading_item(store::Connection& c, const store::Row& r) {
  // r: session_id, item_index, response, awarded, grade_state, graded_by, paper
  const auto paper = read_paper(r.str(6));
  const auto i = static_cast<size_t>(r.i64(1));
  const auto q = cached_question(c, paper.items.at(i).question_id);
  GradingItem g;
  g.answer_id = std::to_string(r.i64(0)) + "-" + std::to_string(i);
  g.question_stem = q->stem;
  g.rubric = q->rubric;
  g.text = read_response_text(r.str(2)).text;
  g.marks = paper.items[i].marks;
  if (r.str(4) == "graded") g.awarded = r.f64(3);
  g.graded_by = r.str(5);
  return g;
}

constexpr const char* kGradingSelect =
    "SELECT a.session_id, a.item_index, a.response, a.awarded, a.grade_state, a.graded_by, x.paper FROM exam_answers a "
    "JOIN exam_sessions s ON s.id = a.session_id JOIN exam_candidates x ON x.exam_id = s.exam_id AND x.worker_id = s.worker_id ";

}  // namespace

std::vector<GradingItem> ExamAnalysisService::grading_queue(const Actor& actor, std::int64_t exam_id) const {
  std::vector<GradingItem> out;
  ctx_.db.write([&](store::Connection& c) {
    grader_exam(c, actor, exam_id);
    finalise_expired(c, ctx_, exam_id);
    for (const auto& r : c.query(std::string(kGradingSelect) +
                                     "WHERE s.exam_id = ? AND s.status = 'submitted' AND (a.grade_state = 'needs_manual' OR a.graded_by IS NOT NULL) "
                                     "ORDER BY a.grade_state = 'graded', a.session_id, a.item_index",
                                 {exam_id}))
      out.push_back(grading_item(c, r));
  });
  return out;
}

GradingItem ExamAnalysisService::grade(const Actor& actor, std::int64_t exam_id, const std::string& answer_id, double awarded) {
  const auto dash = answer_id.find('-');
  std::int64_t session_id = 0, item = 0;
  try {
    if (dash == std::string::npos) throw std::invalid_argument("no dash");
    session_id = std::stoll(answer_id.substr(0, dash));
    item = std::stoll(answer_id.substr(dash + 1));
  } catch (const std::exception&) {
    throw core::invalid("answer_id", "answer_id 格式错误 (malformed answer_id)");
  }
  GradingItem out;
  ctx_.db.write([&](store::Connection& c) {
    grader_exam(c, actor, exam_id);
    auto r = c.query_one(std::string(kGradingSelect) + "WHERE s.exam_id = ? AND a.session_id = ? AND a.item_index = ? AND s.status = 'submitted'",
                         {exam_id, session_id, item});
    if (!r || (r->str(4) != "needs_manual" && r->is_null(5))) throw core::not_found("answer " + answer_id);
    const auto paper = read_paper(r->str(6));
    const auto g = manual_grade(paper.items.at(static_cast<size_t>(item)), awarded);
    c.execute("UPDATE exam_answers SET awarded = ?, grade_state = 'graded', graded_by = ?, graded_at = ? WHERE session_id = ? AND item_index = ?",
              {g.awarded, actor.username, ctx_.now_rfc3339(), session_id, item});
    c.execute("UPDATE exam_sessions SET score = (SELECT COALESCE(SUM(awarded), 0) FROM exam_answers WHERE session_id = ?), "
              "pending_manual = (SELECT COUNT(*) FROM exam_answers WHERE session_id = ? AND grade_state = 'needs_manual') WHERE id = ?",
              {session_id, session_id, session_id});
    refresh_session_evidence(c, ctx_, session_id);
    append_audit(c, ctx_, {actor.username, "exam.grade", "exam_answer", answer_id,
                           skb::service::json_text(boost::json::object{{"awarded", g.awarded}})});
    out = grading_item(c, *c.query_one(std::string(kGradingSelect) + "WHERE a.session_id = ? AND a.item_index = ?", {session_id, item}));
  });
  return out;
}

ExamStatistics ExamAnalysisService::statistics(const Actor& actor, std::int64_t exam_id) const {
  ExamStatistics out;
  ctx_.db.write([&](store::Connection& c) {
    exam_for(c, actor, exam_id, Permission::manage_exams);
    finalise_expired(c, ctx_, exam_id);
    const auto papers = submitted_papers(c, exam_id);
    out.candidates = static_cast<int>(papers.size());
    if (papers.empty()) return;
    // The paper as a whole: item positions are the same blueprint slots on every paper.
    ItemScores slots;
    for (const auto& item : papers.front().paper.items) slots.max_marks.push_back(item.marks);
    for (const auto& p : papers)
      if (p.awarded.size() == slots.max_marks.size()) slots.scores.push_back(p.awarded);
    const auto whole = item_statistics(slots);
    out.mean_total = whole.mean_total;
    out.sd_total = whole.sd_total;
    out.kr20 = whole.kr20;
    out.alpha = whole.alpha;
    // Each question over the candidates who had it: its score against the rest of their paper.
    std::map<std::int64_t, ItemScores> per_question;
    std::map<std::int64_t, double> marks_of;
    for (const auto& p : papers) {
      const double paper_max = p.paper.total_marks;
      for (size_t i = 0; i < p.paper.items.size(); ++i) {
        const auto& item = p.paper.items[i];
        auto& s = per_question[item.question_id];
        if (s.max_marks.empty()) s.max_marks = {item.marks, std::max(paper_max - item.marks, 0.0)};
        if (s.max_marks[0] != item.marks || s.max_marks[1] != std::max(paper_max - item.marks, 0.0)) continue;
        s.scores.push_back({p.awarded[i], std::min(p.total - p.awarded[i], s.max_marks[1])});
        marks_of[item.question_id] = item.marks;
      }
    }
    for (auto& [qid, scores] : per_question) {
      if (scores.max_marks[1] <= 0) {  // a one-question paper: no rest to correlate with
        scores.max_marks.pop_back();
        for (auto& row : scores.scores) row.pop_back();
      }
      const auto q = cached_question(c, qid);
      ItemReport rep;
      rep.question_id = qid;
      rep.stem = q->stem;
      rep.type = std::string(to_code(q->type));
      if (auto d = c.query_one("SELECT name FROM dimensions WHERE id = ?", {q->tags.dimension_id})) rep.dimension_name = d->str(0);
      rep.marks = marks_of[qid];
      rep.answered = static_cast<int>(scores.scores.size());
      rep.stats = item_statistics(scores).items.at(0);
      out.items.push_back(std::move(rep));
    }
  });
  return out;
}

std::string ExamAnalysisService::results_xlsx(const Actor& actor, std::int64_t exam_id) const {
  Sheet sheet{"成绩", {"考生", "单位", "状态", "得分", "满分", "待人工评分"}, {}};
  ctx_.db.write([&](store::Connection& c) {
    const auto exam = exam_for(c, actor, exam_id, Permission::manage_exams);
    finalise_expired(c, ctx_, exam_id);
    const auto papers = submitted_papers(c, exam_id);
    size_t items = 0;
    for (const auto& p : papers) items = std::max(items, p.awarded.size());
    for (size_t i = 0; i < items; ++i) sheet.header.push_back("第" + std::to_string(i + 1) + "题");
    std::map<std::int64_t, const SubmittedPaper*> by_worker;
    for (const auto& p : papers) by_worker[p.worker_id] = &p;
    for (const auto& r : c.query("SELECT x.worker_id, w.name, o.name, s.status, s.score, s.max_score, s.pending_manual FROM exam_candidates x "
                                 "JOIN workers w ON w.id = x.worker_id JOIN orgs o ON o.id = w.org_id LEFT JOIN exam_sessions s "
                                 "ON s.exam_id = x.exam_id AND s.worker_id = x.worker_id WHERE x.exam_id = ? ORDER BY s.score DESC, w.name",
                                 {exam_id})) {
      const auto fmt = [](double v) {
        std::ostringstream o;
        o << v;
        return o.str();
      };
      const std::string status = r.is_null(3) ? "缺考" : r.str(3) == "submitted" ? "已交卷" : "作答中";
      std::vector<std::string> row{r.str(1), r.str(2), status, r.is_null(4) ? "" : fmt(r.f64(4)),
                                   r.is_null(5) ? fmt(exam.total_marks) : fmt(r.f64(5)), r.is_null(6) ? "" : std::to_string(r.i64(6))};
      if (auto it = by_worker.find(r.i64(0)); it != by_worker.end())
        for (double a : it->second->awarded) row.push_back(fmt(a));
      sheet.rows.push_back(std::move(row));
    }
  });
  return write_xlsx({sheet});
}

}  // namespace skb::service
