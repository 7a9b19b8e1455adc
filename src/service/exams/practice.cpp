#include "service/exams/practice.hpp"
#include "service/platform/json_text.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>

#include "core/exams/keyed_hash.hpp"
#include "core/exams/practice_levels.hpp"
#include "core/exams/wrong_book.hpp"
#include "core/people/org.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/exams/codec.hpp"
#include "service/exams/evidence.hpp"
#include "service/exams/practice_boards.hpp"
#include "service/exams/question_bank.hpp"
#include "service/people/orgs.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {

namespace json = boost::json;
using core::Permission;
using namespace core::exam;

constexpr int kWrongBookAttemptSize = 10;

// Computed, never read back from stored JSON, so a repeated submit answers exactly the same number.
double percent_of(double score, double max_score) { return max_score > 0 ? std::round(score * 10000 / max_score) / 100 : 0; }

constexpr const char* kLevelSelect =
    "SELECT id, work_type_id, name, position, question_count, pass_percent, min_difficulty, max_difficulty, org_path FROM practice_levels";

LevelView level_from(const store::Row& r) {
  LevelView v;
  v.id = r.i64(0);
  v.work_type_id = r.i64(1);
  v.name = r.str(2);
  v.position = static_cast<int>(r.i64(3));
  v.question_count = static_cast<int>(r.i64(4));
  v.pass_percent = r.f64(5);
  v.min_difficulty = static_cast<int>(r.i64(6));
  v.max_difficulty = static_cast<int>(r.i64(7));
  return v;
}

struct WorkerRef {
  std::int64_t id = 0;
  std::string org_path;
  // The levels a worker plays: their organisation's and its ancestors'.
  std::function<bool(const std::string&)> sees() const {
    return [path = org_path](const std::string& level) { return core::in_subtree(path, level); };
  }
};

WorkerRef worker_of(store::Connection& c, const Actor& actor) {
  if (!actor.worker_id) throw core::forbidden("只有登记为职工的账号可以练习 (only a worker's account can practise)");
  auto r = c.query_one("SELECT org_path FROM workers WHERE id = ?", {*actor.worker_id});
  if (!r) throw core::forbidden();
  return {*actor.worker_id, r->str(0)};
}

// The levels with this worker's progress (none: levels only, as organisers see them). `visible` says
// which organisations' levels count: a worker's are those of their organisation and its ancestors.
LevelMap level_map(store::Connection& c, std::int64_t work_type_id, std::optional<std::int64_t> worker,
                   const std::function<bool(const std::string& level_path)>& visible) {
  LevelMap m;
  m.work_type_id = work_type_id;
  for (const auto& r : c.query(std::string(kLevelSelect) + " WHERE work_type_id = ? ORDER BY position, id", {work_type_id}))
    if (visible(r.str(8))) m.levels.push_back(level_from(r));
  if (!worker) return m;
  std::map<std::int64_t, double> best;
  for (const auto& r : c.query("SELECT level_id, MAX(score * 100.0 / max_score) FROM practice_attempts WHERE worker_id = ? AND work_type_id = ? "
                               "AND level_id IS NOT NULL AND submitted_at IS NOT NULL AND max_score > 0 GROUP BY level_id",
                               {*worker, work_type_id}))
    best[r.i64(0)] = r.f64(1);
  std::vector<PracticeLevel> levels;
  for (const auto& l : m.levels) levels.push_back({l.id, l.pass_percent});
  const auto progress = level_progress(levels, best);
  for (size_t i = 0; i < progress.size(); ++i) {
    m.levels[i].best_percent = progress[i].best_percent;
    m.levels[i].passed = progress[i].passed;
    m.levels[i].unlocked = progress[i].unlocked;
  }
  m.next_level_id = next_level(progress);
  return m;
}

void validate_level(store::Connection& c, const LevelInput& in) {
  if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {in.work_type_id})) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
  const auto name = core::trim(in.name);
  if (name.empty() || core::utf8_length(name) > 40) throw core::invalid("name", "请填写关卡名称（最多40字） (a name of 1–40 characters)");
  if (in.question_count < 1 || in.question_count > 100) throw core::invalid("question_count", "每关1–100题 (1–100 questions)");
  if (!(in.pass_percent > 0 && in.pass_percent <= 100)) throw core::invalid("pass_percent", "过关线应在0–100之间 (0 < pass_percent ≤ 100)");
  if (in.min_difficulty < 1 || in.max_difficulty > 5 || in.min_difficulty > in.max_difficulty)
    throw core::invalid("min_difficulty", "难度范围应在1–5之间 (difficulty range within 1–5)");
}

std::string china_day(const Context& ctx) {
  return format_rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(ctx.now_seconds() + 8 * 3600))).substr(0, 10);
}

// Practice shows answer keys, so it is for the worker's own work types and paused while they sit an
// exam of that work type.
void require_may_practise(store::Connection& c, const WorkerRef& worker, std::int64_t work_type_id) {
  if (!c.query_one("SELECT 1 FROM worker_work_types WHERE worker_id = ? AND work_type_id = ?", {worker.id, work_type_id}))
    throw core::forbidden("只能练习本人登记的工种 (practice is for your own work types)");
  if (c.query_one("SELECT 1 FROM exam_sessions s JOIN exams e ON e.id = s.exam_id WHERE s.worker_id = ? AND s.status = 'active' "
                  "AND e.work_type_id = ? LIMIT 1",
                  {worker.id, work_type_id}))
    throw core::conflict("exam_in_progress", "考试进行中，练习暂停 (practice pauses while you sit an exam of this work type)");
}

// Draws `count` auto-gradable questions (short answers need a person) and stores the attempt.
PracticeAttempt store_attempt(store::Connection& c, const Context& ctx, const WorkerRef& worker, std::int64_t work_type_id,
                              std::optional<LevelView> level, std::vector<Question> pool, int count) {
  pool.erase(std::remove_if(pool.begin(), pool.end(), [](const Question& q) { return q.type == QuestionType::short_answer; }), pool.end());
  if (pool.empty()) throw core::conflict("bank_empty", "题库中还没有可练习的试题 (no questions to practise yet)");
  const auto seed = random_hex(16);
  const ExamKey key(seed);
  const auto candidate = std::to_string(worker.id);
  std::sort(pool.begin(), pool.end(), [&](const Question& a, const Question& b) {
    return key.hash("practice", candidate, a.id, 0) < key.hash("practice", candidate, b.id, 0);
  });
  if (static_cast<int>(pool.size()) > count) pool.resize(static_cast<size_t>(count));
  const auto paper = fixed_paper(pool, seed, candidate);
  PracticeAttempt out;
  store::Value level_id = nullptr;
  if (level) level_id = level->id;
  out.attempt_id = c.insert_returning_id(
      "INSERT INTO practice_attempts(worker_id, work_type_id, level_id, paper, seed, started_at, max_score) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {worker.id, work_type_id, level_id, paper_json(paper), seed, ctx.now_rfc3339(), paper.total_marks});
  out.level = std::move(level);
  for (const auto& item : paper.items) out.questions.push_back(shown_question(*cached_question(c, item.question_id), item));
  return out;
}

// Numbers of a stored result as shortest round-trip text (fmt), so a repeated submit answers the very
// same doubles: Boost.JSON's serializer does not always round-trip them.
std::string exact(double v) { return fmt::format("{}", v); }
double from_exact(const json::value& v) { return v.is_string() ? std::strtod(v.as_string().c_str(), nullptr) : v.to_number<double>(); }

json::object result_json(const PracticeResult& r) {
  json::array items;
  for (const auto& i : r.items) {
    json::array correct, accepted;
    for (const auto& id : i.correct_option_ids) correct.emplace_back(id);
    for (const auto& blank : i.accepted_answers) {
      json::array a;
      for (const auto& s : blank) a.emplace_back(s);
      accepted.push_back(std::move(a));
    }
    items.push_back(json::object{{"question", i.question}, {"correct", i.correct}, {"awarded", exact(i.awarded)}, {"marks", exact(i.marks)},
                                 {"correct_option_ids", std::move(correct)}, {"accepted_answers", std::move(accepted)},
                                 {"rubric", i.rubric}, {"explanation", i.explanation}});
  }
  json::object o{{"score", exact(r.score)}, {"max_score", exact(r.max_score)}, {"percent", r.percent}, {"passed", r.passed}, {"points", r.points},
                 {"items", std::move(items)}};
  o["next_level_id"] = r.next_level_id ? json::value(*r.next_level_id) : json::value(nullptr);
  return o;
}

PracticeResult read_result(const std::string& text) {
  const auto o = json::parse(text).as_object();
  PracticeResult r;
  r.score = from_exact(o.at("score"));
  r.max_score = from_exact(o.at("max_score"));
  r.percent = percent_of(r.score, r.max_score);
  r.passed = o.at("passed").as_bool();
  r.points = static_cast<int>(o.at("points").to_number<std::int64_t>());
  if (!o.at("next_level_id").is_null()) r.next_level_id = o.at("next_level_id").to_number<std::int64_t>();
  for (const auto& x : o.at("items").as_array()) {
    const auto& i = x.as_object();
    ItemFeedback f;
    f.question = std::string(i.at("question").as_string());
    f.correct = i.at("correct").as_bool();
    f.awarded = from_exact(i.at("awarded"));
    f.marks = from_exact(i.at("marks"));
    for (const auto& id : i.at("correct_option_ids").as_array()) f.correct_option_ids.emplace_back(id.as_string());
    for (const auto& b : i.at("accepted_answers").as_array()) {
      std::vector<std::string> blank;
      for (const auto& s : b.as_array()) blank.emplace_back(s.as_string());
      f.accepted_answers.push_back(std::move(blank));
    }
    f.rubric = std::string(i.at("rubric").as_string());
    f.explanation = std::string(i.at("explanation").as_string());
    r.items.push_back(std::move(f));
  }
  return r;
}

void update_wrong_book(store::Connection& c, const Context& ctx, std::int64_t worker, std::int64_t work_type_id, std::int64_t question_id,
                       AnswerOutcome outcome) {
  std::optional<NotebookEntry> current;
  if (auto r = c.query_one("SELECT times_wrong, right_streak FROM wrong_book WHERE worker_id = ? AND question_id = ?", {worker, question_id}))
    current = NotebookEntry{question_id, static_cast<int>(r->i64(0)), static_cast<int>(r->i64(1))};
  const auto next = after_answer(current, question_id, outcome);
  if (!next) {
    if (current) c.execute("DELETE FROM wrong_book WHERE worker_id = ? AND question_id = ?", {worker, question_id});
    return;
  }
  c.execute("INSERT INTO wrong_book(worker_id, question_id, work_type_id, times_wrong, right_streak, last_wrong_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(worker_id, question_id) DO UPDATE SET times_wrong = excluded.times_wrong, right_streak = excluded.right_streak, "
            "last_wrong_at = CASE WHEN excluded.times_wrong > wrong_book.times_wrong THEN excluded.last_wrong_at ELSE wrong_book.last_wrong_at END",
            {worker, question_id, work_type_id, std::int64_t{next->times_wrong}, std::int64_t{next->right_streak}, ctx.now_rfc3339()});
}

}  // namespace

PracticeResult read_practice_result(const std::string& text) { return read_result(text); }

PracticeService::PracticeService(const Context& ctx) : ctx_(ctx), boards_(std::make_unique<PracticeBoards>()) {}
PracticeService::~PracticeService() = default;

LevelMap PracticeService::levels(const Actor& actor, std::int64_t work_type_id) const {
  LevelMap m;
  ctx_.db.read([&](store::Connection& c) {
    if (actor.worker_id) {
      const auto worker = worker_of(c, actor);
      m = level_map(c, work_type_id, worker.id, worker.sees());
      return;
    }
    // Organisers see the levels of their scope and of the organisations above it.
    const auto scope = actor.scope(Permission::manage_exams);
    if (scope.empty()) throw core::forbidden();
    m = level_map(c, work_type_id, std::nullopt, [&](const std::string& level) {
      return std::any_of(scope.begin(), scope.end(), [&](const std::string& root) { return bank_serves(level, root); });
    });
  });
  return m;
}

LevelView PracticeService::create_level(const Actor& actor, const LevelInput& in) {
  std::int64_t id = 0;
  ctx_.db.write([&](store::Connection& c) {
    const auto path = exam_owner_path(c, actor, in.org_id);
    validate_level(c, in);
    const auto position = c.query_one("SELECT COALESCE(MAX(position), 0) + 1 FROM practice_levels WHERE work_type_id = ?", {in.work_type_id})->i64(0);
    id = c.insert_returning_id(
        "INSERT INTO practice_levels(work_type_id, position, name, question_count, pass_percent, min_difficulty, max_difficulty, created_at, "
        "org_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {in.work_type_id, position, std::string(core::trim(in.name)), std::int64_t{in.question_count}, in.pass_percent,
         std::int64_t{in.min_difficulty}, std::int64_t{in.max_difficulty}, ctx_.now_rfc3339(), path});
    append_audit(c, ctx_, {actor.username, "practice_level.create", "practice_level", std::to_string(id), ""});
  });
  LevelView v;
  ctx_.db.read([&](store::Connection& c) { v = level_from(*c.query_one(std::string(kLevelSelect) + " WHERE id = ?", {id})); });
  return v;
}

LevelView PracticeService::update_level(const Actor& actor, std::int64_t id, const LevelInput& in) {
  LevelView v;
  ctx_.db.write([&](store::Connection& c) {
    auto old = c.query_one(std::string(kLevelSelect) + " WHERE id = ?", {id});
    if (!old) throw core::not_found("practice level " + std::to_string(id));
    require(actor, Permission::manage_exams, old->str(8));
    LevelInput checked = in;
    checked.work_type_id = old->i64(1);
    validate_level(c, checked);
    c.execute("UPDATE practice_levels SET name = ?, question_count = ?, pass_percent = ?, min_difficulty = ?, max_difficulty = ? WHERE id = ?",
              {std::string(core::trim(in.name)), std::int64_t{in.question_count}, in.pass_percent, std::int64_t{in.min_difficulty},
               std::int64_t{in.max_difficulty}, id});
    append_audit(c, ctx_, {actor.username, "practice_level.update", "practice_level", std::to_string(id), ""});
    v = level_from(*c.query_one(std::string(kLevelSelect) + " WHERE id = ?", {id}));
  });
  return v;
}

std::vector<PracticeArea> PracticeService::my_practice(const Actor& actor) const {
  std::vector<PracticeArea> out;
  ctx_.db.read([&](store::Connection& c) {
    const auto worker = worker_of(c, actor);
    for (const auto& r : c.query("SELECT t.id, t.name FROM worker_work_types x JOIN work_types t ON t.id = x.work_type_id WHERE x.worker_id = ? "
                                 "ORDER BY t.id",
                                 {worker.id})) {
      PracticeArea a;
      a.work_type_id = r.i64(0);
      a.work_type_name = r.str(1);
      const auto m = level_map(c, a.work_type_id, worker.id, worker.sees());
      a.levels = static_cast<int>(m.levels.size());
      a.passed = static_cast<int>(std::count_if(m.levels.begin(), m.levels.end(), [](const LevelView& l) { return l.passed; }));
      a.wrong_book = static_cast<int>(
          c.query_one("SELECT COUNT(*) FROM wrong_book WHERE worker_id = ? AND work_type_id = ?", {worker.id, a.work_type_id})->i64(0));
      out.push_back(std::move(a));
    }
  });
  return out;
}

PracticeAttempt PracticeService::start_level(const Actor& actor, std::int64_t level_id) {
  PracticeAttempt out;
  ctx_.db.write([&](store::Connection& c) {
    const auto worker = worker_of(c, actor);
    auto row = c.query_one(std::string(kLevelSelect) + " WHERE id = ?", {level_id});
    if (!row) throw core::not_found("practice level " + std::to_string(level_id));
    const auto work_type_id = row->i64(1);
    require_may_practise(c, worker, work_type_id);
    const auto map = level_map(c, work_type_id, worker.id, worker.sees());
    const auto level = std::find_if(map.levels.begin(), map.levels.end(), [&](const LevelView& l) { return l.id == level_id; });
    if (level == map.levels.end()) throw core::not_found("practice level " + std::to_string(level_id));
    if (!level->unlocked) throw core::Error(core::ErrorKind::forbidden, "level_locked", "请先通过上一关 (pass the previous level first)");
    auto pool = bank_for(c, work_type_id, worker.org_path);
    std::erase_if(pool, [&](const Question& q) { return q.tags.difficulty < level->min_difficulty || q.tags.difficulty > level->max_difficulty; });
    out = store_attempt(c, ctx_, worker, work_type_id, *level, std::move(pool), level->question_count);
  });
  return out;
}

PracticeAttempt PracticeService::start_wrong_book(const Actor& actor, std::int64_t work_type_id) {
  PracticeAttempt out;
  ctx_.db.write([&](store::Connection& c) {
    const auto worker = worker_of(c, actor);
    require_may_practise(c, worker, work_type_id);
    std::vector<Question> pool;
    for (const auto& r : c.query("SELECT question_id FROM wrong_book WHERE worker_id = ? AND work_type_id = ? ORDER BY last_wrong_at DESC LIMIT 50",
                                 {worker.id, work_type_id}))
      pool.push_back(*cached_question(c, r.i64(0)));
    if (pool.empty()) throw core::conflict("wrong_book_empty", "错题本是空的 (the notebook is empty)");
    out = store_attempt(c, ctx_, worker, work_type_id, std::nullopt, std::move(pool), kWrongBookAttemptSize);
  });
  return out;
}

PracticeResult PracticeService::submit(const Actor& actor, std::int64_t attempt_id, const std::vector<AnswerInput>& answers, int seconds) {
  if (seconds < 0 || seconds > 24 * 3600) throw core::invalid("seconds", "用时应在0–86400秒之间 (0–86,400 seconds)");
  PracticeResult out;
  std::optional<WorkerRef> scored;  // set when this call graded the attempt
  std::int64_t scored_work_type = 0;
  std::string day;
  ctx_.db.write([&](store::Connection& c) {
    const auto worker = worker_of(c, actor);
    auto row = c.query_one("SELECT worker_id, work_type_id, level_id, paper, result FROM practice_attempts WHERE id = ?", {attempt_id});
    if (!row || row->i64(0) != worker.id) throw core::not_found("practice attempt " + std::to_string(attempt_id));
    if (!row->is_null(4)) {
      out = read_result(row->str(4));
      return;
    }
    const auto work_type_id = row->i64(1);
    const auto level_id = row->opt_i64(2);
    const auto paper = read_paper(row->str(3));
    std::map<std::string, Response> given;
    for (size_t k = 0; k < answers.size(); ++k) {
      if (!std::any_of(paper.items.begin(), paper.items.end(), [&](const PaperItem& i) { return i.shown_id == answers[k].question; }))
        throw core::invalid("answers[" + std::to_string(k) + "].question", "试卷中没有这道题 (not a question of this attempt)");
      given[answers[k].question] = answers[k].response;
    }
    int answered = 0;
    for (const auto& item : paper.items) {
      const auto q = cached_question(c, item.question_id);
      const auto it = given.find(item.shown_id);
      const auto g = grade(*q, item, it == given.end() ? Response{} : it->second);
      answered += g.answered;
      ItemFeedback f;
      f.question = item.shown_id;
      f.correct = g.correct;
      f.awarded = g.awarded;
      f.marks = item.marks;
      for (size_t k = 0; k < item.options.order.size(); ++k)
        if (q->options[static_cast<size_t>(item.options.order[k])].correct) f.correct_option_ids.push_back(item.options.ids[k]);
      for (const auto& b : q->blanks) f.accepted_answers.push_back(b.accepted);
      f.rubric = q->rubric;
      if (auto e = c.query_one("SELECT explanation FROM questions WHERE id = ?", {q->id})) f.explanation = e->str(0);
      out.score += g.awarded;
      out.points += g.correct;
      update_wrong_book(c, ctx_, worker.id, work_type_id, q->id, outcome_of(g));
      out.items.push_back(std::move(f));
    }
    out.max_score = paper.total_marks;
    out.percent = percent_of(out.score, out.max_score);
    if (level_id) {
      const auto pass = c.query_one("SELECT pass_percent FROM practice_levels WHERE id = ?", {*level_id})->f64(0);
      out.passed = out.percent >= pass;
    }
    day = china_day(ctx_);
    c.execute("UPDATE practice_attempts SET submitted_at = ?, submitted_day = ?, score = ?, right_answers = ?, answered = ?, seconds = ? WHERE id = ?",
              {ctx_.now_rfc3339(), day, out.score, std::int64_t{out.points}, std::int64_t{answered}, std::int64_t{seconds}, attempt_id});
    out.next_level_id = level_map(c, work_type_id, worker.id, worker.sees()).next_level_id;
    c.execute("UPDATE practice_attempts SET result = ? WHERE id = ?", {skb::service::json_text(result_json(out)), attempt_id});
    refresh_attempt_evidence(c, ctx_, attempt_id);
    scored = worker;
    scored_work_type = work_type_id;
  });
  // After the commit, so a board built meanwhile from an older snapshot is corrected too.
  if (scored)
    ctx_.db.read([&](store::Connection& c) { boards_->attempt_committed(c, scored->id, scored_work_type, scored->org_path, day); });
  return out;
}

std::vector<WrongBookItem> PracticeService::wrong_book(const Actor& actor, std::int64_t work_type_id) const {
  std::vector<WrongBookItem> out;
  ctx_.db.read([&](store::Connection& c) {
    const auto worker = worker_of(c, actor);
    for (const auto& r : c.query("SELECT b.question_id, q.stem, q.type, b.times_wrong, b.right_streak, b.last_wrong_at FROM wrong_book b "
                                 "JOIN questions q ON q.id = b.question_id WHERE b.worker_id = ? AND b.work_type_id = ? ORDER BY b.last_wrong_at DESC",
                                 {worker.id, work_type_id}))
      out.push_back({r.i64(0), r.str(1), r.str(2), static_cast<int>(r.i64(3)), static_cast<int>(r.i64(4)), r.str(5)});
  });
  return out;
}

Leaderboard PracticeService::leaderboard(const Actor& actor, std::int64_t work_type_id, const std::string& period,
                                         std::optional<std::int64_t> org_id, int limit) const {
  if (period != "day" && period != "week" && period != "all") throw core::invalid("period", "period 应为 day、week 或 all (day, week or all)");
  Leaderboard out;
  out.period = period;
  ctx_.db.read([&](store::Connection& c) {
    std::optional<WorkerRef> me;
    if (actor.worker_id) me = worker_of(c, actor);
    PracticeBoardKey key{work_type_id, period_start(period, china_day(ctx_)), ""};
    if (org_id) {
      key.org_path = org_path(c, *org_id);
      // Workers see the boards of their own organisations; organisers those of their scope.
      const bool own = me && core::in_subtree(me->org_path, key.org_path);
      if (!own) require(actor, Permission::read_workers, key.org_path);
    } else if (!me) {
      // Staff without a filter see the board of their own scope, never names beyond it.
      const auto scope = actor.scope(Permission::read_workers);
      if (scope.empty()) throw core::forbidden();
      key.org_path = scope.front();
    }
    std::vector<core::Board::Row> rows;
    std::optional<core::Board::Row> mine;
    // The board is filled from committed attempts only, so a read snapshot is enough to build it.
    boards_->with_board(c, key, [&](core::Board& board) {
      out.total = board.size();
      rows = board.top(static_cast<size_t>(limit));
      if (me)
        if (auto k = board.key_of(me->id)) mine = core::Board::Row{me->id, *k, board.rank(me->id)};
    });
    auto row_of = [&](const core::Board::Row& r) {
      LeaderRow l;
      l.rank = r.rank;
      l.worker_id = r.id;
      std::tie(l.points, l.seconds) = points_and_seconds(r.key);
      if (auto w = c.query_one("SELECT w.name, o.name FROM workers w JOIN orgs o ON o.id = w.org_id WHERE w.id = ?", {r.id})) {
        l.worker_name = w->str(0);
        l.org_name = w->str(1);
      }
      return l;
    };
    for (const auto& r : rows) out.items.push_back(row_of(r));
    if (mine) out.me = row_of(*mine);
  });
  return out;
}

}  // namespace skb::service
