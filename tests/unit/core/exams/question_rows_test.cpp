#include "core/exams/question_rows.hpp"

#include <gtest/gtest.h>

#include "import_test_support.hpp"

#include <algorithm>

using namespace skb::core;
using namespace skb::core::exam;
using namespace skb::core::exam::testing;

namespace {

QuestionRow row(std::string type, std::string stem, std::vector<std::string> options, std::string answer) {
  QuestionRow r;
  r.type = std::move(type);
  r.stem = std::move(stem);
  r.options = std::move(options);
  r.answer = std::move(answer);
  return r;
}

}  // namespace

TEST(QuestionRowTemplate, HeaderIsTheDocumentedEighteenColumns) {
  const auto header = template_header();
  ASSERT_EQ(header.size(), 18u);
  EXPECT_EQ(header[0], "题型");
  EXPECT_EQ(header[1], "题干");
  EXPECT_EQ(header[2], "选项A");
  EXPECT_EQ(header[9], "选项H");
  EXPECT_EQ((std::vector<std::string>(header.begin() + 10, header.end())),
            (std::vector<std::string>{"答案", "分值", "难度", "能力维度", "技能等级", "评分方式", "分类", "解析/评分要点"}));
}

TEST(QuestionRowTemplate, ExamplesParseWithoutProblemsOnePerType) {
  const auto examples = template_examples();
  const ImportParse parsed = parse_rows(examples);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 5u);
  std::vector<QuestionType> types;
  for (const auto& q : parsed.questions) types.push_back(q.question.type);
  EXPECT_EQ(types, (std::vector<QuestionType>{QuestionType::single_choice, QuestionType::multiple_choice,
                                              QuestionType::true_false, QuestionType::fill_blank, QuestionType::short_answer}));
  EXPECT_EQ(correct_flags(parsed.questions[0].question), (std::vector<bool>{false, false, false, true}));  // 48V
  EXPECT_EQ(parsed.questions[1].question.partial_credit, PartialCredit::proportional);
  EXPECT_EQ(accepted(parsed.questions[3].question), (std::vector<std::vector<std::string>>{{"50", "50Hz"}, {"42", "42V"}}));
  EXPECT_EQ(parsed.questions[4].question.marks, 5);
}

TEST(QuestionRowParse, ReadsEveryTypeAndTheUsualAnswerSpellings) {
  std::vector<QuestionRow> rows;
  rows.push_back(row("单选", "电流的国际单位是？", {"伏特", "安培", "欧姆", "瓦特"}, "b"));
  rows.push_back(row("multiple_choice", "属于安全电压额定值的有？", {"42V", "36V", "110V", "12V"}, "A、B,D"));
  rows.push_back(row("多选题", "兆欧表的接线端有？", {"L 线路端", "E 接地端", "G 屏蔽端", "N 零线端"}, "ＡＢＣ"));
  rows.push_back(row("判断", "电气设备的金属外壳应可靠接地。", {}, "√"));
  rows.push_back(row("判断题", "万用表可以带电测量电阻。", {}, "F"));
  rows.push_back(row("判断题", "验电前应先在有电设备上确认验电器良好。", {"正确", "错误"}, "A"));  // a letter, as some banks write it
  rows.push_back(row("填空", "三相四线制中，相电压为____V，线电压为____V。", {}, "220|220V;380｜380V"));
  QuestionRow essay = row("问答", "简述停电检修时保证安全的技术措施。", {}, "");
  essay.explanation = "停电、验电、装设接地线、悬挂标示牌和装设遮栏";  // no 答案: the 解析 column is the rubric
  rows.push_back(essay);

  const ImportParse parsed = parse_rows(rows);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 8u);
  const auto& q = parsed.questions;
  EXPECT_EQ(q[0].row, 1);
  EXPECT_EQ(q[0].question.type, QuestionType::single_choice);
  EXPECT_EQ(correct_flags(q[0].question), (std::vector<bool>{false, true, false, false}));
  EXPECT_EQ(q[1].question.type, QuestionType::multiple_choice);
  EXPECT_EQ(correct_flags(q[1].question), (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(correct_flags(q[2].question), (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(q[3].question.type, QuestionType::true_false);
  EXPECT_EQ(q[3].question.options[0].text, "正确");
  EXPECT_EQ(correct_flags(q[3].question), (std::vector<bool>{true, false}));
  EXPECT_TRUE(q[3].question.fixed_option_order);
  EXPECT_EQ(correct_flags(q[4].question), (std::vector<bool>{false, true}));
  EXPECT_EQ(correct_flags(q[5].question), (std::vector<bool>{true, false}));
  EXPECT_EQ(accepted(q[6].question), (std::vector<std::vector<std::string>>{{"220", "220V"}, {"380", "380V"}}));
  EXPECT_EQ(q[7].question.type, QuestionType::short_answer);
  EXPECT_EQ(q[7].question.rubric, "停电、验电、装设接地线、悬挂标示牌和装设遮栏");
}

TEST(QuestionRowParse, BlankCellsTakeTheDefaultsAndWordsAreRead) {
  QuestionRow plain = row("单选题", "电阻的单位是？", {"欧姆", "伏特", "", ""}, "A");  // empty trailing cells
  QuestionRow worded = row("多选题", "绝缘安全用具包括？", {"绝缘手套", "绝缘靴", "安全帽"}, "AB");
  worded.marks = "２分";
  worded.difficulty = "较难";
  worded.skill_level = "高级工";
  worded.partial_credit = "按比例";
  worded.dimension = " 安全规范 ";
  worded.category = "安全用具";
  QuestionRow numbered = row("填空题", "我国工频交流电的频率为____Hz。", {}, "50");
  numbered.difficulty = "5";
  numbered.skill_level = "3";
  numbered.partial_credit = "all_or_nothing";
  numbered.marks = "1.5";

  const ImportParse parsed = parse_rows({plain, worded, numbered});
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 3u);
  const Question& a = parsed.questions[0].question;
  EXPECT_EQ(a.options.size(), 2u);
  EXPECT_EQ(a.marks, 1);
  EXPECT_EQ(a.tags.difficulty, 3);
  EXPECT_FALSE(a.tags.skill_level);
  EXPECT_EQ(a.partial_credit, PartialCredit::all_or_nothing);
  const Question& b = parsed.questions[1].question;
  EXPECT_EQ(b.marks, 2);
  EXPECT_EQ(b.tags.difficulty, 4);
  EXPECT_EQ(b.tags.skill_level, SkillLevel::senior);
  EXPECT_EQ(b.partial_credit, PartialCredit::proportional);
  EXPECT_EQ(parsed.questions[1].dimension_name, "安全规范");
  EXPECT_EQ(parsed.questions[1].category, "安全用具");
  const Question& c = parsed.questions[2].question;
  EXPECT_EQ(c.tags.difficulty, 5);
  EXPECT_EQ(c.tags.skill_level, SkillLevel::senior);
  EXPECT_EQ(c.marks, 1.5);
}

TEST(QuestionRowParse, EveryProblemHasACodeAndItsRowAndEmptyRowsAreSkipped) {
  QuestionRow bad_marks = row("单选题", "题干", {"甲", "乙"}, "A");
  bad_marks.marks = "两分";
  QuestionRow bad_tags = row("多选题", "题干二", {"甲", "乙"}, "AB");
  bad_tags.difficulty = "很难";
  bad_tags.skill_level = "大师";
  bad_tags.partial_credit = "看心情";
  QuestionRow empty;
  empty.options = {"", " ", "\xE3\x80\x80"};  // the page sends eight option cells, all blank

  const ImportParse parsed = parse_rows({
      row("名词解释", "欧姆定律", {}, "U=IR"),                       // 1
      row("单选题", "电阻的单位是？", {"欧姆", "伏特"}, "C"),          // 2
      row("单选题", "电压的单位是？", {"欧姆", "伏特"}, ""),           // 3
      row("单选题", "电功率的单位是？", {"瓦特", "焦耳"}, "甲"),       // 4
      bad_marks,                                                       // 5
      bad_tags,                                                        // 6
      empty,                                                           // 7: skipped
      row("判断题", "接地线可以用缠绕的方法连接。", {}, "不对"),      // 8
      row("单选题", "", {"甲", "甲"}, "AB"),                           // 9: validate_question's problems
      row("", "没有题型的题", {"甲", "乙"}, "A"),                      // 10
      row("填空题", "频率为____Hz。", {}, ""),                         // 11
  });
  EXPECT_TRUE(has(parsed.problems, 1, "type_unknown", "type")) << describe(parsed.problems);
  EXPECT_TRUE(has(parsed.problems, 2, "answer_letter_out_of_range", "answer"));
  EXPECT_TRUE(has(parsed.problems, 3, "answer_missing", "answer"));
  EXPECT_TRUE(has(parsed.problems, 4, "answer_not_letters", "answer"));
  EXPECT_TRUE(has(parsed.problems, 5, "marks_not_number", "marks"));
  EXPECT_TRUE(has(parsed.problems, 6, "difficulty_unknown", "difficulty"));
  EXPECT_TRUE(has(parsed.problems, 6, "skill_level_unknown", "skill_level"));
  EXPECT_TRUE(has(parsed.problems, 6, "partial_credit_unknown", "partial_credit"));
  EXPECT_FALSE(std::any_of(parsed.problems.begin(), parsed.problems.end(), [](const FieldProblem& p) { return p.row == 7; }));
  EXPECT_TRUE(has(parsed.problems, 8, "answer_not_true_false", "answer"));
  EXPECT_TRUE(has(parsed.problems, 9, "stem_empty", "stem"));
  EXPECT_TRUE(has(parsed.problems, 9, "duplicate_option"));
  EXPECT_TRUE(has(parsed.problems, 9, "single_needs_one_correct"));
  EXPECT_TRUE(has(parsed.problems, 10, "type_missing", "type"));
  EXPECT_TRUE(has(parsed.problems, 11, "answer_missing", "answer"));
  // An unreadable answer is said once, not again as "exactly one correct option".
  EXPECT_FALSE(has(parsed.problems, 3, "single_needs_one_correct"));
  EXPECT_FALSE(has(parsed.problems, 11, "no_blanks"));
  // Messages are Chinese with the English in parentheses.
  for (const auto& p : parsed.problems) EXPECT_NE(p.message.find(" ("), std::string::npos) << p.message;
  // Rows with a readable type are kept for the preview; the caller saves nothing while problems exist.
  EXPECT_EQ(parsed.questions.size(), 8u);
}

TEST(QuestionRowParse, OptionCellsOnAFillInAreReportedNotDropped) {
  const ImportParse parsed = parse_rows({row("填空题", "频率为____Hz。", {"50"}, "50")});
  EXPECT_TRUE(has(parsed.problems, 1, "options_not_allowed")) << describe(parsed.problems);
}

TEST(QuestionRowRoundTrip, EveryTypeSurvivesToRowAndBack) {
  std::vector<ImportedQuestion> originals(6);
  Question& single = originals[0].question;
  single.stem = "我国规定的安全电压额定值等级中，不包括下列哪一项？";
  single.options = {{"42V", "", false}, {"36V", "", false}, {"24V", "", false}, {"48V", "", true}};
  single.tags.difficulty = 2;
  single.tags.skill_level = SkillLevel::junior;
  originals[0].category = "安全用电";
  originals[0].dimension_name = "安全规范";
  originals[0].explanation = "安全电压额定值等级为42、36、24、12、6V。";

  Question& multiple = originals[1].question;
  multiple.type = QuestionType::multiple_choice;
  multiple.stem = "使用兆欧表测量绝缘电阻前，应做好哪些准备？";
  multiple.options = {{"切断电源", "", true}, {"充分放电", "", true}, {"带电测量", "", false}, {"开路和短路试验", "", true}};
  multiple.partial_credit = PartialCredit::proportional;
  multiple.marks = 2.5;
  originals[1].category = "电工仪表";

  Question& all_or_nothing = originals[2].question;
  all_or_nothing = multiple;
  all_or_nothing.partial_credit = PartialCredit::all_or_nothing;
  all_or_nothing.stem = "兆欧表的接线端有？";

  originals[3].question = true_false_question("用兆欧表测量绝缘电阻时，被测设备可以不停电。", false, 1);
  originals[3].question.tags.difficulty = 1;

  Question& fill = originals[4].question;
  fill.type = QuestionType::fill_blank;
  fill.stem = "我国工频交流电的频率为____Hz，安全电压额定值的最高等级为____V。";
  fill.blanks = {{{"50", "50Hz"}}, {{"42", "42V"}}};
  fill.partial_credit = PartialCredit::proportional;
  fill.marks = 2;

  Question& essay = originals[5].question;
  essay.type = QuestionType::short_answer;
  essay.stem = "简述发现有人触电时的现场急救步骤。";
  essay.rubric = "切断电源（2分）；判断意识和呼吸（1分）；心肺复苏（2分）";
  essay.marks = 5;
  essay.tags.skill_level = SkillLevel::intermediate;
  originals[5].explanation = "先断电，后救人";

  std::vector<QuestionRow> rows;
  for (const auto& o : originals) rows.push_back(to_row(o.question, o.category, o.dimension_name, o.explanation));
  EXPECT_EQ(rows[0].answer, "D");
  EXPECT_EQ(rows[1].answer, "ABD");
  EXPECT_EQ(rows[3].answer, "错误");
  EXPECT_EQ(rows[4].answer, "50|50Hz；42|42V");
  EXPECT_EQ(rows[5].skill_level, "中级工");

  const ImportParse parsed = parse_rows(rows);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), originals.size());
  for (size_t i = 0; i < originals.size(); ++i) {
    EXPECT_EQ(parsed.questions[i].row, static_cast<int>(i + 1));
    expect_same(parsed.questions[i], originals[i]);
  }
}

TEST(QuestionRowShared, TrueFalseWordsBlankMarksNumbersAndTags) {
  for (const char* yes : {"正确", "对", "√", "T", "true", "TRUE", "是", "ｔ"}) EXPECT_EQ(parse_true_false(yes), true) << yes;
  for (const char* no : {"错误", "错", "×", "F", "false", "否"}) EXPECT_EQ(parse_true_false(no), false) << no;
  EXPECT_FALSE(parse_true_false("不对"));

  EXPECT_EQ(split_at_blank_marks("频率为____Hz，电压为______V"), (std::vector<std::string>{"频率为", "Hz，电压为", "V"}));
  EXPECT_EQ(split_at_blank_marks("a_b__c"), (std::vector<std::string>{"a_b__c"}));  // short runs are text
  EXPECT_EQ(format_number(2), "2");
  EXPECT_EQ(format_number(2.5), "2.5");

  ImportedQuestion iq;
  iq.row = 4;
  iq.question.type = QuestionType::multiple_choice;
  iq.question.marks = 3;
  iq.question.fixed_option_order = true;
  iq.question.tags.difficulty = 4;
  iq.question.tags.skill_level = SkillLevel::technician;
  iq.dimension_name = "仪表使用";
  EXPECT_EQ(to_tags(iq, TagFormat::gift), (std::vector<std::string>{"分值:3", "选项顺序:固定", "难度:4", "技能等级:技师",
                                                                   "能力维度:仪表使用", "评分方式:全对得分"}));
  EXPECT_EQ(to_tags(iq, TagFormat::moodle_xml).size(), 4u);  // Moodle XML has its own marks and shuffle fields

  ImportedQuestion back;
  back.row = 4;
  std::vector<FieldProblem> problems;
  for (const auto& tag : to_tags(iq, TagFormat::gift)) apply_tag(tag, back, problems);
  apply_tag("难度：较易", back, problems);  // full-width colon
  apply_tag("章节:第三章", back, problems);  // not ours: ignored
  EXPECT_TRUE(problems.empty()) << describe(problems);
  EXPECT_EQ(back.question.marks, 3);
  EXPECT_TRUE(back.question.fixed_option_order);
  EXPECT_EQ(back.question.tags.difficulty, 2);
  EXPECT_EQ(back.question.tags.skill_level, SkillLevel::technician);
  EXPECT_EQ(back.dimension_name, "仪表使用");
  apply_tag("评分方式:随便", back, problems);
  apply_tag("分值:很多", back, problems);
  EXPECT_TRUE(has(problems, 4, "partial_credit_unknown", "tags"));
  EXPECT_TRUE(has(problems, 4, "marks_not_number", "tags"));
}
