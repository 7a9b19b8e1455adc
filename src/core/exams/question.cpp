#include "core/exams/question.hpp"

#include <array>
#include <set>
#include <utility>

#include "core/exams/normalise.hpp"

namespace skb::core::exam {
namespace {

constexpr std::array<std::pair<QuestionType, std::string_view>, 5> kTypes{{
    {QuestionType::single_choice, "single_choice"}, {QuestionType::multiple_choice, "multiple_choice"},
    {QuestionType::true_false, "true_false"}, {QuestionType::fill_blank, "fill_blank"},
    {QuestionType::short_answer, "short_answer"}}};
constexpr std::array<std::pair<PartialCredit, std::string_view>, 2> kPolicies{{
    {PartialCredit::all_or_nothing, "all_or_nothing"}, {PartialCredit::proportional, "proportional"}}};

bool is_choice(QuestionType t) {
  return t == QuestionType::single_choice || t == QuestionType::multiple_choice || t == QuestionType::true_false;
}

}  // namespace

std::string_view to_code(QuestionType type) {
  for (const auto& [t, code] : kTypes)
    if (t == type) return code;
  return kTypes[0].second;
}

std::optional<QuestionType> parse_question_type(std::string_view code) {
  for (const auto& [t, c] : kTypes)
    if (c == code) return t;
  return std::nullopt;
}

std::string_view to_code(PartialCredit policy) {
  return policy == PartialCredit::proportional ? kPolicies[1].second : kPolicies[0].second;
}

std::optional<PartialCredit> parse_partial_credit(std::string_view code) {
  for (const auto& [p, c] : kPolicies)
    if (c == code) return p;
  return std::nullopt;
}

Question true_false_question(std::string stem, bool statement_is_true, double marks) {
  Question q;
  q.type = QuestionType::true_false;
  q.stem = std::move(stem);
  q.options = {{"正确", "", statement_is_true}, {"错误", "", !statement_is_true}};
  q.fixed_option_order = true;
  q.marks = marks;
  return q;
}

std::vector<FieldProblem> validate_question(const Question& q) {
  std::vector<FieldProblem> problems;
  auto problem = [&](std::string field, std::string code, std::string message) {
    problems.push_back({0, std::move(field), std::move(code), std::move(message)});
  };

  if (normalise_answer(q.stem).empty() && q.images.empty()) problem("stem", "stem_empty", "题干不能为空 (stem is empty)");
  if (!(q.marks > 0)) problem("marks", "marks_not_positive", "分值应大于0 (marks must be positive)");
  if (q.marks > kMaxQuestionMarks) problem("marks", "marks_too_large", "分值不能超过100 (a question is worth at most 100 marks)");
  if (q.tags.difficulty < 1 || q.tags.difficulty > 5)
    problem("tags.difficulty", "difficulty_out_of_range", "难度应为1到5 (difficulty must be 1–5)");
  if (q.partial_credit == PartialCredit::proportional && q.type != QuestionType::multiple_choice &&
      q.type != QuestionType::fill_blank)
    problem("partial_credit", "partial_credit_not_applicable", "只有多选题和填空题可按比例给分 (only multiple choice and fill-in)");

  if (is_choice(q.type)) {
    if (q.type == QuestionType::true_false && q.options.size() != 2)
      problem("options", "true_false_needs_two_options", "判断题应有两个选项 (true/false needs exactly two options)");
    else if (q.options.size() < 2)
      problem("options", "too_few_options", "至少需要两个选项 (at least two options)");
    int correct = 0;
    std::set<std::string> seen;
    for (size_t i = 0; i < q.options.size(); ++i) {
      const Option& o = q.options[i];
      const std::string field = "options[" + std::to_string(i) + "]";
      if (o.correct) ++correct;
      const std::string key = normalise_answer(o.text);
      if (key.empty() && o.image.empty()) {
        problem(field + ".text", "option_empty", "选项内容不能为空 (option is empty)");
      } else if (!key.empty() && !seen.insert(key).second) {
        // Two options that read the same would let a candidate be right and wrong at once.
        problem(field + ".text", "duplicate_option", "选项重复 (duplicate option)");
      }
    }
    if (q.type == QuestionType::multiple_choice) {
      if (correct == 0) problem("options", "no_correct_option", "至少需要一个正确选项 (at least one correct option)");
    } else if (correct != 1) {
      problem("options", "single_needs_one_correct", "应恰有一个正确选项 (exactly one correct option)");
    }
  } else if (!q.options.empty()) {
    problem("options", "options_not_allowed", "填空题和简答题没有选项 (fill-in and short answer have no options)");
  }

  if (q.type == QuestionType::fill_blank) {
    if (q.blanks.empty()) problem("blanks", "no_blanks", "填空题至少需要一个空 (at least one blank)");
    for (size_t i = 0; i < q.blanks.size(); ++i) {
      bool any = false;
      for (const std::string& a : q.blanks[i].accepted) any = any || !normalise_answer(a).empty();
      if (!any)
        problem("blanks[" + std::to_string(i) + "]", "blank_without_answer", "每个空至少需要一个参考答案 (each blank needs an accepted answer)");
    }
  } else if (!q.blanks.empty()) {
    problem("blanks", "blanks_not_allowed", "只有填空题有空 (only fill-in questions have blanks)");
  }

  if (q.type == QuestionType::short_answer && normalise_answer(q.rubric).empty())
    problem("rubric", "rubric_missing", "简答题需要评分要点 (short answer needs a rubric)");
  return problems;
}

}  // namespace skb::core::exam
