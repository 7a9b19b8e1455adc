#pragma once
// 题库: the question bank of an organisation subtree, per work type. Questions are immutable once
// saved: an edit saves a new version and retires the old one, so every paper already drawn keeps the
// exact wording and answer key its candidates saw, and the cache below never goes stale.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/exams/imported.hpp"
#include "core/exams/question.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct QuestionRecord {
  core::exam::Question question;
  std::int64_t org_id = 0;
  std::string work_type_name;
  std::string dimension_name;
  std::string category;
  std::string explanation;
  bool active = true;
  std::string created_at, updated_at;
};

struct QuestionInput {
  core::exam::Question question;  // tags.work_type_id required; id ignored
  std::optional<std::int64_t> org_id;
  std::string category;
  std::string explanation;
};

struct QuestionFilter {
  std::optional<std::int64_t> work_type_id, dimension_id;
  std::optional<core::exam::QuestionType> type;
  std::optional<int> difficulty;
  std::string query;
  std::optional<bool> active = true;
  int offset = 0;
  int limit = 50;
};

struct QuestionPage {
  std::vector<QuestionRecord> items;
  std::int64_t total = 0;
};

struct BankImportOutcome {
  int imported = 0;
  int duplicates = 0;
};

class QuestionService {
 public:
  explicit QuestionService(const Context& ctx) : ctx_(ctx) {}

  QuestionPage list(const Actor& actor, const QuestionFilter& filter) const;
  QuestionRecord get(const Actor& actor, std::int64_t id) const;
  // 422 invalid_question (problems by field); 409 duplicate_question naming the existing id.
  QuestionRecord create(const Actor& actor, const QuestionInput& input);
  // Saves a new version and retires `id`; answers the new version.
  QuestionRecord replace(const Actor& actor, std::int64_t id, const QuestionInput& input);
  void retire(const Actor& actor, std::int64_t id);

  // All or nothing: any problem (the parser's, or a dimension the work type lacks) → 422 import_invalid
  // with every problem by row, nothing saved. Duplicates of the bank or of an earlier row are skipped
  // and counted.
  BankImportOutcome import(const Actor& actor, std::int64_t work_type_id, std::optional<std::int64_t> org_id,
                           core::exam::ImportParse parsed, bool dry_run);
  // The active questions of a work type in the actor's scope, for the export formats.
  std::vector<core::exam::ImportedQuestion> export_questions(const Actor& actor, std::int64_t work_type_id) const;

  // Stores a picture for stems and options (PNG, JPEG, GIF or WebP by their signature, ≤ 2 MiB); answers its
  // key, the same for the same bytes.
  std::string store_asset(const Actor& actor, const std::string& bytes);
  // A picture by key (asset keys are content hashes, so they are safe to serve to candidates).
  std::optional<std::pair<std::string, std::string>> asset(const std::string& key) const;  // mime, bytes

 private:
  const Context& ctx_;
};

// Where a new bank question or exam belongs: the organisation asked for (which the actor must manage
// exams in), else the actor's first scope for manage_exams.
std::string exam_owner_path(store::Connection& c, const Actor& actor, std::optional<std::int64_t> org_id);

// Whether a question owned at `question_path` may be used by an exam of the organisation at `exam_path`:
// its own subtree's questions and its ancestors' (a union's exam uses its own bank and its parents').
bool bank_serves(const std::string& question_path, const std::string& exam_path);

// The question with this id as saved (answer key included), from a process-wide cache: questions never
// change once saved. Throws not_found.
std::shared_ptr<const core::exam::Question> cached_question(store::Connection& c, std::int64_t id);

// The active questions of a work type whose organisation lies on the path to or under `org_path`
// (a union's exam may use its own bank and its parents'), for drawing papers.
std::vector<core::exam::Question> bank_for(store::Connection& c, std::int64_t work_type_id, const std::string& org_path);

}  // namespace skb::service
