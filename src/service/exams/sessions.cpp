#include "service/exams/sessions.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <tuple>
#include <memory>
#include <mutex>

#include "core/platform/calendar.hpp"
#include "core/platform/error.hpp"
#include "service/exams/codec.hpp"
#include "service/exams/evidence.hpp"
#include "service/exams/exams.hpp"
#include "service/exams/question_bank.hpp"

namespace skb::service {
namespace {

namespace json = boost::json;
using namespace core::exam;

constexpr const char* kSessionSelect =
    "SELECT id, exam_id, worker_id, status, started_at, deadline_at, deadline_epoch, submitted_at, auto_submitted, device_id, "
    "device_seen_epoch, score, max_score, pending_manual FROM exam_sessions";

struct SessionRow {
  std::int64_t id = 0, exam_id = 0, worker_id = 0;
  std::string status, started_at, deadline_at, submitted_at;
  std::int64_t deadline_epoch = 0;
  bool auto_submitted = false;
  std::string device_id;
  std::int64_t device_seen = 0;
  std::optional<double> score;
  double max_score = 0;
  int pending_manual = 0;
};

SessionRow session_from(const store::Row& r) {
  SessionRow s;
  s.id = r.i64(0);
  s.exam_id = r.i64(1);
  s.worker_id = r.i64(2);
  s.status = r.str(3);
  s.started_at = r.str(4);
  s.deadline_at = r.str(5);
  s.deadline_epoch = r.i64(6);
  s.submitted_at = r.str(7);
  s.auto_submitted = r.i64(8) != 0;
  s.device_id = r.str(9);
  s.device_seen = r.i64(10);
  if (!r.is_null(11)) s.score = r.f64(11);
  s.max_score = r.f64(12);
  s.pending_manual = static_cast<int>(r.i64(13));
  return s;
}

std::optional<SessionRow> find_session(store::Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string(kSessionSelect) + " WHERE id = ?", {id});
  return r ? std::optional(session_from(*r)) : std::nullopt;
}

SessionState state_of(const SessionRow& s, const Context& ctx) {
  SessionState v;
  v.id = s.id;
  v.exam_id = s.exam_id;
  v.status = s.status;
  v.started_at = s.started_at;
  v.deadline_at = s.deadline_at;
  v.submitted_at = s.submitted_at;
  v.remaining_seconds = s.status == "active" ? std::max<std::int64_t>(0, s.deadline_epoch - ctx.now_seconds()) : 0;
  v.server_time = ctx.now_rfc3339();
  v.auto_submitted = s.auto_submitted;
  v.score = s.score;
  v.max_score = s.max_score;
  v.pending_manual = s.pending_manual;
  return v;
}

std::int64_t worker_of(const Actor& actor) {
  if (!actor.worker_id) throw core::forbidden("只有登记为职工的账号可以参加考试 (only a worker's account can sit exams)");
  return *actor.worker_id;
}

// The session, which must be the actor's own.
SessionRow own_session(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto s = find_session(c, id);
  if (!s || s->worker_id != worker_of(actor)) throw core::not_found("exam session " + std::to_string(id));
  return *s;
}

void log_event(store::Connection& c, const Context& ctx, std::int64_t session_id, const std::string& kind, const std::string& ip,
               const std::string& detail, const std::string& at = {}) {
  c.execute("INSERT INTO exam_events(session_id, kind, at, ip, detail) VALUES (?, ?, ?, ?, ?)",
            {session_id, kind, at.empty() ? ctx.now_rfc3339() : at, ip, detail});
}

// A drawn paper never changes, so each is parsed once per process: autosaves need only its ids.
std::shared_ptr<const Paper> paper_of(store::Connection& c, std::int64_t exam_id, std::int64_t worker_id) {
  static std::mutex mutex;
  static std::map<std::tuple<std::uint64_t, std::int64_t, std::int64_t>, std::shared_ptr<const Paper>> cache;  // (database, exam, worker)
  const auto key = std::make_tuple(c.database_serial, exam_id, worker_id);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto r = c.query_one("SELECT paper FROM exam_candidates WHERE exam_id = ? AND worker_id = ?", {exam_id, worker_id});
  if (!r || r->is_null(0)) throw core::Error(core::ErrorKind::forbidden, "not_a_candidate", "您不是本场考试的考生 (you are not a candidate)");
  auto paper = std::make_shared<const Paper>(read_paper(r->str(0)));
  std::lock_guard lock(mutex);
  if (cache.size() > 100000) cache.clear();  // bounded; a miss only costs one parse
  return cache.emplace(key, std::move(paper)).first->second;
}

// Grades every item from the saved answers and marks the session submitted.
void grade_and_submit(store::Connection& c, const Context& ctx, const SessionRow& s, bool automatic) {
  const auto& paper = *paper_of(c, s.exam_id, s.worker_id);
  std::map<int, Response> saved;
  for (const auto& r : c.query("SELECT item_index, response FROM exam_answers WHERE session_id = ?", {s.id}))
    saved[static_cast<int>(r.i64(0))] = read_response_text(r.str(1));
  const auto now = ctx.now_rfc3339();
  double score = 0;
  int pending = 0;
  for (size_t i = 0; i < paper.items.size(); ++i) {
    const auto& item = paper.items[i];
    const auto q = cached_question(c, item.question_id);
    const auto it = saved.find(static_cast<int>(i));
    const Response response = it == saved.end() ? Response{} : it->second;
    Grade g;
    try {
      g = grade(*q, item, response);
    } catch (const core::Error&) {
      g = Grade{};  // a response the page could not have sent earns nothing
    }
    const char* state = g.state == GradeState::needs_manual ? "needs_manual" : "graded";
    pending += g.state == GradeState::needs_manual;
    score += g.awarded;
    if (it == saved.end())
      c.execute("INSERT INTO exam_answers(session_id, item_index, response, seq, saved_at, awarded, grade_state) VALUES (?, ?, ?, 0, ?, ?, ?)",
                {s.id, static_cast<std::int64_t>(i), skb::service::json_text(response_json(response)), now, g.awarded, std::string(state)});
    else
      c.execute("UPDATE exam_answers SET awarded = ?, grade_state = ? WHERE session_id = ? AND item_index = ?",
                {g.awarded, std::string(state), s.id, static_cast<std::int64_t>(i)});
  }
  c.execute("UPDATE exam_sessions SET status = 'submitted', submitted_at = ?, auto_submitted = ?, score = ?, pending_manual = ? WHERE id = ?",
            {now, std::int64_t{automatic ? 1 : 0}, score, std::int64_t{pending}, s.id});
  refresh_session_evidence(c, ctx, s.id);
}

// Writes answers newer than what is stored (by the page's seq); answers how many were stored.
int store_answers(store::Connection& c, const Context& ctx, const SessionRow& s, const std::vector<SavedAnswer>& answers) {
  if (answers.empty()) return 0;
  const auto& paper = *paper_of(c, s.exam_id, s.worker_id);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < paper.items.size(); ++i) index[paper.items[i].shown_id] = i;
  const auto now = ctx.now_rfc3339();
  int saved = 0;
  for (size_t k = 0; k < answers.size(); ++k) {
    const auto& a = answers[k];
    const auto it = index.find(a.question);
    if (it == index.end()) throw core::invalid("answers[" + std::to_string(k) + "].question", "试卷中没有这道题 (not a question of your paper)");
    const auto& item = paper.items[it->second];
    // Refuse what the page could not have sent (an option id of another question …) now, not at grading.
    grade(*cached_question(c, item.question_id), item, a.response);
    saved += static_cast<int>(c.execute(
        "INSERT INTO exam_answers(session_id, item_index, response, seq, saved_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(session_id, item_index) DO UPDATE SET response = excluded.response, seq = excluded.seq, saved_at = excluded.saved_at "
        "WHERE excluded.seq > exam_answers.seq",
        {s.id, static_cast<std::int64_t>(it->second), skb::service::json_text(response_json(a.response)), a.seq, now}));
  }
  return saved;
}

// The writer must hold the session: the device that started or took it over.
void check_holder(store::Connection& c, const Context& ctx, const SessionRow& s, const ClientInfo& client) {
  if (s.status == "submitted") throw core::conflict("already_submitted", "试卷已提交 (the paper has been submitted)");
  if (client.device_id != s.device_id)
    throw core::conflict("session_moved", "考试已在另一台设备上继续，本设备的作答未保存 (the exam continues on another device)");
  // Seen "recently" is all the one-device rule needs: refresh at most every 10 s, not on every save.
  if (ctx.now_seconds() - s.device_seen >= 10)
    c.execute("UPDATE exam_sessions SET device_seen_epoch = ? WHERE id = ?", {ctx.now_seconds(), s.id});
}

bool past_grace(const SessionRow& s, const Context& ctx) { return ctx.now_seconds() > s.deadline_epoch + kAnswerGraceSeconds; }

void require_device(const ClientInfo& client) {
  if (client.device_id.size() < 8 || client.device_id.size() > 100)
    throw core::invalid("device_id", "缺少设备标识 (device_id of 8–100 characters is required)");
}

}  // namespace

int finalise_expired(store::Connection& c, const Context& ctx, std::optional<std::int64_t> exam_id, int limit) {
  store::Params params{ctx.now_seconds() - kAnswerGraceSeconds};
  std::string sql = std::string(kSessionSelect) + " WHERE status = 'active' AND deadline_epoch < ?";
  if (exam_id) sql += " AND exam_id = ?", params.push_back(*exam_id);
  if (limit > 0) sql += " ORDER BY deadline_epoch LIMIT ?", params.push_back(std::int64_t{limit});
  int n = 0;
  for (const auto& r : c.query(sql, params)) {
    grade_and_submit(c, ctx, session_from(r), true);
    ++n;
  }
  return n;
}

std::vector<MyExam> ExamSessionService::my_exams(const Actor& actor) const {
  const auto worker = worker_of(actor);
  std::vector<MyExam> out;
  ctx_.db.write([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT s.id FROM exam_sessions s WHERE s.worker_id = ? AND s.status = 'active' AND s.deadline_epoch < ?",
                                 {worker, ctx_.now_seconds() - kAnswerGraceSeconds}))
      grade_and_submit(c, ctx_, *find_session(c, r.i64(0)), true);
    const auto now = ctx_.now_seconds();
    for (const auto& r : c.query(
             "SELECT e.id, e.title, w.name, e.opens_at, e.closes_at, e.duration_seconds, e.total_marks, s.id, s.status, s.score, s.max_score, "
             "s.pending_manual FROM exam_candidates x JOIN exams e ON e.id = x.exam_id JOIN work_types w ON w.id = e.work_type_id "
             "LEFT JOIN exam_sessions s ON s.exam_id = e.id AND s.worker_id = x.worker_id "
             "WHERE x.worker_id = ? AND e.status = 'published' ORDER BY e.opens_at DESC",
             {worker})) {
      MyExam m;
      m.id = r.i64(0);
      m.title = r.str(1);
      m.work_type_name = r.str(2);
      m.opens_at = r.str(3);
      m.closes_at = r.str(4);
      m.duration_minutes = static_cast<int>(r.i64(5) / 60);
      m.total_marks = r.f64(6);
      m.session_id = r.opt_i64(7);
      const auto opens = core::parse_rfc3339_seconds(m.opens_at).value_or(0), closes = core::parse_rfc3339_seconds(m.closes_at).value_or(0);
      if (m.session_id) {
        m.state = r.str(8) == "submitted" ? "submitted" : "in_progress";
        if (!r.is_null(9)) m.score = r.f64(9);
        m.max_score = r.f64(10);
        m.pending_manual = static_cast<int>(r.i64(11));
      } else {
        m.state = now < opens ? "upcoming" : now < closes ? "open" : "missed";
      }
      out.push_back(std::move(m));
    }
  });
  return out;
}

StartedExam ExamSessionService::start(const Actor& actor, std::int64_t exam_id, const ClientInfo& client) {
  require_device(client);
  const auto worker = worker_of(actor);
  StartedExam out;
  std::shared_ptr<const Paper> paper_ptr;
  std::map<int, SavedAnswer> saved;
  ctx_.db.write([&](store::Connection& c) {
    const auto exam = load_exam(c, exam_id, false);
    paper_ptr = paper_of(c, exam_id, worker);
    const auto& paper = *paper_ptr;
    const auto now = ctx_.now_seconds();
    auto existing = c.query_one(std::string(kSessionSelect) + " WHERE exam_id = ? AND worker_id = ?", {exam_id, worker});
    SessionRow s;
    if (existing) {
      s = session_from(*existing);
      if (s.status == "active" && past_grace(s, ctx_)) {
        grade_and_submit(c, ctx_, s, true);
        s = *find_session(c, s.id);
      }
      if (s.status == "submitted") throw core::conflict("already_submitted", "您已交卷 (you have submitted this exam)");
      if (s.device_id != client.device_id) {
        if (now - s.device_seen < kDeviceHoldSeconds)
          throw core::conflict("session_in_use", "该考试正在另一台设备上进行；请在原设备继续，或关闭原设备45秒后再试 "
                                                 "(the exam is open on another device; continue there, or close it and retry after 45 seconds)");
        log_event(c, ctx_, s.id, "device_change", client.ip, client.user_agent);
      } else {
        log_event(c, ctx_, s.id, "resume", client.ip, "");
      }
      c.execute("UPDATE exam_sessions SET device_id = ?, device_seen_epoch = ?, ip = ?, user_agent = ? WHERE id = ?",
                {client.device_id, now, client.ip, client.user_agent, s.id});
    } else {
      const auto opens = core::parse_rfc3339_seconds(exam.opens_at).value_or(0), closes = core::parse_rfc3339_seconds(exam.closes_at).value_or(0);
      if (now < opens) throw core::conflict("exam_not_open", "考试尚未开始，开考时间 " + exam.opens_at + " (the exam has not opened yet)");
      if (now >= closes) throw core::conflict("exam_not_open", "考试已结束 (the exam is over)");
      const auto deadline = std::min(now + std::int64_t{exam.duration_minutes} * 60, closes);
      const auto deadline_at = format_rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(deadline)));
      const auto id = c.insert_returning_id(
          "INSERT INTO exam_sessions(exam_id, worker_id, status, started_at, deadline_at, deadline_epoch, device_id, device_seen_epoch, ip, "
          "user_agent, max_score) VALUES (?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {exam_id, worker, ctx_.now_rfc3339(), deadline_at, deadline, client.device_id, now, client.ip, client.user_agent, paper.total_marks});
      log_event(c, ctx_, id, "start", client.ip, client.user_agent);
    }
    s = session_from(*c.query_one(std::string(kSessionSelect) + " WHERE exam_id = ? AND worker_id = ?", {exam_id, worker}));
    out.session = state_of(s, ctx_);
    out.title = exam.title;
    out.duration_minutes = exam.duration_minutes;
    out.total_marks = paper.total_marks;
    for (const auto& r : c.query("SELECT item_index, response, seq FROM exam_answers WHERE session_id = ?", {s.id})) {
      const auto i = static_cast<size_t>(r.i64(0));
      if (i < paper.items.size()) saved[static_cast<int>(i)] = {paper.items[i].shown_id, read_response_text(r.str(1)), r.i64(2)};
    }
    for (const auto& item : paper.items) out.questions.push_back(shown_question(*cached_question(c, item.question_id), item));
  });
  for (auto& [i, a] : saved) out.answers.push_back(std::move(a));
  return out;
}

SaveOutcome ExamSessionService::save_answers(const Actor& actor, std::int64_t session_id, const ClientInfo& client,
                                             const std::vector<SavedAnswer>& answers) {
  require_device(client);
  if (answers.size() > 300) throw core::invalid("answers", "一次最多保存300题 (at most 300 answers at once)");
  SaveOutcome out;
  bool time_up = false;
  ctx_.db.write([&](store::Connection& c) {
    const auto s = own_session(c, actor, session_id);
    if (s.status == "active" && past_grace(s, ctx_)) {
      grade_and_submit(c, ctx_, s, true);
      time_up = true;
      return;
    }
    check_holder(c, ctx_, s, client);
    out.saved = store_answers(c, ctx_, s, answers);
    out.saved_at = ctx_.now_rfc3339();
    out.remaining_seconds = std::max<std::int64_t>(0, s.deadline_epoch - ctx_.now_seconds());
  });
  if (time_up) throw core::conflict("time_up", "考试时间已到，试卷已自动提交 (time is up; the paper was submitted)");
  return out;
}

int ExamSessionService::record_events(const Actor& actor, std::int64_t session_id, const ClientInfo& client,
                                      const std::vector<ClientEvent>& events) {
  static const std::vector<std::string> kKinds{"blur", "focus", "hidden", "visible", "copy", "paste", "fullscreen_exit"};
  if (events.size() > 100) throw core::invalid("events", "一次最多100条 (at most 100 events at once)");
  for (size_t k = 0; k < events.size(); ++k)
    if (std::find(kKinds.begin(), kKinds.end(), events[k].kind) == kKinds.end())
      throw core::invalid("events[" + std::to_string(k) + "].kind", "未知的事件类型 (unknown event kind)");
  ctx_.db.write([&](store::Connection& c) {
    const auto s = own_session(c, actor, session_id);
    for (const auto& e : events) {
      // The page's clock only annotates; the server's time orders the log.
      const auto at = core::parse_rfc3339_seconds(e.at) ? e.at : std::string();
      log_event(c, ctx_, s.id, e.kind, client.ip, at.empty() ? "" : "client_at=" + at);
    }
  });
  return static_cast<int>(events.size());
}

SessionState ExamSessionService::submit(const Actor& actor, std::int64_t session_id, const ClientInfo& client,
                                        const std::vector<SavedAnswer>& answers) {
  require_device(client);
  SessionState out;
  ctx_.db.write([&](store::Connection& c) {
    auto s = own_session(c, actor, session_id);
    if (s.status == "active") {
      if (past_grace(s, ctx_)) {
        grade_and_submit(c, ctx_, s, true);
      } else {
        check_holder(c, ctx_, s, client);
        store_answers(c, ctx_, s, answers);
        grade_and_submit(c, ctx_, s, false);
        log_event(c, ctx_, s.id, "submit", client.ip, "");
      }
      s = *find_session(c, session_id);
    }
    out = state_of(s, ctx_);
  });
  return out;
}

SessionState ExamSessionService::get(const Actor& actor, std::int64_t session_id) const {
  SessionState out;
  ctx_.db.write([&](store::Connection& c) {
    auto s = own_session(c, actor, session_id);
    if (s.status == "active" && past_grace(s, ctx_)) {
      grade_and_submit(c, ctx_, s, true);
      s = *find_session(c, session_id);
    }
    out = state_of(s, ctx_);
  });
  return out;
}

int ExamSessionService::submit_expired() {
  // In batches, so a shared deadline never holds the single writer (and the judges' marks) for long.
  constexpr int kBatch = 100;
  int total = 0, n = 0;
  do {
    ctx_.db.write([&](store::Connection& c) { n = finalise_expired(c, ctx_, std::nullopt, kBatch); });
    total += n;
  } while (n == kBatch);
  return total;
}

}  // namespace skb::service
