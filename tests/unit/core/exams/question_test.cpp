#include "core/exams/question.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/exams/duplicates.hpp"
#include "core/exams/normalise.hpp"

using namespace skb::core;
using namespace skb::core::exam;

namespace {

Question single(std::int64_t id, std::string stem, std::vector<std::string> options, int correct) {
  Question q;
  q.id = id;
  q.stem = std::move(stem);
  for (size_t i = 0; i < options.size(); ++i) q.options.push_back({options[i], "", static_cast<int>(i) == correct});
  return q;
}

std::vector<std::string> codes(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.code);
  return out;
}

bool has(const std::vector<FieldProblem>& problems, const std::string& code, const std::string& field = "") {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const FieldProblem& p) { return p.code == code && (field.empty() || p.field == field); });
}

}  // namespace

TEST(QuestionValidation, AcceptsAWellFormedQuestionOfEveryType) {
  EXPECT_TRUE(validate_question(single(1, "电阻的单位是？", {"欧姆", "伏特", "安培"}, 0)).empty());

  Question multiple = single(2, "属于安全电压的有？", {"12V", "24V", "220V", "36V"}, 0);
  multiple.type = QuestionType::multiple_choice;
  multiple.options[1].correct = multiple.options[3].correct = true;
  multiple.partial_credit = PartialCredit::proportional;
  EXPECT_TRUE(validate_question(multiple).empty());

  EXPECT_TRUE(validate_question(true_false_question("焊接时必须佩戴护目镜。", true)).empty());

  Question fill;
  fill.type = QuestionType::fill_blank;
  fill.stem = "水的化学式是____，电阻的单位是____。";
  fill.blanks = {{{"H2O", "H₂O"}}, {{"欧姆", "Ω"}}};
  fill.partial_credit = PartialCredit::proportional;
  EXPECT_TRUE(validate_question(fill).empty());

  Question essay;
  essay.type = QuestionType::short_answer;
  essay.stem = "简述触电急救的步骤。";
  essay.rubric = "切断电源 2分；脱离电源 2分；心肺复苏 1分";
  essay.marks = 5;
  EXPECT_TRUE(validate_question(essay).empty());
}

TEST(QuestionValidation, ChoiceProblemsHaveStableCodes) {
  Question two_correct = single(1, "题干", {"甲", "乙", "丙"}, 0);
  two_correct.options[2].correct = true;
  EXPECT_EQ(codes(validate_question(two_correct)), std::vector<std::string>{"single_needs_one_correct"});

  EXPECT_TRUE(has(validate_question(single(1, "题干", {"甲"}, 0)), "too_few_options", "options"));
  EXPECT_TRUE(has(validate_question(single(1, "题干", {"甲", "乙", "丙"}, -1)), "single_needs_one_correct"));
  EXPECT_TRUE(has(validate_question(single(1, "题干", {"甲", " \xE3\x80\x80 "}, 0)), "option_empty", "options[1].text"));
  // "ＡＢ" and "a b" are the same answer once normalised: a candidate could not tell them apart.
  EXPECT_TRUE(has(validate_question(single(1, "题干", {"ＡＢ", "a b", "c"}, 0)), "duplicate_option", "options[1].text"));
  EXPECT_TRUE(has(validate_question(single(1, "  ", {"甲", "乙"}, 0)), "stem_empty", "stem"));

  Question bad = single(1, "题干", {"甲", "乙"}, 0);
  bad.marks = 0;
  bad.tags.difficulty = 6;
  bad.partial_credit = PartialCredit::proportional;  // only for multiple choice and fill-in
  EXPECT_EQ(codes(validate_question(bad)),
            (std::vector<std::string>{"marks_not_positive", "difficulty_out_of_range", "partial_credit_not_applicable"}));

  Question none_correct = single(1, "题干", {"甲", "乙"}, -1);
  none_correct.type = QuestionType::multiple_choice;
  EXPECT_EQ(codes(validate_question(none_correct)), std::vector<std::string>{"no_correct_option"});

  Question tf = true_false_question("陈述", false);
  tf.options.push_back({"不确定", "", false});
  EXPECT_TRUE(has(validate_question(tf), "true_false_needs_two_options"));
}

TEST(QuestionValidation, FillInAndShortAnswerRules) {
  Question fill;
  fill.type = QuestionType::fill_blank;
  fill.stem = "____";
  EXPECT_EQ(codes(validate_question(fill)), std::vector<std::string>{"no_blanks"});
  fill.blanks = {{{"欧姆"}}, {{" ", "\xE3\x80\x80"}}};  // white space only: nothing could ever match
  EXPECT_TRUE(has(validate_question(fill), "blank_without_answer", "blanks[1]"));
  fill.options = {{"甲", "", true}};
  EXPECT_TRUE(has(validate_question(fill), "options_not_allowed"));

  Question essay;
  essay.type = QuestionType::short_answer;
  essay.stem = "简述";
  EXPECT_EQ(codes(validate_question(essay)), std::vector<std::string>{"rubric_missing"});
  essay.blanks = {{{"x"}}};
  EXPECT_TRUE(has(validate_question(essay), "blanks_not_allowed"));
}

TEST(QuestionValidation, TypeCodesRoundTripAndTrueFalseIsFixed) {
  for (auto t : {QuestionType::single_choice, QuestionType::multiple_choice, QuestionType::true_false,
                 QuestionType::fill_blank, QuestionType::short_answer})
    EXPECT_EQ(parse_question_type(to_code(t)), t);
  EXPECT_FALSE(parse_question_type("essay"));
  EXPECT_EQ(parse_partial_credit("proportional"), PartialCredit::proportional);
  EXPECT_EQ(to_code(PartialCredit::all_or_nothing), "all_or_nothing");

  const Question tf = true_false_question("陈述", false, 2);
  ASSERT_EQ(tf.options.size(), 2u);
  EXPECT_EQ(tf.options[0].text, "正确");
  EXPECT_FALSE(tf.options[0].correct);
  EXPECT_TRUE(tf.options[1].correct);
  EXPECT_TRUE(tf.fixed_option_order);
  EXPECT_EQ(tf.marks, 2);
}

TEST(ExamNormalise, FoldsWidthSpacesAndAsciiCaseButKeepsChinese) {
  EXPECT_EQ(normalise_answer("ＡＢＣ　１２３"), "abc123");  // full-width letters, digits and space
  EXPECT_EQ(normalise_answer("ＡＢＣ １２３"), "abc123");
  EXPECT_EQ(normalise_answer("Ω 电阻"), "Ω电阻");           // only ASCII is case-folded; Chinese kept
  EXPECT_EQ(normalise_answer(" H2O\t\r\n"), "h2o");
  EXPECT_EQ(normalise_answer("Ｈ２Ｏ"), "h2o");
  EXPECT_EQ(normalise_answer("（１）～！"), "(1)~!");         // full-width punctuation U+FF01–FF5E
  EXPECT_EQ(normalise_answer("a\xC2\xA0" "b\xE2\x80\x8B" "c"), "abc");  // no-break and zero-width spaces
  EXPECT_EQ(normalise_answer("。、，"), "。、,");              // ， is U+FF0C; 。、 (U+3002, U+3001) stay
  EXPECT_EQ(normalise_answer(""), "");
  EXPECT_EQ(normalise_answer("A\xFF" "B"), "a\xFF" "b");       // invalid bytes are kept, not fatal
}

TEST(ExamDuplicates, KeyIgnoresWidthSpacingCaseAndOptionOrder) {
  const Question a = single(7, "电阻的单位是？", {"欧姆", "伏特", "Ａ"}, 0);
  const Question b = single(3, " 电阻的单位是?", {"a", "欧姆", "伏 特"}, 1);
  EXPECT_EQ(duplicate_key(a), duplicate_key(b));
  EXPECT_NE(duplicate_key(a), duplicate_key(single(9, "电阻的单位是？", {"欧姆", "伏特", "瓦特"}, 0)));

  // Same words, different pictures: two questions.
  Question pictured_a = single(10, "如图所示的元件是？", {"电阻", "电容"}, 0);
  Question pictured_b = pictured_a;
  pictured_a.images = {"img/1.png"};
  pictured_b.images = {"img/2.png"};
  pictured_b.id = 11;
  EXPECT_NE(duplicate_key(pictured_a), duplicate_key(pictured_b));

  // A boundary cannot be forged by moving text between stem and options.
  EXPECT_NE(duplicate_key(single(1, "ab", {"c", "d"}, 0)), duplicate_key(single(2, "a", {"bc", "d"}, 0)));

  const auto groups = find_duplicates({a, pictured_a, b, pictured_b, single(5, "电阻的单位是？ ", {"伏特", "A", "欧姆"}, 2)});
  EXPECT_EQ(groups, (std::vector<std::vector<std::int64_t>>{{3, 5, 7}}));
}
