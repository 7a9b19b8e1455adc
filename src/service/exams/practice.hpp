#pragma once
// 网上练兵 · 闯关答题: practice levels per work type (passing one opens the next), practice attempts
// with feedback, the wrong-answer notebook (错题本) and the practice leaderboards.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/exams/grading.hpp"
#include "core/exams/paper.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

class PracticeBoards;

struct LevelInput {
  std::optional<std::int64_t> org_id;  // default: the caller's first scope
  std::int64_t work_type_id = 0;
  std::string name;
  int question_count = 10;
  double pass_percent = 60;
  int min_difficulty = 1, max_difficulty = 5;
};

struct LevelView {
  std::int64_t id = 0;
  std::int64_t work_type_id = 0;
  std::string name;
  int position = 0;
  int question_count = 0;
  double pass_percent = 60;
  int min_difficulty = 1, max_difficulty = 5;
  std::optional<double> best_percent;
  bool passed = false, unlocked = false;
};

struct LevelMap {
  std::int64_t work_type_id = 0;
  std::optional<std::int64_t> next_level_id;
  std::vector<LevelView> levels;
};

struct PracticeArea {
  std::int64_t work_type_id = 0;
  std::string work_type_name;
  int levels = 0, passed = 0, wrong_book = 0;
};

struct PracticeAttempt {
  std::int64_t attempt_id = 0;
  std::optional<LevelView> level;
  std::vector<core::exam::ShownQuestion> questions;
};

struct AnswerInput {
  std::string question;  // shown id
  core::exam::Response response;
};

struct ItemFeedback {
  std::string question;
  bool correct = false;
  double awarded = 0, marks = 0;
  std::vector<std::string> correct_option_ids;
  std::vector<std::vector<std::string>> accepted_answers;
  std::string rubric, explanation;
};

struct PracticeResult {
  double score = 0, max_score = 0, percent = 0;
  bool passed = false;
  std::optional<std::int64_t> next_level_id;
  int points = 0;  // right answers in this attempt
  std::vector<ItemFeedback> items;
};
// A submitted attempt's stored result (practice_attempts.result), as the evidence derivation reads it.
PracticeResult read_practice_result(const std::string& text);


struct WrongBookItem {
  std::int64_t question_id = 0;
  std::string stem, type;
  int times_wrong = 0, right_streak = 0;
  std::string last_wrong_at;
};

struct LeaderRow {
  std::size_t rank = 0;
  std::int64_t worker_id = 0;
  std::string worker_name, org_name;
  int points = 0, seconds = 0;
};

struct Leaderboard {
  std::string period;  // day, week, all
  std::size_t total = 0;
  std::vector<LeaderRow> items;
  std::optional<LeaderRow> me;
};

class PracticeService {
 public:
  explicit PracticeService(const Context& ctx);
  ~PracticeService();

  LevelMap levels(const Actor& actor, std::int64_t work_type_id) const;
  LevelView create_level(const Actor& actor, const LevelInput& input);
  LevelView update_level(const Actor& actor, std::int64_t id, const LevelInput& input);

  std::vector<PracticeArea> my_practice(const Actor& actor) const;
  PracticeAttempt start_level(const Actor& actor, std::int64_t level_id);
  PracticeAttempt start_wrong_book(const Actor& actor, std::int64_t work_type_id);
  // Submitting twice answers the first result.
  PracticeResult submit(const Actor& actor, std::int64_t attempt_id, const std::vector<AnswerInput>& answers, int seconds);
  std::vector<WrongBookItem> wrong_book(const Actor& actor, std::int64_t work_type_id) const;
  Leaderboard leaderboard(const Actor& actor, std::int64_t work_type_id, const std::string& period, std::optional<std::int64_t> org_id,
                          int limit) const;

 private:
  const Context& ctx_;
  std::unique_ptr<PracticeBoards> boards_;
};

}  // namespace skb::service
