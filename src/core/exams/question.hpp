#pragma once
// 题库: one question of the bank as its author declares it, and the checks it must pass before it is
// saved. Values only; the service stores questions and resolves the tag ids.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/people/skill_level.hpp"
#include "core/platform/error.hpp"

namespace skb::core::exam {

// 单选 / 多选 / 判断 / 填空 / 简答. Short answers are marked by people with the rubric.
enum class QuestionType { single_choice, multiple_choice, true_false, fill_blank, short_answer };
std::string_view to_code(QuestionType type);  // "single_choice"
std::optional<QuestionType> parse_question_type(std::string_view code);

// How a multiple-choice or fill-in question earns less than full marks; declared per question so a
// candidate can be told the rule beforehand.
//   all_or_nothing: full marks only for exactly the right set (every blank right), else 0.
//   proportional:   multiple choice: marks × correct options picked / correct options in total, but 0 when
//                   any wrong option is picked (guessing everything must not pay);
//                   fill-in: marks × blanks right / blanks in total.
// Other types are always all_or_nothing.
enum class PartialCredit { all_or_nothing, proportional };
std::string_view to_code(PartialCredit policy);
std::optional<PartialCredit> parse_partial_credit(std::string_view code);

struct Option {
  std::string text;
  std::string image;  // stored asset key, empty when none
  bool correct = false;
};

// One blank of a fill-in question: any of the accepted answers is right once both sides are normalised
// (see normalise.hpp: full-width → half-width, no white space, ASCII case folded).
struct Blank {
  std::vector<std::string> accepted;
};

struct QuestionTags {
  std::int64_t work_type_id = 0;
  std::int64_t dimension_id = 0;  // 能力维度
  std::optional<SkillLevel> skill_level;
  int difficulty = 3;  // 1 (easiest) … 5
};

struct Question {
  std::int64_t id = 0;
  QuestionType type = QuestionType::single_choice;
  std::string stem;
  std::vector<std::string> images;  // stored asset keys of the stem's pictures
  std::vector<Option> options;      // choice and true/false questions, in the author's order
  // Show the options in the author's order instead of shuffling them per candidate ("以上都对" must stay
  // last; 正确/错误 read oddly reversed). The author's order is then visible to every candidate.
  bool fixed_option_order = false;
  std::vector<Blank> blanks;  // fill-in only, in the order the blanks appear in the stem
  std::string rubric;         // short answer only: what the markers look for
  double marks = 1;           // default marks; a blueprint row may override them
  PartialCredit partial_credit = PartialCredit::all_or_nothing;
  QuestionTags tags;
};

// No question is worth more than this, on its own or as a blueprint row's marks_each; no blueprint
// row draws more than kMaxPaperQuestions.
inline constexpr double kMaxQuestionMarks = 100;
inline constexpr int kMaxPaperQuestions = 500;

// A true/false question as the forms create it: options 正确, 错误 in that order, never shuffled.
Question true_false_question(std::string stem, bool statement_is_true, double marks = 1);

// Every problem found; empty when the question may be saved. `field` names the part ("options[2].text",
// "blanks[0]") and `code` is stable:
//   stem_empty (no text and no picture), marks_not_positive, marks_too_large (> 100), difficulty_out_of_range (1–5),
//   too_few_options (choice: ≥ 2), options_not_allowed (fill-in, short answer), option_empty,
//   duplicate_option (same text once normalised), single_needs_one_correct (single choice and true/false:
//   exactly one), no_correct_option (multiple choice: ≥ 1), true_false_needs_two_options,
//   no_blanks, blank_without_answer (a blank with no accepted answer that is non-empty once normalised),
//   blanks_not_allowed (not fill-in), rubric_missing (short answer),
//   partial_credit_not_applicable (proportional declared for a type other than multiple choice / fill-in).
std::vector<FieldProblem> validate_question(const Question& q);

}  // namespace skb::core::exam
