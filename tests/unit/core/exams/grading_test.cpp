#include "core/exams/grading.hpp"

#include <gtest/gtest.h>

#include "core/exams/wrong_book.hpp"

using namespace skb::core;
using namespace skb::core::exam;

namespace {

const std::string kSeed = "exam-42-7f3a9c1e5b2d4088";

Question choice(QuestionType type, std::vector<bool> correct, PartialCredit policy = PartialCredit::all_or_nothing) {
  Question q;
  q.id = 100;
  q.type = type;
  q.stem = "题干";
  for (size_t i = 0; i < correct.size(); ++i) q.options.push_back({"选项" + std::to_string(i), "", correct[i]});
  q.partial_credit = policy;
  return q;
}

PaperItem item_for(const Question& q, double marks) {
  PaperItem item = fixed_paper({q}, kSeed, "worker-1").items.at(0);
  item.marks = marks;
  return item;
}

// The shown ids of the given author's option indices, as the page would send them.
std::vector<std::string> ids(const PaperItem& item, std::vector<int> author) {
  std::vector<std::string> out;
  for (int a : author)
    for (size_t k = 0; k < item.options.order.size(); ++k)
      if (item.options.order[k] == a) out.push_back(item.options.ids[k]);
  return out;
}

}  // namespace

TEST(ExamGrading, SingleChoiceAndTrueFalseByShownIds) {
  const Question q = choice(QuestionType::single_choice, {false, true, false, false});
  const PaperItem item = item_for(q, 2);
  Grade g = grade(q, item, {ids(item, {1}), {}, {}});
  EXPECT_EQ(g.state, GradeState::graded);
  EXPECT_TRUE(g.correct);
  EXPECT_TRUE(g.answered);
  EXPECT_EQ(g.awarded, 2);  // the item's marks (blueprint), not the question's default 1

  g = grade(q, item, {ids(item, {0}), {}, {}});
  EXPECT_FALSE(g.correct);
  EXPECT_EQ(g.awarded, 0);

  g = grade(q, item, {});
  EXPECT_FALSE(g.answered);
  EXPECT_EQ(g.awarded, 0);

  Question tf = true_false_question("陈述", false);
  tf.id = 5;
  const PaperItem tf_item = item_for(tf, 1);
  EXPECT_TRUE(grade(tf, tf_item, {{tf_item.options.ids[1]}, {}, {}}).correct);  // fixed order: 错误 is second
}

TEST(ExamGrading, MultipleChoiceAllOrNothingAndDeclaredPartialCredit) {
  const std::vector<bool> key{true, true, true, false, false};
  const Question strict = choice(QuestionType::multiple_choice, key);
  const Question partial = choice(QuestionType::multiple_choice, key, PartialCredit::proportional);
  const PaperItem item = item_for(strict, 3);

  EXPECT_EQ(grade(strict, item, {ids(item, {2, 0, 1}), {}, {}}).awarded, 3);
  EXPECT_EQ(grade(strict, item, {ids(item, {0, 1}), {}, {}}).awarded, 0);
  // Proportional: 3 × 2 right picked / 3 right in total = 2, not correct.
  Grade g = grade(partial, item, {ids(item, {0, 1}), {}, {}});
  EXPECT_DOUBLE_EQ(g.awarded, 2);
  EXPECT_FALSE(g.correct);
  // Any wrong pick zeroes it, so ticking everything does not pay.
  EXPECT_EQ(grade(partial, item, {ids(item, {0, 1, 3}), {}, {}}).awarded, 0);
  EXPECT_EQ(grade(partial, item, {ids(item, {0, 1, 2, 3, 4}), {}, {}}).awarded, 0);
  EXPECT_TRUE(grade(partial, item, {ids(item, {0, 1, 2}), {}, {}}).correct);
}

TEST(ExamGrading, FillInComparesNormalisedAnswersPerBlank) {
  Question q;
  q.id = 100;
  q.type = QuestionType::fill_blank;
  q.stem = "水的化学式是____，电阻的单位是____。";
  q.blanks = {{{"H2O"}}, {{"欧姆", "Ω"}}};
  const PaperItem item = item_for(q, 4);
  EXPECT_TRUE(item.options.ids.empty());

  Grade g = grade(q, item, {{}, {"ｈ２ｏ ", "Ω"}, {}});
  EXPECT_TRUE(g.correct);
  EXPECT_EQ(g.awarded, 4);
  EXPECT_EQ(grade(q, item, {{}, {"H2O", "伏特"}, {}}).awarded, 0);  // all or nothing by default
  q.partial_credit = PartialCredit::proportional;
  EXPECT_DOUBLE_EQ(grade(q, item, {{}, {"H2O", "伏特"}, {}}).awarded, 2);
  EXPECT_DOUBLE_EQ(grade(q, item, {{}, {" 欧 姆"}, {}}).awarded, 0);   // blanks are positional
  EXPECT_DOUBLE_EQ(grade(q, item, {{}, {"", "欧 姆"}, {}}).awarded, 2);  // a missing blank is empty
  EXPECT_FALSE(grade(q, item, {{}, {" ", ""}, {}}).answered);
  EXPECT_THROW(grade(q, item, {{}, {"a", "b", "c"}, {}}), Error);
}

TEST(ExamGrading, ShortAnswersWaitForAMarker) {
  Question q;
  q.id = 100;
  q.type = QuestionType::short_answer;
  q.stem = "简述";
  q.rubric = "要点";
  const PaperItem item = item_for(q, 5);
  Grade g = grade(q, item, {{}, {}, "先断电，再施救。"});
  EXPECT_EQ(g.state, GradeState::needs_manual);
  EXPECT_EQ(g.awarded, 0);
  EXPECT_EQ(grade(q, item, {{}, {}, " \n"}).state, GradeState::graded);  // nothing to read: 0, final

  g = manual_grade(item, 3.5);
  EXPECT_EQ(g.state, GradeState::graded);
  EXPECT_EQ(g.awarded, 3.5);
  EXPECT_FALSE(g.correct);
  EXPECT_TRUE(manual_grade(item, 5).correct);
  EXPECT_THROW(manual_grade(item, 5.5), Error);
  EXPECT_THROW(manual_grade(item, -1), Error);
}

TEST(ExamGrading, RejectsResponsesThePageCouldNotHaveSent) {
  const Question q = choice(QuestionType::single_choice, {true, false, false});
  const PaperItem item = item_for(q, 1);
  auto code_of = [&](const Response& r) {
    try {
      grade(q, item, r);
    } catch (const Error& e) {
      return e.code();
    }
    return std::string("none");
  };
  EXPECT_EQ(code_of({{"0"}, {}, {}}), "unknown_option");  // an author index is not a shown id
  EXPECT_EQ(code_of({{item.options.ids[0], item.options.ids[0]}, {}, {}}), "repeated_option");
  EXPECT_EQ(code_of({{item.options.ids[0], item.options.ids[1]}, {}, {}}), "too_many_options");
  // Another candidate's ids for the same question are unknown here.
  const PaperItem other = fixed_paper({q}, kSeed, "worker-2").items.at(0);
  EXPECT_EQ(code_of({{other.options.ids[0]}, {}, {}}), "unknown_option");
  Question another = q;
  another.id = 101;
  EXPECT_THROW(grade(another, item, {}), Error);
}

TEST(ExamWrongBook, OutcomesFromGrades) {
  Grade g;
  g.answered = true;
  g.correct = true;
  EXPECT_EQ(outcome_of(g), AnswerOutcome::right);
  g.correct = false;
  g.awarded = 1.5;  // partial credit is still a wrong answer for the notebook
  EXPECT_EQ(outcome_of(g), AnswerOutcome::wrong);
  g.state = GradeState::needs_manual;
  EXPECT_EQ(outcome_of(g), AnswerOutcome::skipped);
  EXPECT_EQ(outcome_of(Grade{}), AnswerOutcome::skipped);  // unanswered
}

TEST(ExamWrongBook, EntersOnAWrongAnswerAndLeavesAfterTwoRightInARow) {
  std::optional<NotebookEntry> e;
  e = after_answer(e, 9, AnswerOutcome::right);
  EXPECT_FALSE(e);  // right outside the notebook: nothing to do
  e = after_answer(e, 9, AnswerOutcome::wrong);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->question_id, 9);
  EXPECT_EQ(e->times_wrong, 1);
  e = after_answer(e, 9, AnswerOutcome::right);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->right_streak, 1);
  e = after_answer(e, 9, AnswerOutcome::skipped);  // skipping neither helps nor hurts
  ASSERT_TRUE(e);
  EXPECT_EQ(e->right_streak, 1);
  e = after_answer(e, 9, AnswerOutcome::wrong);  // the streak starts over
  ASSERT_TRUE(e);
  EXPECT_EQ(e->times_wrong, 2);
  EXPECT_EQ(e->right_streak, 0);
  e = after_answer(e, 9, AnswerOutcome::right);
  ASSERT_TRUE(e);
  e = after_answer(e, 9, AnswerOutcome::right);
  EXPECT_FALSE(e);  // kRightInARowToLeave = 2
}
