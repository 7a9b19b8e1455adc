#include "core/exams/moodle_xml.hpp"

#include <gtest/gtest.h>

#include "import_test_support.hpp"

#include <algorithm>

using namespace skb::core;
using namespace skb::core::exam;
using namespace skb::core::exam::testing;

namespace {

constexpr std::string_view kPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

// Shaped like a Moodle 4.x export of a Chinese course: CDATA html, an embedded picture, categories,
// feedback we do not keep, an html stem escaped as entities instead of CDATA.
const std::string kExport = R"(<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/电工/安全用电</text>
    </category>
    <info format="moodle_auto_format">
      <text>安全用电题目</text>
    </info>
    <idnumber></idnumber>
  </question>

<!-- question: 1201  -->
  <question type="multichoice">
    <name>
      <text>安全电压等级</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr" style="text-align: left;">我国规定的安全电压额定值等级中，<strong>不包括</strong>下列哪一项？<br></p><p><img src="@@PLUGINFILE@@/safety.png" alt="安全标志 > 警示" width="120" height="80" class="img-fluid"></p>]]></text>
      <file name="safety.png" path="/" encoding="base64">)" + std::string(kPng) + R"(</file>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>安全电压额定值等级为42V、36V、24V、12V、6V。</p>]]></text>
    </generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>ABCD</answernumbering>
    <showstandardinstruction>0</showstandardinstruction>
    <correctfeedback format="html">
      <text>你的回答正确。</text>
    </correctfeedback>
    <incorrectfeedback format="html">
      <text>你的回答不正确。</text>
    </incorrectfeedback>
    <shownumcorrect/>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>42V</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>36V</p>]]></text>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>24V</p>]]></text>
    </answer>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>48V</p>]]></text>
      <feedback format="html">
        <text><![CDATA[<p>对：最高等级是42V。</p>]]></text>
      </feedback>
    </answer>
    <tags>
      <tag><text>电工</text></tag>
      <tag><text>难度:2</text></tag>
    </tags>
  </question>

<!-- question: 1202  -->
  <question type="multichoice">
    <name>
      <text>兆欧表准备</text>
    </name>
    <questiontext format="html">
      <text>&lt;p&gt;使用兆欧表测量绝缘电阻前，应做好哪些准备？&lt;/p&gt;</text>
    </questiontext>
    <defaultgrade>3.0000000</defaultgrade>
    <single>false</single>
    <shuffleanswers>0</shuffleanswers>
    <answer fraction="33.33333" format="html"><text>切断被测设备的电源</text></answer>
    <answer fraction="33.33333" format="html"><text>对被测设备充分放电</text></answer>
    <answer fraction="33.33334" format="html"><text>对兆欧表做开路和短路试验</text></answer>
    <answer fraction="-100" format="html"><text>保持设备带电以便观察</text></answer>
  </question>

<!-- question: 1203  -->
  <question type="truefalse">
    <name>
      <text>兆欧表停电</text>
    </name>
    <questiontext format="moodle_auto_format">
      <text>用兆欧表测量绝缘电阻时，被测设备可以不停电。</text>
    </questiontext>
    <generalfeedback format="moodle_auto_format">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <answer fraction="0" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html">
        <text>错误：必须停电。</text>
      </feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>false</text>
    </answer>
  </question>

  <question type="category">
    <category>
      <text>$course$/top/电工/电工基础</text>
    </category>
  </question>

  <question type="shortanswer">
    <name>
      <text>工频</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>我国工频交流电的频率为____Hz。</p>]]></text>
    </questiontext>
    <defaultgrade>1</defaultgrade>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>50</text>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>50Hz</text>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html"><text>再想想。</text></feedback>
    </answer>
  </question>

  <question type="essay">
    <name>
      <text>触电急救</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>简述发现有人触电时的现场急救步骤。</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>先断电，后救人。</p>]]></text>
    </generalfeedback>
    <defaultgrade>5</defaultgrade>
    <responseformat>editor</responseformat>
    <responserequired>1</responserequired>
    <graderinfo format="html">
      <text><![CDATA[<p>切断电源（2分）</p><p>判断意识和呼吸（1分）</p><p>心肺复苏（2分）</p>]]></text>
    </graderinfo>
    <responsetemplate format="html">
      <text></text>
    </responsetemplate>
  </question>

  <question type="cloze">
    <name>
      <text>三相电压</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>三相四线制中，相电压为{1:SHORTANSWER:=220~=220V#对}V，线电压为{1:SA:%100%380~%0%220#错}V。</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
  </question>
</quiz>
)";

}  // namespace

TEST(MoodleXmlParse, ReadsARealisticExportWithCdataHtmlPicturesAndCategories) {
  const ImportParse parsed = parse_moodle_xml(kExport);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 6u);
  const auto& q = parsed.questions;

  EXPECT_EQ(q[0].row, 1);
  EXPECT_EQ(q[0].category, "电工/安全用电");
  EXPECT_EQ(q[0].question.type, QuestionType::single_choice);
  EXPECT_EQ(q[0].question.stem, "我国规定的安全电压额定值等级中，不包括下列哪一项？");
  EXPECT_EQ(option_texts(q[0].question), (std::vector<std::string>{"42V", "36V", "24V", "48V"}));
  EXPECT_EQ(correct_flags(q[0].question), (std::vector<bool>{false, false, false, true}));
  EXPECT_EQ(q[0].question.marks, 2);
  EXPECT_EQ(q[0].question.tags.difficulty, 2);
  EXPECT_EQ(q[0].explanation, "安全电压额定值等级为42V、36V、24V、12V、6V。");
  EXPECT_EQ(q[0].question.images, std::vector<std::string>{"safety.png"});
  ASSERT_EQ(q[0].files.size(), 1u);
  EXPECT_EQ(q[0].files[0].name, "safety.png");
  EXPECT_EQ(q[0].files[0].mime, "image/png");
  EXPECT_EQ(q[0].files[0].bytes.size(), 70u);
  EXPECT_EQ(q[0].files[0].bytes.substr(0, 8), std::string("\x89PNG\r\n\x1A\n", 8));

  EXPECT_EQ(q[1].question.type, QuestionType::multiple_choice);
  EXPECT_EQ(q[1].question.stem, "使用兆欧表测量绝缘电阻前，应做好哪些准备？");  // html escaped as entities
  EXPECT_EQ(q[1].question.partial_credit, PartialCredit::proportional);
  EXPECT_EQ(correct_flags(q[1].question), (std::vector<bool>{true, true, true, false}));
  EXPECT_TRUE(q[1].question.fixed_option_order);  // shuffleanswers 0
  EXPECT_EQ(q[1].question.marks, 3);

  EXPECT_EQ(q[2].question.type, QuestionType::true_false);
  EXPECT_EQ(option_texts(q[2].question), (std::vector<std::string>{"正确", "错误"}));
  EXPECT_EQ(correct_flags(q[2].question), (std::vector<bool>{false, true}));
  EXPECT_EQ(q[2].explanation, "");

  EXPECT_EQ(q[3].category, "电工/电工基础");
  EXPECT_EQ(q[3].question.type, QuestionType::fill_blank);
  EXPECT_EQ(q[3].question.stem, "我国工频交流电的频率为____Hz。");
  EXPECT_EQ(accepted(q[3].question), (std::vector<std::vector<std::string>>{{"50", "50Hz"}}));  // "*" at 0% is not an answer

  EXPECT_EQ(q[4].question.type, QuestionType::short_answer);
  EXPECT_EQ(q[4].question.rubric, "切断电源（2分）\n判断意识和呼吸（1分）\n心肺复苏（2分）");
  EXPECT_EQ(q[4].explanation, "先断电，后救人。");
  EXPECT_EQ(q[4].question.marks, 5);

  EXPECT_EQ(q[5].question.type, QuestionType::fill_blank);
  EXPECT_EQ(q[5].question.stem, "三相四线制中，相电压为____V，线电压为____V。");
  EXPECT_EQ(accepted(q[5].question), (std::vector<std::vector<std::string>>{{"220", "220V"}, {"380"}}));
  EXPECT_EQ(q[5].question.partial_credit, PartialCredit::proportional);
  EXPECT_EQ(q[5].question.marks, 1);  // no defaultgrade
  EXPECT_EQ(q[5].row, 6);
}

TEST(MoodleXmlParse, CdataIsTextEvenBesidePlainTextAndAcrossSections) {
  // property_tree appends CDATA to the element's text; a "]]>" inside the text is written as two sections.
  const ImportParse parsed = parse_moodle_xml(R"(<quiz>
  <question type="essay">
    <questiontext format="html"><text>前缀 <![CDATA[<b>兆欧表</b> &amp; 接地]]> 后缀</text></questiontext>
    <graderinfo format="plain_text"><text><![CDATA[数组 a[b[0]]]]><![CDATA[> 0 时 <不是标签>]]></text></graderinfo>
  </question>
</quiz>)");
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 1u);
  EXPECT_EQ(parsed.questions[0].question.stem, "前缀 兆欧表 & 接地 后缀");
  EXPECT_EQ(parsed.questions[0].question.rubric, "数组 a[b[0]]> 0 时 <不是标签>");
}

TEST(MoodleXmlParse, AllOrNothingPluginShuffleAndEssayRubricFallbacks) {
  const ImportParse parsed = parse_moodle_xml(R"(<quiz>
  <question type="multichoiceset">
    <questiontext format="plain_text"><text>属于基本安全用具的有？</text></questiontext>
    <answer fraction="50"><text>绝缘杆</text></answer>
    <answer fraction="50"><text>绝缘夹钳</text></answer>
    <answer fraction="0"><text>绝缘靴</text></answer>
  </question>
  <question type="essay">
    <questiontext format="plain_text"><text>简述验电器的使用方法。</text></questiontext>
    <generalfeedback format="html"><text>先在有电设备上试验，确认良好。</text></generalfeedback>
  </question>
  <question type="essay">
    <questiontext><text>简述接地线的装设顺序。</text></questiontext>
  </question>
</quiz>)");
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems);
  ASSERT_EQ(parsed.questions.size(), 3u);
  EXPECT_EQ(parsed.questions[0].question.type, QuestionType::multiple_choice);
  EXPECT_EQ(parsed.questions[0].question.partial_credit, PartialCredit::all_or_nothing);
  EXPECT_EQ(correct_flags(parsed.questions[0].question), (std::vector<bool>{true, true, false}));
  EXPECT_EQ(parsed.questions[1].question.rubric, "先在有电设备上试验，确认良好。");
  EXPECT_EQ(parsed.questions[2].question.rubric, "按要点评分");
}

TEST(MoodleXmlParse, UnsupportedTypesAndBadContentAreReportedWithTheQuestionNumber) {
  const ImportParse parsed = parse_moodle_xml(R"(<quiz>
  <question type="matching"><questiontext><text>将仪表与用途匹配。</text></questiontext></question>
  <question type="numerical"><questiontext><text>工频是多少赫兹？</text></questiontext></question>
  <question type="category"><category><text>$system$/top/题库</text></category></question>
  <question type="ddwtos"><questiontext><text>拖放</text></questiontext></question>
  <question type="cloze"><questiontext><text>{1:MULTICHOICE:=A~B}</text></questiontext></question>
  <question type="truefalse"><questiontext><text>没有正确答案</text></questiontext>
    <answer fraction="0"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
  <question type="multichoice"><questiontext format="html"><text>图片坏了 <![CDATA[<img src="@@PLUGINFILE@@/a.png">]]></text>
    <file name="a.png" path="/" encoding="base64">不是base64!</file></questiontext>
    <defaultgrade>两分</defaultgrade>
    <answer fraction="100"><text>甲</text></answer><answer fraction="0"><text>乙</text></answer></question>
  <question type="shortanswer"><questiontext><text>电阻的单位</text></questiontext>
    <answer fraction="100"><text>欧姆</text></answer><answer fraction="50"><text>欧</text></answer></question>
  <question type="multichoice"><questiontext><text></text></questiontext>
    <answer fraction="100"><text>甲</text></answer></question>
</quiz>)");
  EXPECT_TRUE(has(parsed.problems, 1, "moodle_unsupported")) << describe(parsed.problems);
  EXPECT_TRUE(has(parsed.problems, 2, "moodle_unsupported"));
  EXPECT_TRUE(has(parsed.problems, 3, "moodle_unsupported"));  // the category is not counted
  EXPECT_TRUE(has(parsed.problems, 4, "moodle_unsupported"));
  EXPECT_TRUE(has(parsed.problems, 5, "answer_missing"));
  EXPECT_TRUE(has(parsed.problems, 6, "file_invalid_base64"));
  EXPECT_TRUE(has(parsed.problems, 6, "marks_not_number"));
  EXPECT_TRUE(has(parsed.problems, 7, "moodle_unsupported"));  // an answer worth half the marks
  EXPECT_TRUE(has(parsed.problems, 8, "stem_empty"));          // validate_question's problems, numbered
  EXPECT_TRUE(has(parsed.problems, 8, "too_few_options"));
  for (const auto& p : parsed.problems) EXPECT_NE(p.message.find(" ("), std::string::npos) << p.message;
  ASSERT_EQ(parsed.questions.size(), 3u);
  EXPECT_EQ(parsed.questions[0].category, "题库");
}

TEST(MoodleXmlParse, MalformedXmlIsOneProblemOnRowZero) {
  for (const std::string_view xml : {std::string_view("<quiz><question type=\"essay\"><questiontext><text>未结束"),
                                     std::string_view("<quiz><question type=\"essay\"><name><text>x</txet></name></question></quiz>"),
                                     std::string_view("<html><body>不是题库</body></html>"), std::string_view("")}) {
    const ImportParse parsed = parse_moodle_xml(xml);
    ASSERT_EQ(parsed.problems.size(), 1u) << xml;
    EXPECT_EQ(parsed.problems[0].row, 0);
    EXPECT_EQ(parsed.problems[0].code, "xml_invalid");
    EXPECT_TRUE(parsed.questions.empty());
  }
  EXPECT_NE(parse_moodle_xml("<quiz>\n<question>\n</quiz>").problems.at(0).message.find("第3行"), std::string::npos);

  // The parser recurses per level: a file of nested tags is refused before it can overflow the stack.
  std::string deep = "<quiz>";
  for (int i = 0; i < 200000; ++i) deep += "<a>";
  const ImportParse nested = parse_moodle_xml(deep);
  ASSERT_EQ(nested.problems.size(), 1u);
  EXPECT_EQ(nested.problems[0].code, "xml_invalid");
}

TEST(MoodleXmlHtml, TagsGoLinesBreakAndEntitiesAreDecoded) {
  EXPECT_EQ(html_to_text("<p>第一段</p><p>第二段<br/>换行</p>"), "第一段\n第二段\n换行");
  EXPECT_EQ(html_to_text("  电阻  \n  <b>R</b>=10&Omega;，&#x4E2D;&#20013;&nbsp;&lt;b&gt; &amp;amp; "), "电阻 R=10Ω，中中 <b> &amp;");
  EXPECT_EQ(html_to_text("U<50V 且 a < b<!-- 注释 --><script>alert(1)</script>"), "U<50V 且 a < b");
  EXPECT_EQ(html_to_text("&unknown; & 5&deg;C"), "&unknown; & 5°C");
  EXPECT_EQ(html_to_text("<ul><li>停电</li><li>验电</li></ul>"), "停电\n验电");
  EXPECT_EQ(html_to_text("<p>a</p><p><br></p><p><br></p><p><br></p><p>b</p>"), "a\n\nb");
  EXPECT_EQ(category_from_moodle_path("$course$/top/电工/安全"), "电工/安全");
  EXPECT_EQ(category_from_moodle_path("$system$/电工"), "电工");
  EXPECT_EQ(category_from_moodle_path("$course$/top"), "");
  EXPECT_EQ(moodle_category_path("电工/安全"), "$course$/top/电工/安全");
}

TEST(MoodleXmlRoundTrip, ExportThenImportGivesTheSameQuestions) {
  std::vector<ImportedQuestion> originals(9);
  Question& single = originals[0].question;
  single.stem = "我国规定的安全电压额定值等级中，不包括下列哪一项？\n（单选）";
  single.options = {{"42V", "", false}, {"36V", "", false}, {"24V", "", false}, {"以上都不是", "", true}};
  single.fixed_option_order = true;
  single.marks = 2;
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
  originals[2].category = "电工/电工仪表";

  originals[3].question = true_false_question("电气设备的金属外壳应可靠接地。", true);
  originals[3].category = "电工/电工仪表";
  originals[3].explanation = "保护接地防止触电。";
  originals[4].question = true_false_question("万用表可以带电测量电阻。", false, 0.5);

  Question& one_blank = originals[5].question;
  one_blank.type = QuestionType::fill_blank;
  one_blank.stem = "我国工频交流电的频率为____Hz。";
  one_blank.blanks = {{{"50", "50Hz"}}};
  Question& two_blanks = originals[6].question;
  two_blanks.type = QuestionType::fill_blank;
  two_blanks.stem = "三相四线制中，相电压为____V，线电压为____V。";
  two_blanks.blanks = {{{"220", "220V"}}, {{"380", "380V"}}};
  two_blanks.marks = 2;
  originals[6].explanation = "线电压是相电压的√3倍。";
  Question& two_proportional = originals[7].question;
  two_proportional = two_blanks;
  two_proportional.stem = "电阻串联时总电阻为各电阻之____，并联时总电阻的倒数为各电阻倒数之____。";
  two_proportional.blanks = {{{"和"}}, {{"和"}}};
  two_proportional.partial_credit = PartialCredit::proportional;

  Question& essay = originals[8].question;
  essay.type = QuestionType::short_answer;
  essay.stem = "简述 <安全规程> 中 \"停电 & 验电\" 的要求]]>。";  // html and CDATA specials
  essay.rubric = "停电（2分）\n验电（2分）\n装设接地线（1分）";
  essay.marks = 5;
  essay.tags.skill_level = SkillLevel::intermediate;
  originals[8].explanation = "先断电，后验电。";

  const std::string xml = to_moodle_xml(originals);
  EXPECT_NE(xml.find("<text>$course$/top/电工/安全用电</text>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<![CDATA["), std::string::npos);
  EXPECT_NE(xml.find("type=\"cloze\""), std::string::npos);
  EXPECT_NE(xml.find("fraction=\"33.33333\""), std::string::npos);
  EXPECT_NE(xml.find("<tag><text>评分方式:全对得分</text></tag>"), std::string::npos);
  EXPECT_EQ(xml.find("<file"), std::string::npos);  // pictures are not exported

  const ImportParse parsed = parse_moodle_xml(xml);
  EXPECT_TRUE(parsed.problems.empty()) << describe(parsed.problems) << xml;
  ASSERT_EQ(parsed.questions.size(), originals.size()) << xml;
  for (size_t i = 0; i < originals.size(); ++i) {
    EXPECT_EQ(parsed.questions[i].row, static_cast<int>(i + 1));
    expect_same(parsed.questions[i], originals[i]);
  }
}
