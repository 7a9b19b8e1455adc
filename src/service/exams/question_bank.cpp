#include "service/exams/question_bank.hpp"
#include "service/platform/json_text.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/exams/duplicates.hpp"
#include "core/people/org.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/exams/codec.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {

using core::Permission;
using namespace core::exam;

constexpr const char* kSelect =
    "SELECT q.id, q.org_id, q.work_type_id, q.dimension_id, q.skill_level, q.difficulty, q.type, q.stem, q.body, q.marks, "
    "q.partial_credit, q.category, q.explanation, q.active, q.created_at, q.updated_at, w.name, COALESCE(d.name, '') "
    "FROM questions q JOIN work_types w ON w.id = q.work_type_id LEFT JOIN dimensions d ON d.id = q.dimension_id";

Question question_from(const store::Row& r) {
  Question q;
  q.id = r.i64(0);
  q.tags.work_type_id = r.i64(2);
  q.tags.dimension_id = r.opt_i64(3).value_or(0);
  if (!r.is_null(4)) q.tags.skill_level = static_cast<core::SkillLevel>(r.i64(4));
  q.tags.difficulty = static_cast<int>(r.i64(5));
  q.type = parse_question_type(r.str(6)).value_or(QuestionType::single_choice);
  q.stem = r.str(7);
  read_question_body(r.str(8), q);
  q.marks = r.f64(9);
  q.partial_credit = parse_partial_credit(r.str(10)).value_or(PartialCredit::all_or_nothing);
  return q;
}

QuestionRecord record_from(const store::Row& r) {
  QuestionRecord rec;
  rec.question = question_from(r);
  rec.org_id = r.i64(1);
  rec.category = r.str(11);
  rec.explanation = r.str(12);
  rec.active = r.i64(13) != 0;
  rec.created_at = r.str(14);
  rec.updated_at = r.str(15);
  rec.work_type_name = r.str(16);
  rec.dimension_name = r.str(17);
  return rec;
}


std::int64_t org_id_of_path(store::Connection& c, const std::string& path) {
  return c.query_one("SELECT id FROM orgs WHERE path = ?", {path})->i64(0);
}

void check_tags(store::Connection& c, const Question& q) {
  if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {q.tags.work_type_id}))
    throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
  if (q.tags.dimension_id &&
      !c.query_one("SELECT 1 FROM dimensions WHERE id = ? AND work_type_id = ?", {q.tags.dimension_id, q.tags.work_type_id}))
    throw core::invalid("dimension_id", "能力维度不属于该工种 (the dimension is not one of the work type's)");
}

void throw_if_invalid(const Question& q) {
  auto problems = validate_question(q);
  if (problems.empty()) return;
  core::Error e(core::ErrorKind::invalid, "invalid_question", "试题不完整或有误 (the question has problems)");
  e.problems = std::move(problems);
  throw e;
}

std::optional<std::int64_t> duplicate_in_bank(store::Connection& c, std::int64_t work_type_id, const std::string& key) {
  auto r = c.query_one("SELECT id FROM questions WHERE work_type_id = ? AND dup_key = ? AND active = 1 LIMIT 1", {work_type_id, key});
  return r ? r->opt_i64(0) : std::nullopt;
}

std::int64_t insert_question(store::Connection& c, const Context& ctx, const Actor& actor, const std::string& path,
                             const Question& q, const std::string& category, const std::string& explanation,
                             const std::string& dup_key) {
  const auto now = ctx.now_rfc3339();
  store::Value level = nullptr;
  if (q.tags.skill_level) level = static_cast<std::int64_t>(*q.tags.skill_level);
  store::Value dimension = nullptr;
  if (q.tags.dimension_id) dimension = q.tags.dimension_id;
  return c.insert_returning_id(
      "INSERT INTO questions(org_id, org_path, work_type_id, dimension_id, skill_level, difficulty, type, stem, body, marks, "
      "partial_credit, category, explanation, dup_key, active, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
      {org_id_of_path(c, path), path, q.tags.work_type_id, dimension, level, std::int64_t{q.tags.difficulty},
       std::string(to_code(q.type)), q.stem, question_body_json(q), q.marks, std::string(to_code(q.partial_credit)),
       category, explanation, dup_key, actor.username, now, now});
}

QuestionRecord load_record(store::Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE q.id = ?", {id});
  if (!r) throw core::not_found("question " + std::to_string(id));
  return record_from(*r);
}

// Ancestors of a path and the path itself: "/1/4/" → "/1/", "/1/4/".
std::vector<std::string> path_and_ancestors(const std::string& path) {
  std::vector<std::string> out;
  for (size_t i = 1; i < path.size(); ++i)
    if (path[i] == '/') out.push_back(path.substr(0, i + 1));
  return out;
}

// The image type from the file's own signature, never from what the client claims.
std::optional<std::string> sniff_image(const std::string& b) {
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.starts_with("\xff\xd8\xff")) return "image/jpeg";
  if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "image/gif";
  if (b.size() > 12 && b.starts_with("RIFF") && b.compare(8, 4, "WEBP") == 0) return "image/webp";
  return std::nullopt;
}

std::string asset_key(const std::string& bytes, const std::string& mime);

std::string mime_extension(const std::string& mime) {
  if (mime == "image/png") return ".png";
  if (mime == "image/jpeg") return ".jpg";
  if (mime == "image/gif") return ".gif";
  if (mime == "image/svg+xml") return ".svg";
  if (mime == "image/webp") return ".webp";
  return ".bin";
}

std::string asset_key(const std::string& bytes, const std::string& mime) { return sha256_hex(bytes).substr(0, 32) + mime_extension(mime); }

}  // namespace

QuestionPage QuestionService::list(const Actor& actor, const QuestionFilter& f) const {
  auto scope = actor.scope(Permission::manage_exams);
  if (scope.empty()) throw core::forbidden();
  QuestionPage page;
  ctx_.db.read([&](store::Connection& c) {
    store::Params params;
    std::string where = " WHERE " + subtree_condition("q.org_path", scope, params);
    if (f.work_type_id) where += " AND q.work_type_id = ?", params.push_back(*f.work_type_id);
    if (f.dimension_id) where += " AND q.dimension_id = ?", params.push_back(*f.dimension_id);
    if (f.type) where += " AND q.type = ?", params.push_back(std::string(to_code(*f.type)));
    if (f.difficulty) where += " AND q.difficulty = ?", params.push_back(std::int64_t{*f.difficulty});
    if (f.active) where += " AND q.active = ?", params.push_back(std::int64_t{*f.active ? 1 : 0});
    const std::string text(core::trim(f.query));
    if (!text.empty()) {
      where += " AND (q.stem LIKE ? ESCAPE '\\' OR q.category LIKE ? ESCAPE '\\')";
      params.push_back("%" + like_escape(text) + "%");
      params.push_back("%" + like_escape(text) + "%");
    }
    page.total = c.query_one("SELECT COUNT(*) FROM questions q" + where, params)->i64(0);
    params.push_back(std::int64_t{f.limit});
    params.push_back(std::int64_t{f.offset});
    for (const auto& r : c.query(std::string(kSelect) + where + " ORDER BY q.id DESC LIMIT ? OFFSET ?", params))
      page.items.push_back(record_from(r));
  });
  return page;
}

QuestionRecord QuestionService::get(const Actor& actor, std::int64_t id) const {
  QuestionRecord rec;
  ctx_.db.read([&](store::Connection& c) {
    rec = load_record(c, id);
    require(actor, Permission::manage_exams, org_path(c, rec.org_id));
  });
  return rec;
}

QuestionRecord QuestionService::create(const Actor& actor, const QuestionInput& in) {
  throw_if_invalid(in.question);
  const auto key = duplicate_key(in.question);
  std::int64_t id = 0;
  ctx_.db.write([&](store::Connection& c) {
    const auto path = exam_owner_path(c, actor, in.org_id);
    check_tags(c, in.question);
    if (auto dup = duplicate_in_bank(c, in.question.tags.work_type_id, key)) {
      core::Error e(core::ErrorKind::conflict, "duplicate_question",
                    "题库中已有相同的试题 (the same question is in the bank: #" + std::to_string(*dup) + ")");
      e.problems.push_back({0, "duplicate_of", "duplicate_question", std::to_string(*dup)});
      throw e;
    }
    id = insert_question(c, ctx_, actor, path, in.question, in.category, in.explanation, key);
    append_audit(c, ctx_, {actor.username, "question.create", "question", std::to_string(id), ""});
  });
  return get(actor, id);
}

QuestionRecord QuestionService::replace(const Actor& actor, std::int64_t id, const QuestionInput& in) {
  throw_if_invalid(in.question);
  const auto key = duplicate_key(in.question);
  std::int64_t new_id = 0;
  ctx_.db.write([&](store::Connection& c) {
    const auto old = load_record(c, id);
    const auto path = org_path(c, old.org_id);
    require(actor, Permission::manage_exams, path);
    if (!old.active) throw core::conflict("question_retired", "该试题已停用或已有新版本 (this version is retired)");
    check_tags(c, in.question);
    auto dup = c.query_one("SELECT id FROM questions WHERE work_type_id = ? AND dup_key = ? AND active = 1 AND id <> ? LIMIT 1",
                           {in.question.tags.work_type_id, key, id});
    if (dup) throw core::conflict("duplicate_question", "题库中已有相同的试题 (the same question is in the bank: #" + std::to_string(dup->i64(0)) + ")");
    c.execute("UPDATE questions SET active = 0, updated_at = ? WHERE id = ?", {ctx_.now_rfc3339(), id});
    new_id = insert_question(c, ctx_, actor, path, in.question, in.category, in.explanation, key);
    append_audit(c, ctx_, {actor.username, "question.replace", "question", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"new_id", new_id}})});
  });
  return get(actor, new_id);
}

void QuestionService::retire(const Actor& actor, std::int64_t id) {
  ctx_.db.write([&](store::Connection& c) {
    const auto old = load_record(c, id);
    require(actor, Permission::manage_exams, org_path(c, old.org_id));
    c.execute("UPDATE questions SET active = 0, updated_at = ? WHERE id = ?", {ctx_.now_rfc3339(), id});
    append_audit(c, ctx_, {actor.username, "question.retire", "question", std::to_string(id), ""});
  });
}

BankImportOutcome QuestionService::import(const Actor& actor, std::int64_t work_type_id, std::optional<std::int64_t> org_id,
                                          ImportParse parsed, bool dry_run) {
  auto& questions = parsed.questions;
  if (questions.size() > 5000) throw core::invalid("rows", "一次最多导入5000道题 (at most 5,000 questions per import)");
  BankImportOutcome out;
  ctx_.db.write([&](store::Connection& c) {
    const auto path = exam_owner_path(c, actor, org_id);
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {work_type_id})) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    std::map<std::string, std::int64_t> dimensions;
    for (const auto& r : c.query("SELECT name, id FROM dimensions WHERE work_type_id = ?", {work_type_id})) dimensions[r.str(0)] = r.i64(1);
    auto& problems = parsed.problems;
    for (auto& iq : questions) {
      iq.question.tags.work_type_id = work_type_id;
      const std::string dim(core::trim(iq.dimension_name));
      if (!dim.empty()) {
        auto it = dimensions.find(dim);
        if (it == dimensions.end())
          problems.push_back({iq.row, "dimension", "dimension_unknown", "能力维度「" + dim + "」不属于该工种 (not a dimension of the work type)"});
        else
          iq.question.tags.dimension_id = it->second;
      }
    }
    if (!problems.empty()) {
      std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
      core::Error e(core::ErrorKind::unprocessable, "import_invalid", "导入内容有误，未导入任何试题 (problems found; nothing imported)");
      e.problems = std::move(problems);
      throw e;
    }
    std::set<std::string> seen;
    for (auto& iq : questions) {
      // Pictures first: their stored keys are part of the duplicate key.
      std::map<std::string, std::string> keys;
      for (const auto& f : iq.files) {
        const auto key = asset_key(f.bytes, f.mime);
        keys[f.name] = key;
        if (!dry_run)
          c.execute("INSERT INTO question_assets(asset_key, mime, data_base64, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    {key, f.mime, base64_encode(f.bytes), ctx_.now_rfc3339()});
      }
      for (auto& img : iq.question.images)
        if (auto it = keys.find(img); it != keys.end()) img = it->second;
      const auto key = duplicate_key(iq.question);
      if (!seen.insert(key).second || duplicate_in_bank(c, work_type_id, key)) {
        ++out.duplicates;
        continue;
      }
      ++out.imported;
      if (!dry_run) insert_question(c, ctx_, actor, path, iq.question, iq.category, iq.explanation, key);
    }
    if (!dry_run)
      append_audit(c, ctx_, {actor.username, "question.import", "work_type", std::to_string(work_type_id),
                             skb::service::json_text(boost::json::object{{"imported", out.imported}, {"duplicates", out.duplicates}})});
  });
  return out;
}

std::vector<ImportedQuestion> QuestionService::export_questions(const Actor& actor, std::int64_t work_type_id) const {
  auto scope = actor.scope(Permission::manage_exams);
  if (scope.empty()) throw core::forbidden();
  std::vector<ImportedQuestion> out;
  ctx_.db.read([&](store::Connection& c) {
    store::Params params{work_type_id};
    const auto where = " WHERE q.work_type_id = ? AND q.active = 1 AND " + subtree_condition("q.org_path", scope, params);
    int n = 0;
    for (const auto& r : c.query(std::string(kSelect) + where + " ORDER BY q.id", params)) {
      auto rec = record_from(r);
      ImportedQuestion iq;
      iq.row = ++n;
      iq.question = std::move(rec.question);
      iq.category = rec.category;
      iq.dimension_name = rec.dimension_name;
      iq.explanation = rec.explanation;
      for (const auto& key : iq.question.images)
        if (auto a = c.query_one("SELECT mime, data_base64 FROM question_assets WHERE asset_key = ?", {key}))
          iq.files.push_back({key, a->str(0), base64_decode(a->str(1))});
      out.push_back(std::move(iq));
    }
  });
  return out;
}

std::string QuestionService::store_asset(const Actor& actor, const std::string& bytes) {
  require_somewhere(actor, Permission::manage_exams);
  if (bytes.size() > (2u << 20)) throw core::invalid("file", "图片不能超过2MB (a picture is limited to 2 MiB)");
  const auto mime = sniff_image(bytes);
  if (!mime) throw core::invalid("file", "只支持 PNG、JPEG、GIF、WebP 图片 (PNG, JPEG, GIF or WebP only)");
  const auto key = asset_key(bytes, *mime);
  ctx_.db.write([&](store::Connection& c) {
    c.execute("INSERT INTO question_assets(asset_key, mime, data_base64, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
              {key, *mime, base64_encode(bytes), ctx_.now_rfc3339()});
  });
  return key;
}

std::optional<std::pair<std::string, std::string>> QuestionService::asset(const std::string& key) const {
  std::optional<std::pair<std::string, std::string>> out;
  ctx_.db.read([&](store::Connection& c) {
    if (auto r = c.query_one("SELECT mime, data_base64 FROM question_assets WHERE asset_key = ?", {key}))
      out = std::make_pair(r->str(0), base64_decode(r->str(1)));
  });
  return out;
}

std::string exam_owner_path(store::Connection& c, const Actor& actor, std::optional<std::int64_t> org_id) {
  if (org_id) {
    const auto path = org_path(c, *org_id);
    require(actor, Permission::manage_exams, path);
    return path;
  }
  const auto scope = actor.scope(Permission::manage_exams);
  if (scope.empty()) throw core::forbidden();
  return scope.front();
}

bool bank_serves(const std::string& question_path, const std::string& exam_path) {
  return core::in_subtree(question_path, exam_path) || core::in_subtree(exam_path, question_path);
}

std::shared_ptr<const Question> cached_question(store::Connection& c, std::int64_t id) {
  static std::mutex mutex;
  static std::map<std::pair<std::uint64_t, std::int64_t>, std::shared_ptr<const Question>> cache;  // (database, id)
  const auto key = std::make_pair(c.database_serial, id);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto r = c.query_one(std::string(kSelect) + " WHERE q.id = ?", {id});
  if (!r) throw core::not_found("question " + std::to_string(id));
  auto q = std::make_shared<const Question>(question_from(*r));
  std::lock_guard lock(mutex);
  if (cache.size() > 200000) cache.clear();  // bounded; a miss costs one read
  return cache.emplace(key, std::move(q)).first->second;
}

std::vector<Question> bank_for(store::Connection& c, std::int64_t work_type_id, const std::string& org_path) {
  store::Params params{work_type_id};
  std::string where = " WHERE q.work_type_id = ? AND q.active = 1 AND (q.org_path IN (";
  const auto ancestors = path_and_ancestors(org_path);
  for (size_t i = 0; i < ancestors.size(); ++i) {
    where += i ? ", ?" : "?";
    params.push_back(ancestors[i]);
  }
  where += ") OR " + subtree_condition("q.org_path", {org_path}, params) + ")";
  std::vector<Question> out;
  for (const auto& r : c.query(std::string(kSelect) + where + " ORDER BY q.id", params)) out.push_back(question_from(r));
  return out;
}

}  // namespace skb::service
