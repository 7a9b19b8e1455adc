#include "service/exams/exams.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <set>

#include "core/people/org.hpp"
#include "core/platform/calendar.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/exams/codec.hpp"
#include "service/exams/question_bank.hpp"
#include "service/exams/sessions.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {

namespace json = boost::json;
using core::Permission;
using namespace core::exam;

constexpr const char* kSelectBare =
    "SELECT e.id, e.title, e.org_id, e.org_path, e.work_type_id, w.name, e.paper_mode, e.paper, e.opens_at, e.closes_at, "
    "e.duration_seconds, e.pass_percent, e.status, e.total_marks, e.created_at, 0, 0, 0, 0 "
    "FROM exams e JOIN work_types w ON w.id = e.work_type_id";
constexpr const char* kSelect =
    "SELECT e.id, e.title, e.org_id, e.org_path, e.work_type_id, w.name, e.paper_mode, e.paper, e.opens_at, e.closes_at, "
    "e.duration_seconds, e.pass_percent, e.status, e.total_marks, e.created_at, "
    "(SELECT COUNT(*) FROM exam_candidates x WHERE x.exam_id = e.id), "
    "(SELECT COUNT(*) FROM exam_sessions s WHERE s.exam_id = e.id), "
    "(SELECT COUNT(*) FROM exam_sessions s WHERE s.exam_id = e.id AND s.status = 'submitted'), "
    "(SELECT COALESCE(SUM(s.pending_manual), 0) FROM exam_sessions s WHERE s.exam_id = e.id) "
    "FROM exams e JOIN work_types w ON w.id = e.work_type_id";

std::string blueprint_json(const ExamInput& in) {
  json::object o;
  if (in.paper_mode == "fixed") {
    json::array ids;
    for (auto id : in.question_ids) ids.push_back(id);
    o["question_ids"] = std::move(ids);
  } else {
    json::array rows;
    for (const auto& r : in.rows) {
      json::object row{{"type", to_code(r.type)}, {"count", r.count}, {"min_difficulty", r.min_difficulty},
                       {"max_difficulty", r.max_difficulty}, {"marks_each", r.marks_each}};
      row["dimension_id"] = r.dimension_id ? json::value(*r.dimension_id) : json::value(nullptr);
      rows.push_back(std::move(row));
    }
    o["rows"] = std::move(rows);
  }
  return skb::service::json_text(o);
}

void read_blueprint(const std::string& text, ExamView& v) {
  const auto o = json::parse(text).as_object();
  if (const auto* ids = o.if_contains("question_ids"))
    for (const auto& id : ids->as_array()) v.question_ids.push_back(id.to_number<std::int64_t>());
  if (const auto* rows = o.if_contains("rows"))
    for (const auto& x : rows->as_array()) {
      const auto& r = x.as_object();
      BlueprintRow row;
      row.type = parse_question_type(std::string(r.at("type").as_string())).value_or(QuestionType::single_choice);
      row.count = static_cast<int>(r.at("count").to_number<std::int64_t>());
      if (!r.at("dimension_id").is_null()) row.dimension_id = r.at("dimension_id").to_number<std::int64_t>();
      row.min_difficulty = static_cast<int>(r.at("min_difficulty").to_number<std::int64_t>());
      row.max_difficulty = static_cast<int>(r.at("max_difficulty").to_number<std::int64_t>());
      row.marks_each = r.at("marks_each").to_number<double>();
      v.rows.push_back(row);
    }
}

ExamView view_from(const store::Row& r, std::int64_t now) {
  ExamView v;
  v.id = r.i64(0);
  v.title = r.str(1);
  v.org_id = r.i64(2);
  v.org_path = r.str(3);
  v.work_type_id = r.i64(4);
  v.work_type_name = r.str(5);
  v.paper_mode = r.str(6);
  read_blueprint(r.str(7), v);
  v.opens_at = r.str(8);
  v.closes_at = r.str(9);
  v.duration_minutes = static_cast<int>(r.i64(10) / 60);
  v.pass_percent = r.f64(11);
  v.status = r.str(12);
  if (v.status == "published" && core::parse_rfc3339_seconds(v.closes_at).value_or(0) < now) v.status = "closed";
  v.total_marks = r.f64(13);
  v.created_at = r.str(14);
  v.candidates = static_cast<int>(r.i64(15));
  v.started = static_cast<int>(r.i64(16));
  v.submitted = static_cast<int>(r.i64(17));
  v.pending_manual = static_cast<int>(r.i64(18));
  return v;
}

// Times are kept as UTC RFC 3339 text, so they compare and sort as text.
std::string utc(const std::string& text) {
  return format_rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(core::parse_rfc3339_seconds(text).value_or(0))));
}

std::int64_t require_time(const std::string& text, const char* field) {
  auto t = core::parse_rfc3339_seconds(text);
  if (!t) throw core::invalid(field, "时间格式应为 RFC 3339，如 2026-11-25T09:00:00+08:00 (an RFC 3339 time)");
  return *t;
}

// Everything a draft exam must satisfy before it is saved; the bank itself is checked at publication.
void validate_input(store::Connection& c, const ExamInput& in, const std::string& path) {
  const auto title = core::trim(in.title);
  if (title.empty() || core::utf8_length(title) > 100) throw core::invalid("title", "请填写考试名称（最多100字） (a title of 1–100 characters)");
  if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {in.work_type_id})) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
  const auto opens = require_time(in.opens_at, "opens_at"), closes = require_time(in.closes_at, "closes_at");
  if (closes <= opens) throw core::invalid("closes_at", "结束时间应晚于开始时间 (closes_at must follow opens_at)");
  if (in.duration_minutes < 1 || in.duration_minutes > 600) throw core::invalid("duration_minutes", "考试时长应为1–600分钟 (1–600 minutes)");
  if (!(in.pass_percent > 0 && in.pass_percent <= 100)) throw core::invalid("pass_percent", "及格线应在0–100之间 (0 < pass_percent ≤ 100)");
  if (in.paper_mode == "fixed") {
    if (in.question_ids.empty() || in.question_ids.size() > 300) throw core::invalid("paper.question_ids", "固定试卷需1–300道题 (1–300 questions)");
    if (std::set<std::int64_t>(in.question_ids.begin(), in.question_ids.end()).size() != in.question_ids.size())
      throw core::invalid("paper.question_ids", "试题重复 (a question is listed twice)");
    for (auto id : in.question_ids) {
      auto q = c.query_one("SELECT org_path FROM questions WHERE id = ? AND work_type_id = ? AND active = 1", {id, in.work_type_id});
      if (!q || !bank_serves(q->str(0), path))
        throw core::invalid("paper.question_ids", "试题 #" + std::to_string(id) + " 不在本单位可用的该工种题库中 (not an active question of the work type in this organisation's bank)");
    }
  } else if (in.paper_mode == "blueprint") {
    check_blueprint(in.rows);
  } else {
    throw core::invalid("paper.mode", "组卷方式应为 blueprint 或 fixed (mode must be blueprint or fixed)");
  }
}


ExamView load_for(store::Connection& c, const Actor& actor, std::int64_t id) { return exam_for(c, actor, id, Permission::manage_exams); }

// Draws and stores the paper of every candidate still without one; answers the paper total.
double draw_papers(store::Connection& c, const ExamView& exam, const std::string& seed) {
  std::vector<std::int64_t> workers;
  for (const auto& r : c.query("SELECT worker_id FROM exam_candidates WHERE exam_id = ? AND paper IS NULL", {exam.id}))
    workers.push_back(r.i64(0));
  std::optional<PaperDrawer> drawer;
  std::vector<Question> fixed;
  if (exam.paper_mode == "fixed") {
    for (auto id : exam.question_ids) fixed.push_back(*cached_question(c, id));
  } else {
    drawer.emplace(bank_for(c, exam.work_type_id, exam.org_path), exam.rows);
  }
  double total = 0;
  for (auto worker : workers) {
    const auto candidate = std::to_string(worker);
    const auto paper = drawer ? drawer->draw(seed, candidate) : fixed_paper(fixed, seed, candidate);
    total = paper.total_marks;
    c.execute("UPDATE exam_candidates SET paper = ? WHERE exam_id = ? AND worker_id = ?", {paper_json(paper), exam.id, worker});
  }
  return total;
}

}  // namespace

// The steps of setting an exam up, for ExamService (after its permission checks) and for another domain's
// use case that checked its own (a post assessment), inside the caller's transaction.
std::int64_t insert_draft(store::Connection& c, const Context& ctx, const std::string& by, const ExamInput& in, const std::string& path) {
  validate_input(c, in, path);
  const auto org = c.query_one("SELECT id FROM orgs WHERE path = ?", {path})->i64(0);
  const auto id = c.insert_returning_id(
      "INSERT INTO exams(org_id, org_path, work_type_id, title, paper_mode, paper, opens_at, closes_at, duration_seconds, pass_percent, "
      "seed, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
      {org, path, in.work_type_id, std::string(core::trim(in.title)), in.paper_mode, blueprint_json(in), utc(in.opens_at), utc(in.closes_at),
       std::int64_t{in.duration_minutes} * 60, in.pass_percent, random_hex(16), by, ctx.now_rfc3339()});
  append_audit(c, ctx, {by, "exam.create", "exam", std::to_string(id), ""});
  return id;
}

int insert_candidates(store::Connection& c, const Context& ctx, const std::string& by, const ExamView& exam, const std::vector<std::int64_t>& worker_ids) {
  if (worker_ids.empty() || worker_ids.size() > 20000) throw core::invalid("worker_ids", "请选择1–20000名考生 (1–20,000 workers)");
  if (exam.status == "closed") throw core::conflict("exam_closed", "考试已结束 (the exam is over)");
  int added = 0;
  for (auto w : worker_ids) {
    auto row = c.query_one("SELECT org_path FROM workers WHERE id = ?", {w});
    if (!row) throw core::invalid("worker_ids", "职工 #" + std::to_string(w) + " 不存在 (unknown worker)");
    if (!core::in_subtree(row->str(0), exam.org_path))
      throw core::invalid("worker_ids", "职工 #" + std::to_string(w) + " 不在本考试的组织范围内 (outside the exam's organisation)");
    added += static_cast<int>(c.execute("INSERT INTO exam_candidates(exam_id, worker_id) VALUES (?, ?) ON CONFLICT DO NOTHING", {exam.id, w}));
  }
  // Late candidates of a published exam get their paper now, still before they can start.
  if (exam.status == "published") draw_papers(c, exam, c.query_one("SELECT seed FROM exams WHERE id = ?", {exam.id})->str(0));
  append_audit(c, ctx, {by, "exam.candidates", "exam", std::to_string(exam.id), skb::service::json_text(json::object{{"added", added}})});
  return added;
}

void publish_draft(store::Connection& c, const Context& ctx, const std::string& by, const ExamView& exam) {
  if (exam.status != "draft") throw core::conflict("exam_published", "考试已发布 (already published)");
  if (exam.candidates == 0) throw core::conflict("no_candidates", "请先添加考生 (add candidates first)");
  const auto seed = c.query_one("SELECT seed FROM exams WHERE id = ?", {exam.id})->str(0);
  const double total = draw_papers(c, exam, seed);
  c.execute("UPDATE exams SET status = 'published', total_marks = ?, published_at = ? WHERE id = ?", {total, ctx.now_rfc3339(), exam.id});
  append_audit(c, ctx, {by, "exam.publish", "exam", std::to_string(exam.id),
                        skb::service::json_text(json::object{{"candidates", exam.candidates}, {"total_marks", total}})});
}

std::int64_t create_published_exam(store::Connection& c, const Context& ctx, const std::string& by, const ExamInput& in, const std::string& org_path,
                                   const std::vector<std::int64_t>& worker_ids) {
  const auto id = insert_draft(c, ctx, by, in, org_path);
  insert_candidates(c, ctx, by, load_exam(c, id), worker_ids);
  publish_draft(c, ctx, by, load_exam(c, id));
  return id;
}

void check_blueprint(const std::vector<BlueprintRow>& rows) {
  auto problems = validate_blueprint(rows);
  if (problems.empty()) return;
  core::Error e(core::ErrorKind::invalid, "invalid_blueprint", "组卷规则有误 (the blueprint has problems)", "paper.rows");
  e.problems = std::move(problems);
  throw e;
}

ExamView exam_for(store::Connection& c, const Actor& actor, std::int64_t id, core::Permission p) {
  auto exam = load_exam(c, id);
  require(actor, p, exam.org_path);
  return exam;
}

ExamView load_exam(store::Connection& c, std::int64_t id, bool with_counts) {
  auto r = c.query_one(std::string(with_counts ? kSelect : kSelectBare) + " WHERE e.id = ?", {id});
  if (!r) throw core::not_found("exam " + std::to_string(id));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return view_from(*r, now);
}

std::vector<ExamView> ExamService::list(const Actor& actor) const {
  // Organisers manage exams; graders (judges) need to find the ones whose short answers they mark.
  auto scope = actor.scope(Permission::manage_exams);
  for (const auto& path : actor.scope(Permission::grade_exams)) scope.push_back(path);
  if (scope.empty()) throw core::forbidden();
  std::vector<ExamView> out;
  ctx_.db.read([&](store::Connection& c) {
    store::Params params;
    const auto where = " WHERE " + subtree_condition("e.org_path", scope, params);
    for (const auto& r : c.query(std::string(kSelect) + where + " ORDER BY e.opens_at DESC, e.id DESC LIMIT 500", params))
      out.push_back(view_from(r, ctx_.now_seconds()));
  });
  return out;
}

ExamView ExamService::get(const Actor& actor, std::int64_t id) const {
  ExamView v;
  ctx_.db.read([&](store::Connection& c) {
    v = load_exam(c, id);
    if (!actor.can(Permission::grade_exams, v.org_path)) require(actor, Permission::manage_exams, v.org_path);
  });
  return v;
}

ExamView ExamService::create(const Actor& actor, const ExamInput& in) {
  std::int64_t id = 0;
  ctx_.db.write([&](store::Connection& c) { id = insert_draft(c, ctx_, actor.username, in, exam_owner_path(c, actor, in.org_id)); });
  return get(actor, id);
}

ExamView ExamService::update(const Actor& actor, std::int64_t id, const ExamInput& in) {
  ctx_.db.write([&](store::Connection& c) {
    const auto old = load_for(c, actor, id);
    if (old.status != "draft") throw core::conflict("exam_published", "考试已发布，不能修改 (a published exam cannot be changed)");
    validate_input(c, in, old.org_path);
    c.execute("UPDATE exams SET title = ?, work_type_id = ?, paper_mode = ?, paper = ?, opens_at = ?, closes_at = ?, duration_seconds = ?, "
              "pass_percent = ? WHERE id = ?",
              {std::string(core::trim(in.title)), in.work_type_id, in.paper_mode, blueprint_json(in), utc(in.opens_at), utc(in.closes_at),
               std::int64_t{in.duration_minutes} * 60, in.pass_percent, id});
    append_audit(c, ctx_, {actor.username, "exam.update", "exam", std::to_string(id), ""});
  });
  return get(actor, id);
}

int ExamService::add_candidates(const Actor& actor, std::int64_t id, const std::vector<std::int64_t>& worker_ids) {
  int added = 0;
  ctx_.db.write([&](store::Connection& c) { added = insert_candidates(c, ctx_, actor.username, load_for(c, actor, id), worker_ids); });
  return added;
}

ExamView ExamService::publish(const Actor& actor, std::int64_t id) {
  ctx_.db.write([&](store::Connection& c) { publish_draft(c, ctx_, actor.username, load_for(c, actor, id)); });
  return get(actor, id);
}

std::vector<CandidateSession> ExamService::sessions(const Actor& actor, std::int64_t id) const {
  std::vector<CandidateSession> out;
  ctx_.db.write([&](store::Connection& c) {
    load_for(c, actor, id);
    finalise_expired(c, ctx_, id);
    for (const auto& r : c.query(
             "SELECT x.worker_id, w.name, o.name, s.id, s.status, s.started_at, s.submitted_at, s.auto_submitted, s.score, s.max_score, "
             "s.pending_manual, (SELECT COUNT(*) FROM exam_events v WHERE v.session_id = s.id), s.ip, s.user_agent "
             "FROM exam_candidates x JOIN workers w ON w.id = x.worker_id JOIN orgs o ON o.id = w.org_id "
             "LEFT JOIN exam_sessions s ON s.exam_id = x.exam_id AND s.worker_id = x.worker_id WHERE x.exam_id = ? ORDER BY o.name, w.name",
             {id})) {
      CandidateSession s;
      s.worker_id = r.i64(0);
      s.worker_name = r.str(1);
      s.org_name = r.str(2);
      s.session_id = r.opt_i64(3);
      s.status = s.session_id ? r.str(4) : "not_started";
      s.started_at = r.str(5);
      s.submitted_at = r.str(6);
      s.auto_submitted = !r.is_null(7) && r.i64(7) != 0;
      if (!r.is_null(8)) s.score = r.f64(8);
      s.max_score = r.is_null(9) ? 0 : r.f64(9);
      s.pending_manual = r.is_null(10) ? 0 : static_cast<int>(r.i64(10));
      s.integrity_events = static_cast<int>(r.i64(11));
      s.ip = r.str(12);
      s.user_agent = r.str(13);
      out.push_back(std::move(s));
    }
  });
  return out;
}

std::vector<IntegrityEvent> ExamService::integrity_log(const Actor& actor, std::int64_t session_id) const {
  std::vector<IntegrityEvent> out;
  ctx_.db.read([&](store::Connection& c) {
    auto s = c.query_one("SELECT exam_id FROM exam_sessions WHERE id = ?", {session_id});
    if (!s) throw core::not_found("exam session " + std::to_string(session_id));
    load_for(c, actor, s->i64(0));
    for (const auto& r : c.query("SELECT kind, at, ip, detail FROM exam_events WHERE session_id = ? ORDER BY id", {session_id}))
      out.push_back({r.str(0), r.str(1), r.str(2), r.str(3)});
  });
  return out;
}

}  // namespace skb::service
