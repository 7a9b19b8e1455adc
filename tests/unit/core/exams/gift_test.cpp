#include "core/exams/gift.hpp"

#include <gtest/gtest.h>

#include "import_test_support.hpp"

#include <algorithm>

using namespace skb::core;
using namespace skb::core::exam;
using namespace skb::core::exam::testing;

namespace {

// A hand-written bank as teachers write GIFT: comments, categories, titles, tabs, feedback.
constexpr std::string_view kBank = R"(// 电工理论题库 (GIFT)
// 2026 年网上练兵用

$CATEGORY: $course$/top/电工/安全用电

// [tag:难度:2] [tag:能力维度:安全规范]
::安全电压::我国规定的安全电压额定值等级中，不包括下列哪一项？ {
	~42V
	~36V
	~24V
	=48V#正确：安全电压最高为42V
	####安全电压额定值等级为42V、36V、24V、12V、6V。
}

::兆欧表准备:: 使用兆欧表测量绝缘电阻前，应做好哪些准备？ {
	~%33.33333%切断被测设备的电源
	~%33.33333%对被测设备充分放电
	~%33.33333%对兆欧表做开路和短路试验
	~%-100%保持设备带电以便观察
}

兆欧表的接线端有哪些？ {=L 线路端 =E 接地端 =G 屏蔽端 ~N 零线端}

用兆欧表测量绝缘电阻时，被测设备可以不停电。{F}

电气设备的金属外壳应可靠接地。{TRUE#错了#对了}

$CATEGORY: $course$/top/电工/电工基础

我国工频交流电的频率为{=50 =50Hz}Hz。

三相四线制中，相电压为{=220 =220V}V，线电压为{=380 =380V}V。

欧姆定律的表达式是什么？ {=I\=U/R =I \= U / R}

::急救:: 简述发现有人触电时的现场急救步骤。 {####迅速切断电源；判断意识和呼吸；心肺复苏}

简述停电检修的技术措施。{}

[html]<p>如图所示电路中，<b>R1</b>&amp;R2 串联，总电阻为多少？</p> {=30Ω =30欧}
)";

}  // namespace

TEST(GiftParse, ReadsEveryKindOfAHandWrittenBank) {
  const ImportParse parsed = parse_gift(kBank);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 11u);
  const auto& q = parsed.questions;

  EXPECT_EQ(q[0].row, 1);
  EXPECT_EQ(q[0].category, "电工/安全用电");
  EXPECT_EQ(q[0].question.type, QuestionType::single_choice);
  EXPECT_EQ(q[0].question.stem, "我国规定的安全电压额定值等级中，不包括下列哪一项？");
  EXPECT_EQ(option_texts(q[0].question), (std::vector<std::string>{"42V", "36V", "24V", "48V"}));  // feedback dropped
  EXPECT_EQ(correct_flags(q[0].question), (std::vector<bool>{false, false, false, true}));
  EXPECT_EQ(q[0].explanation, "安全电压额定值等级为42V、36V、24V、12V、6V。");
  EXPECT_EQ(q[0].question.tags.difficulty, 2);
  EXPECT_EQ(q[0].dimension_name, "安全规范");

  EXPECT_EQ(q[1].question.type, QuestionType::multiple_choice);
  EXPECT_EQ(q[1].question.partial_credit, PartialCredit::proportional);
  EXPECT_EQ(correct_flags(q[1].question), (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(q[1].question.tags.difficulty, 3);  // tags belong to their own question only

  EXPECT_EQ(q[2].question.type, QuestionType::multiple_choice);
  EXPECT_EQ(q[2].question.partial_credit, PartialCredit::all_or_nothing);
  EXPECT_EQ(option_texts(q[2].question)[0], "L 线路端");
  EXPECT_EQ(correct_flags(q[2].question), (std::vector<bool>{true, true, true, false}));

  EXPECT_EQ(q[3].question.type, QuestionType::true_false);
  EXPECT_EQ(option_texts(q[3].question), (std::vector<std::string>{"正确", "错误"}));
  EXPECT_EQ(correct_flags(q[3].question), (std::vector<bool>{false, true}));
  EXPECT_TRUE(q[3].question.fixed_option_order);
  EXPECT_EQ(correct_flags(q[4].question), (std::vector<bool>{true, false}));

  EXPECT_EQ(q[5].category, "电工/电工基础");
  EXPECT_EQ(q[5].question.type, QuestionType::fill_blank);
  EXPECT_EQ(q[5].question.stem, "我国工频交流电的频率为____Hz。");
  EXPECT_EQ(accepted(q[5].question), (std::vector<std::vector<std::string>>{{"50", "50Hz"}}));
  EXPECT_EQ(q[6].question.stem, "三相四线制中，相电压为____V，线电压为____V。");
  EXPECT_EQ(accepted(q[6].question), (std::vector<std::vector<std::string>>{{"220", "220V"}, {"380", "380V"}}));
  EXPECT_EQ(q[7].question.stem, "欧姆定律的表达式是什么？");  // an answer block after the question: no "____"
  EXPECT_EQ(accepted(q[7].question), (std::vector<std::vector<std::string>>{{"I=U/R", "I = U / R"}}));

  EXPECT_EQ(q[8].question.type, QuestionType::short_answer);
  EXPECT_EQ(q[8].question.stem, "简述发现有人触电时的现场急救步骤。");
  EXPECT_EQ(q[8].question.rubric, "迅速切断电源；判断意识和呼吸；心肺复苏");
  EXPECT_EQ(q[8].explanation, "");
  EXPECT_EQ(q[9].question.rubric, "按要点评分");

  EXPECT_EQ(q[10].question.stem, "如图所示电路中，R1&R2 串联，总电阻为多少？");
  EXPECT_EQ(accepted(q[10].question), (std::vector<std::vector<std::string>>{{"30Ω", "30欧"}}));
  EXPECT_EQ(q[10].row, 11);
}

TEST(GiftParse, EscapesLineBreaksAndWindowsFiles) {
  const std::string text =
      "\xEF\xBB\xBF::t:: 公式 P\\=UI 中\\{P\\}表示什么\\: 第一行\\n第二行 \\~ \\# {\r\n=功率 ~电压\r\n}\r\n";
  const ImportParse parsed = parse_gift(text);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 1u);
  EXPECT_EQ(parsed.questions[0].question.stem, "公式 P=UI 中{P}表示什么: 第一行\n第二行 ~ #");
  EXPECT_EQ(option_texts(parsed.questions[0].question), (std::vector<std::string>{"功率", "电压"}));
}

TEST(GiftParse, UnsupportedAndBrokenQuestionsAreReportedWithTheirNumber) {
  const ImportParse parsed = parse_gift(R"(
::匹配:: 将仪表与用途匹配。 {
	=电流表 -> 测量电流
	=电压表 -> 测量电压
}

::数值:: 工频交流电的频率是多少Hz？ {#50:0}

这只是一段说明文字，没有答案。

电阻的单位是 {=欧姆

电阻的单位是？ {=欧姆 ~伏特}

电阻的单位符号是 {=Ω =%50%欧}

相电压{=220}，请选择线电压{~220 =380}

功率的单位是？ {=%abc%瓦特 ~焦耳}

::未结束的标题 功率的单位是？ {=瓦特 ~焦耳}

// [tag:难度:极难] [tag:分值:两分]
验电器使用前应先在有电设备上试验。{T}
)");
  EXPECT_TRUE(has(parsed.problems, 1, "gift_unsupported")) << describe(parsed.problems);  // matching
  EXPECT_TRUE(has(parsed.problems, 2, "gift_unsupported"));  // numeric
  EXPECT_TRUE(has(parsed.problems, 3, "gift_unsupported"));  // description
  EXPECT_TRUE(has(parsed.problems, 4, "gift_syntax"));       // no closing brace
  EXPECT_FALSE(std::any_of(parsed.problems.begin(), parsed.problems.end(), [](const FieldProblem& p) { return p.row == 5; }));
  EXPECT_TRUE(has(parsed.problems, 6, "gift_unsupported"));  // a partly right short answer
  EXPECT_TRUE(has(parsed.problems, 7, "gift_unsupported"));  // fill-in and choice blocks mixed
  EXPECT_TRUE(has(parsed.problems, 8, "gift_syntax"));       // weight that is not a number
  EXPECT_TRUE(has(parsed.problems, 9, "gift_syntax"));       // title not closed
  EXPECT_TRUE(has(parsed.problems, 10, "difficulty_unknown"));
  EXPECT_TRUE(has(parsed.problems, 10, "marks_not_number"));
  for (const auto& p : parsed.problems) EXPECT_NE(p.message.find(" ("), std::string::npos) << p.message;

  std::vector<int> rows;
  for (const auto& q : parsed.questions) rows.push_back(q.row);
  EXPECT_EQ(rows, (std::vector<int>{5, 6, 10}));
}

TEST(GiftRoundTrip, ExportThenImportGivesTheSameQuestions) {
  std::vector<ImportedQuestion> originals(10);
  Question& single = originals[0].question;
  single.stem = "我国规定的安全电压额定值等级中，不包括下列哪一项？";
  single.options = {{"42V", "", false}, {"36V", "", false}, {"24V", "", false}, {"以上都不是", "", true}};
  single.fixed_option_order = true;  // "以上都不是" stays last
  single.tags.difficulty = 2;
  single.tags.skill_level = SkillLevel::junior;
  originals[0].category = "电工/安全用电";
  originals[0].dimension_name = "安全规范";
  originals[0].explanation = "安全电压额定值等级为42、36、24、12、6V。";

  Question& proportional = originals[1].question;
  proportional.type = QuestionType::multiple_choice;
  proportional.stem = "使用兆欧表测量绝缘电阻前，应做好哪些准备？";
  proportional.options = {{"切断电源", "", true}, {"充分放电", "", true}, {"带电测量", "", false}, {"开路和短路试验", "", true}};
  proportional.partial_credit = PartialCredit::proportional;
  proportional.marks = 3;
  originals[1].category = "电工/安全用电";

  Question& all_or_nothing = originals[2].question;
  all_or_nothing = proportional;
  all_or_nothing.stem = "兆欧表的接线端有？";
  all_or_nothing.partial_credit = PartialCredit::all_or_nothing;
  all_or_nothing.marks = 2;
  originals[2].category = "电工/电工仪表";

  originals[3].question = true_false_question("电气设备的金属外壳应可靠接地。", true);
  originals[3].category = "电工/电工仪表";
  originals[3].explanation = "保护接地防止触电。";
  originals[4].question = true_false_question("万用表可以带电测量电阻。", false, 0.5);

  Question& blank_at_end = originals[5].question;
  blank_at_end.type = QuestionType::fill_blank;
  blank_at_end.stem = "我国工频交流电的频率为____";
  blank_at_end.blanks = {{{"50Hz", "50"}}};
  Question& asked = originals[6].question;
  asked = blank_at_end;
  asked.stem = "我国工频交流电的频率是多少赫兹？";
  Question& two_blanks = originals[7].question;
  two_blanks.type = QuestionType::fill_blank;
  two_blanks.stem = "三相四线制中，相电压为____V，线电压为____V。";
  two_blanks.blanks = {{{"220"}}, {{"380"}}};
  two_blanks.marks = 2;
  originals[7].explanation = "线电压是相电压的√3倍。";

  Question& essay = originals[8].question;
  essay.type = QuestionType::short_answer;
  essay.stem = "简述发现有人触电时的现场急救步骤。\n（答题不少于50字）";
  essay.rubric = "切断电源（2分）；判断意识和呼吸（1分）；心肺复苏（2分）";
  essay.marks = 5;
  essay.tags.skill_level = SkillLevel::intermediate;
  // A short answer's general feedback is its rubric: GIFT has no room for an explanation as well.

  Question& awkward = originals[9].question;  // every character GIFT treats specially
  awkward.stem = "::不是标题:: 公式 P=UI 中 {P} 表示什么？ #1 ~ \\ 反斜杠";
  awkward.options = {{"功率 {W}", "", true}, {"电压=U", "", false}, {"电流~I", "", false}, {"电阻#R", "", false}};

  const std::string gift = to_gift(originals);
  EXPECT_NE(gift.find("$CATEGORY: $course$/top/电工/安全用电"), std::string::npos) << gift;
  EXPECT_NE(gift.find("[tag:评分方式:按比例]"), std::string::npos) << gift;
  EXPECT_NE(gift.find("~%33.33333%切断电源"), std::string::npos) << gift;  // Moodle's own weights
  EXPECT_NE(gift.find("$CATEGORY: $course$/top\n"), std::string::npos) << gift;  // back to no category

  const ImportParse parsed = parse_gift(gift);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems) << gift;
  ASSERT_EQ(parsed.questions.size(), originals.size()) << gift;
  for (size_t i = 0; i < originals.size(); ++i) {
    EXPECT_EQ(parsed.questions[i].row, static_cast<int>(i + 1));
    expect_same(parsed.questions[i], originals[i]);
  }
}
