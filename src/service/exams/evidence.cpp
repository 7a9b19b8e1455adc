#include "service/exams/evidence.hpp"

#include <algorithm>
#include <map>

#include "core/platform/text.hpp"
#include "service/exams/codec.hpp"
#include "service/exams/practice.hpp"
#include "service/exams/question_bank.hpp"

namespace skb::service {
namespace {

std::string scope_of(std::int64_t session_id) { return "session:" + std::to_string(session_id); }

// A question's capability dimension (0 in the bank: none).
std::optional<std::int64_t> dimension_of(const core::exam::Question& q) {
  return q.tags.dimension_id ? std::optional<std::int64_t>(q.tags.dimension_id) : std::nullopt;
}

// The first characters of a stem, for the evidence list.
std::string stem_excerpt(const std::string& stem) { return core::utf8_excerpt(stem, 24); }

}  // namespace

double item_difficulty(int authored) { return (std::clamp(authored, 1, 5) - 3) * 0.75; }

namespace {

// The calibrated difficulties of a paper's questions, in one read (submission and grading are on the
// exam's busy path): question id → b.
std::map<std::int64_t, double> calibrations(store::Connection& c, const core::exam::Paper& paper) {
  std::map<std::int64_t, double> out;
  if (paper.items.empty()) return out;
  std::string sql = "SELECT question_id, difficulty FROM question_calibration WHERE question_id IN (";
  store::Params params;
  for (const auto& item : paper.items) {
    sql += params.empty() ? "?" : ", ?";
    params.push_back(item.question_id);
  }
  for (const auto& r : c.query(sql + ")", params)) out[r.i64(0)] = r.f64(1);
  return out;
}

// Calibrated when `skillbrain calibrate-items` has done so, else the authored level.
double difficulty_of(const std::map<std::int64_t, double>& calibrated, std::int64_t question_id, int authored) {
  auto it = calibrated.find(question_id);
  return it == calibrated.end() ? item_difficulty(authored) : it->second;
}

}  // namespace

std::vector<EvidenceInput> derive_session_evidence(store::Connection& c, std::int64_t session_id) {
  std::vector<EvidenceInput> out;
  auto s = c.query_one("SELECT s.worker_id, s.exam_id, e.work_type_id, e.title, s.submitted_at, x.paper FROM exam_sessions s "
                       "JOIN exams e ON e.id = s.exam_id JOIN exam_candidates x ON x.exam_id = s.exam_id AND x.worker_id = s.worker_id "
                       "WHERE s.id = ? AND s.status = 'submitted'",
                       {session_id});
  if (!s || s->is_null(5)) return out;
  const auto paper = read_paper(s->str(5));
  const auto calibrated = calibrations(c, paper);
  std::map<std::int64_t, double> awarded;  // item → marks, graded items only
  for (const auto& r : c.query("SELECT item_index, awarded FROM exam_answers WHERE session_id = ? AND grade_state = 'graded' AND awarded IS NOT NULL",
                               {session_id}))
    awarded[r.i64(0)] = r.f64(1);
  for (size_t i = 0; i < paper.items.size(); ++i) {
    const auto& item = paper.items[i];
    auto it = awarded.find(static_cast<std::int64_t>(i));
    if (it == awarded.end() || item.marks <= 0) continue;
    // The process-wide question cache (questions never change once saved): grading has just read them.
    const auto q = cached_question(c, item.question_id);
    out.push_back({s->i64(0), s->i64(2), dimension_of(*q), "item:" + std::to_string(i), std::clamp(it->second / item.marks, 0.0, 1.0), 1.0,
                   difficulty_of(calibrated, item.question_id, q->tags.difficulty), s->str(4), s->str(3) + " · 第" + std::to_string(i + 1) + "题 " + stem_excerpt(q->stem),
                   "exam:" + std::to_string(s->i64(1))});
  }
  return out;
}

void refresh_session_evidence(store::Connection& c, const Context& ctx, std::int64_t session_id) {
  replace_evidence(c, ctx, "exam_item", scope_of(session_id), derive_session_evidence(c, session_id));
}

std::vector<DerivedEvidence> derive_all_exam_evidence(store::Connection& c) {
  std::vector<DerivedEvidence> out;
  for (const auto& r : c.query("SELECT id FROM exam_sessions WHERE status = 'submitted' ORDER BY id"))
    out.push_back({scope_of(r.i64(0)), derive_session_evidence(c, r.i64(0))});
  return out;
}

std::vector<EvidenceInput> derive_attempt_evidence(store::Connection& c, std::int64_t attempt_id) {
  std::vector<EvidenceInput> out;
  auto a = c.query_one("SELECT a.worker_id, a.work_type_id, a.paper, a.result, a.submitted_at, COALESCE(l.name, '') FROM practice_attempts a "
                       "LEFT JOIN practice_levels l ON l.id = a.level_id WHERE a.id = ? AND a.submitted_at IS NOT NULL AND a.result IS NOT NULL",
                       {attempt_id});
  if (!a) return out;
  const auto paper = read_paper(a->str(2));
  const auto result = read_practice_result(a->str(3));
  const auto calibrated = calibrations(c, paper);
  std::map<std::string, const core::exam::PaperItem*> by_shown;
  for (const auto& item : paper.items) by_shown[item.shown_id] = &item;
  const std::string title = a->str(5).empty() ? std::string("网上练兵") : "网上练兵 · " + a->str(5);
  for (size_t i = 0; i < result.items.size(); ++i) {
    const auto& f = result.items[i];
    auto it = by_shown.find(f.question);
    if (it == by_shown.end() || f.marks <= 0) continue;
    const auto q = cached_question(c, it->second->question_id);
    out.push_back({a->i64(0), a->i64(1), dimension_of(*q), "item:" + std::to_string(i), std::clamp(f.awarded / f.marks, 0.0, 1.0),
                   kPracticeItemWeight, difficulty_of(calibrated, it->second->question_id, q->tags.difficulty), a->str(4), title + " · " + stem_excerpt(q->stem),
                   "practice:" + std::to_string(a->i64(1))});
  }
  return out;
}

void refresh_attempt_evidence(store::Connection& c, const Context& ctx, std::int64_t attempt_id) {
  replace_evidence(c, ctx, "practice_item", "attempt:" + std::to_string(attempt_id), derive_attempt_evidence(c, attempt_id));
}

std::vector<DerivedEvidence> derive_all_practice_evidence(store::Connection& c) {
  std::vector<DerivedEvidence> out;
  for (const auto& r : c.query("SELECT id FROM practice_attempts WHERE submitted_at IS NOT NULL AND result IS NOT NULL ORDER BY id"))
    out.push_back({"attempt:" + std::to_string(r.i64(0)), derive_attempt_evidence(c, r.i64(0))});
  return out;
}

}  // namespace skb::service
