#pragma once
// 组卷: a candidate's paper — fixed (the same questions for everyone) or drawn from a blueprint
// (双向细目表: count × type × dimension × difficulty, marks each). Drawn papers are a pure function of
// (bank, blueprint, seed, candidate), so the service can draw every paper before the exam opens and
// anyone holding the recorded seed can reproduce any candidate's paper later.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exams/option_shuffle.hpp"
#include "core/exams/question.hpp"
#include "core/platform/error.hpp"

namespace skb::core::exam {

struct BlueprintRow {
  QuestionType type = QuestionType::single_choice;
  int count = 0;
  std::optional<std::int64_t> dimension_id;  // none: any dimension
  int min_difficulty = 1;                    // inclusive range within 1–5
  int max_difficulty = 5;
  double marks_each = 1;  // replaces the question's own marks on this paper
};

bool matches(const BlueprintRow& row, const Question& q);

// Problems with row = index + 1. Codes: blueprint_empty, too_many_rows (> 64), count_not_positive,
// count_too_large (> 500), marks_not_positive, marks_too_large (> 100), difficulty_out_of_range.
std::vector<FieldProblem> validate_blueprint(const std::vector<BlueprintRow>& rows);

// Rows may overlap (e.g. "5 single choice in dimension 3" and "10 single choice in any dimension"); a
// question is drawn for at most one row, so whether a bank suffices is a matching problem, solved here
// once per blueprint and independent of any seed: a bank either serves every candidate or none.
struct RowShortfall {
  int row = 0;       // 1-based
  int needed = 0;    // the row's count
  int eligible = 0;  // questions matching the row, ignoring the other rows
  int short_by = 0;  // how many the row lacks in a maximum assignment (earlier rows served first)
};
// Empty when every row can be filled at once. Assumes a valid blueprint.
std::vector<RowShortfall> check_bank(const std::vector<Question>& bank, const std::vector<BlueprintRow>& rows);

struct PaperItem {
  std::int64_t question_id = 0;
  std::string shown_id;  // opaque per candidate (keyed hash), for the page in place of the bank id
  int row = -1;          // 0-based blueprint row; -1 on a fixed paper
  double marks = 0;
  ShuffledOptions options;  // empty for fill-in and short answer
};

struct Paper {
  std::vector<PaperItem> items;  // blueprint rows in order (题型分节), each row's questions in drawn order
  double total_marks = 0;
};

// Prepares a blueprint against a bank once, then draws any number of papers cheaply.
// The bank must hold the questions the exam may use (valid, active, of its work type and level: the
// service filters); its order does not matter (questions are ordered by id inside), only its contents.
class PaperDrawer {
 public:
  // Throws Error(invalid) for an invalid blueprint or a question id present twice, and
  // Error(unprocessable, "bank_too_small") with one FieldProblem (row, field "count") per short row.
  PaperDrawer(const std::vector<Question>& bank, std::vector<BlueprintRow> rows);

  // Each slot of a row is drawn uniformly from that row's remaining questions whose taking still leaves
  // every later slot fillable; the random stream is the keyed hash of (seed, candidate). Never fails.
  // Same (seed, candidate) → same paper, question order and option order and ids included.
  Paper draw(std::string_view seed, std::string_view candidate) const;

 private:
  struct Entry {
    std::int64_t id = 0;
    int option_count = 0;
    bool fixed_order = false;
  };
  std::vector<BlueprintRow> rows_;
  std::vector<std::vector<Entry>> classes_;  // questions (by id) grouped by the set of rows they match
  std::vector<std::vector<int>> row_classes_;
  std::vector<std::vector<int>> class_rows_;
  std::vector<std::vector<int>> flow_;  // flow_[row][class]: a maximum assignment, the draw's start
};

Paper draw_paper(const std::vector<Question>& bank, const std::vector<BlueprintRow>& rows, std::string_view seed,
                 std::string_view candidate);

// Everyone gets these questions in this order with the question's own marks; options are still
// shuffled per candidate.
Paper fixed_paper(const std::vector<Question>& questions, std::string_view seed, std::string_view candidate);

// What the page may receive for one item: no bank id, no correct flags, no rubric, no accepted answers.
struct ShownOption {
  std::string id;
  std::string text;
  std::string image;
};
struct ShownQuestion {
  std::string id;  // the item's shown_id
  QuestionType type = QuestionType::single_choice;
  std::string stem;
  std::vector<std::string> images;
  std::vector<ShownOption> options;  // in the candidate's order
  int blanks = 0;                    // fill-in: how many inputs to show
  double marks = 0;
};
ShownQuestion shown_question(const Question& q, const PaperItem& item);

}  // namespace skb::core::exam
