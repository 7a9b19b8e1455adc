#include "core/exams/grading.hpp"

#include <algorithm>
#include <set>

#include "core/exams/normalise.hpp"

namespace skb::core::exam {
namespace {

Grade grade_choice(const Question& q, const PaperItem& item, const Response& response) {
  const auto picked = author_indices(item.options, response.option_ids);
  if (!picked) throw invalid("option_ids", "选项不属于本题 (option not on this question)", "unknown_option");
  const std::set<int> chosen(picked->begin(), picked->end());
  if (chosen.size() != picked->size()) throw invalid("option_ids", "选项重复 (option picked twice)", "repeated_option");
  if (q.type != QuestionType::multiple_choice && chosen.size() > 1)
    throw invalid("option_ids", "本题只能选一个 (pick one option)", "too_many_options");

  Grade g;
  g.answered = !chosen.empty();
  int right_total = 0, right_picked = 0, wrong_picked = 0;
  for (size_t i = 0; i < q.options.size(); ++i) {
    const bool is_picked = chosen.count(static_cast<int>(i)) > 0;
    if (q.options[i].correct) {
      ++right_total;
      if (is_picked) ++right_picked;
    } else if (is_picked) {
      ++wrong_picked;
    }
  }
  g.correct = right_total > 0 && right_picked == right_total && wrong_picked == 0;
  if (g.correct) {
    g.awarded = item.marks;
  } else if (q.type == QuestionType::multiple_choice && q.partial_credit == PartialCredit::proportional &&
             wrong_picked == 0 && right_total > 0) {
    g.awarded = item.marks * right_picked / right_total;
  }
  return g;
}

Grade grade_blanks(const Question& q, const PaperItem& item, const Response& response) {
  if (response.blanks.size() > q.blanks.size())
    throw invalid("blanks", "答案个数多于空数 (more answers than blanks)", "too_many_blanks");
  Grade g;
  size_t right = 0;
  for (size_t i = 0; i < q.blanks.size(); ++i) {
    const std::string given = i < response.blanks.size() ? normalise_answer(response.blanks[i]) : std::string();
    if (given.empty()) continue;  // an empty answer is never right, even against a careless key
    g.answered = true;
    const auto& accepted = q.blanks[i].accepted;
    if (std::any_of(accepted.begin(), accepted.end(), [&](const std::string& a) { return normalise_answer(a) == given; }))
      ++right;
  }
  g.correct = !q.blanks.empty() && right == q.blanks.size();
  if (g.correct) g.awarded = item.marks;
  else if (q.partial_credit == PartialCredit::proportional && !q.blanks.empty())
    g.awarded = item.marks * static_cast<double>(right) / static_cast<double>(q.blanks.size());
  return g;
}

}  // namespace

Grade grade(const Question& q, const PaperItem& item, const Response& response) {
  if (item.question_id != q.id) throw invalid("question", "试题与试卷不符 (question does not belong to this paper item)", "question_mismatch");
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice:
    case QuestionType::true_false:
      return grade_choice(q, item, response);
    case QuestionType::fill_blank:
      return grade_blanks(q, item, response);
    case QuestionType::short_answer: {
      Grade g;
      g.answered = !normalise_answer(response.text).empty();
      g.state = g.answered ? GradeState::needs_manual : GradeState::graded;
      return g;
    }
  }
  return {};
}

Grade manual_grade(const PaperItem& item, double awarded) {
  if (!(awarded >= 0 && awarded <= item.marks))
    throw invalid("awarded", "给分应在0到本题分值之间 (marks must be between 0 and the item's marks)", "marks_out_of_range");
  Grade g;
  g.awarded = awarded;
  g.answered = true;
  g.correct = awarded == item.marks;
  return g;
}

}  // namespace skb::core::exam
