#include "core/exams/question_rows.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <utility>

#include "core/exams/normalise.hpp"
#include "core/platform/text.hpp"

namespace skb::core::exam {
namespace {

struct TypeName {
  QuestionType type;
  std::string_view name;  // the first name of a type is the one written on export
};
constexpr std::array<TypeName, 15> kTypeNames{{
    {QuestionType::single_choice, "单选题"}, {QuestionType::single_choice, "单选"},
    {QuestionType::single_choice, "单项选择题"}, {QuestionType::multiple_choice, "多选题"},
    {QuestionType::multiple_choice, "多选"}, {QuestionType::multiple_choice, "多项选择题"},
    {QuestionType::true_false, "判断题"}, {QuestionType::true_false, "判断"},
    {QuestionType::fill_blank, "填空题"}, {QuestionType::fill_blank, "填空"},
    {QuestionType::short_answer, "简答题"}, {QuestionType::short_answer, "简答"},
    {QuestionType::short_answer, "问答题"}, {QuestionType::short_answer, "问答"},
    {QuestionType::short_answer, "论述题"}}};

constexpr std::string_view kAllOrNothing = "全对得分";
constexpr std::string_view kProportional = "按比例";

std::optional<QuestionType> parse_type_cell(std::string_view cell) {
  for (const auto& t : kTypeNames)
    if (cell == t.name) return t.type;
  return parse_question_type(normalise_answer(cell));  // "Single_Choice", "ｓｉｎｇｌｅ_choice"
}

std::string_view type_name(QuestionType type) {
  for (const auto& t : kTypeNames)
    if (t.type == type) return t.name;
  return kTypeNames[0].name;
}

std::optional<double> parse_marks_cell(std::string_view cell) {
  std::string s = normalise_answer(cell);
  if (s.ends_with("分")) s.resize(s.size() - std::string_view("分").size());  // "2分"
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// A number outside 1–5 is returned as it is, for validate_question to name the range.
std::optional<int> parse_difficulty_cell(std::string_view cell) {
  static constexpr std::array<std::pair<std::string_view, int>, 10> kWords{{
      {"易", 1}, {"容易", 1}, {"简单", 1}, {"较易", 2}, {"中等", 3}, {"中", 3}, {"一般", 3},
      {"较难", 4}, {"难", 5}, {"困难", 5}}};
  const std::string s = normalise_answer(cell);
  for (const auto& [word, level] : kWords)
    if (s == word) return level;
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<PartialCredit> parse_partial_credit_cell(std::string_view cell) {
  const std::string s = normalise_answer(cell);
  if (s == kAllOrNothing || s == "全对" || s == "全部正确得分") return PartialCredit::all_or_nothing;
  if (s == kProportional || s == "按比例得分" || s == "部分得分") return PartialCredit::proportional;
  return parse_partial_credit(s);
}

std::optional<SkillLevel> parse_skill_level_cell(std::string_view cell) {
  const std::string s = normalise_answer(cell);  // "高级工 ", "Senior", "３"
  return parse_skill_level(s);
}

void add_problem(std::vector<FieldProblem>& problems, int row, std::string field, std::string code,
                 std::string message) {
  problems.push_back({row, std::move(field), std::move(code), std::move(message)});
}

// Letters of a choice answer, as option indices: "ABD", "A,B,D", "A、B", "ａｂ". Empty when the answer is
// not letters, with the problem added.
std::vector<size_t> parse_letters(std::string_view answer, size_t option_count, int row,
                                  std::vector<FieldProblem>& problems) {
  std::string s = normalise_answer(answer);  // full-width → ASCII, lower case, no spaces
  std::vector<size_t> picked;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "、") == 0) { i += 3; continue; }
    const char c = s[i++];
    if (c == ',' || c == ';' || c == '/' || c == '.') continue;
    if (c < 'a' || c > 'z') {
      add_problem(problems, row, "answer", "answer_not_letters", "答案应为选项字母，如 A 或 ABD (answer must be option letters)");
      return {};
    }
    const auto index = static_cast<size_t>(c - 'a');
    if (index >= option_count) {
      add_problem(problems, row, "answer", "answer_letter_out_of_range",
                  std::string("答案") + static_cast<char>(c - 'a' + 'A') + "没有对应的选项 (answer letter has no option)");
      return {};
    }
    if (std::find(picked.begin(), picked.end(), index) == picked.end()) picked.push_back(index);
  }
  return picked;
}

// Splits on any of `separators`, trimming the parts.
std::vector<std::string> split_any(std::string_view s, std::initializer_list<std::string_view> separators) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size();) {
    size_t hit = 0;
    if (i < s.size())
      for (std::string_view sep : separators)
        if (s.substr(i).starts_with(sep)) hit = sep.size();
    if (i == s.size() || hit > 0) {
      parts.emplace_back(trim(s.substr(start, i - start)));
      if (i == s.size()) break;
      i += hit;
      start = i;
    } else {
      ++i;
    }
  }
  return parts;
}

std::vector<Blank> parse_blanks(std::string_view answer) {
  std::vector<std::string> cells = split_any(answer, {";", "；"});
  if (cells.size() > 1 && cells.back().empty()) cells.pop_back();  // "50；42；": a trailing separator
  std::vector<Blank> blanks;
  for (const std::string& cell : cells) {
    Blank blank;
    for (std::string& alternative : split_any(cell, {"|", "｜"}))
      if (!alternative.empty()) blank.accepted.push_back(std::move(alternative));
    blanks.push_back(std::move(blank));
  }
  return blanks;
}

bool row_is_blank(const QuestionRow& r) {
  for (const std::string* cell : {&r.type, &r.stem, &r.answer, &r.marks, &r.difficulty, &r.dimension,
                                  &r.skill_level, &r.partial_credit, &r.category, &r.explanation})
    if (!trim(*cell).empty()) return false;
  return std::all_of(r.options.begin(), r.options.end(), [](const std::string& o) { return trim(o).empty(); });
}

// Problems validate_question finds only because the answer could not be read; the answer's own
// problem already says it.
bool follows_from_bad_answer(const std::string& code) {
  return code == "single_needs_one_correct" || code == "no_correct_option" || code == "no_blanks" ||
         code == "blank_without_answer";
}

// Fills q's answer part from the 答案 cell; false when the answer could not be read (problem added).
bool read_answer(const QuestionRow& r, const std::vector<std::string>& options, ImportedQuestion& iq,
                 std::vector<FieldProblem>& problems) {
  Question& q = iq.question;
  const std::string_view answer = trim(r.answer);
  const int row = iq.row;
  if (answer.empty() && q.type != QuestionType::short_answer) {
    add_problem(problems, row, "answer", "answer_missing", "答案不能为空 (answer is missing)");
    return false;
  }
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice: {
      for (const std::string& text : options) q.options.push_back({text, "", false});
      const auto picked = parse_letters(answer, options.size(), row, problems);
      for (size_t i : picked) q.options[i].correct = true;
      return !picked.empty();
    }
    case QuestionType::true_false: {
      q.options = true_false_question("", true).options;
      q.fixed_option_order = true;
      std::optional<bool> truth = parse_true_false(answer);
      // "A" with 选项A 正确 / 选项B 错误, as some banks write it.
      const std::string letter = normalise_answer(answer);
      if (!truth && letter.size() == 1 && letter[0] >= 'a' && static_cast<size_t>(letter[0] - 'a') < options.size())
        truth = parse_true_false(options[static_cast<size_t>(letter[0] - 'a')]);
      if (!truth) {
        add_problem(problems, row, "answer", "answer_not_true_false",
                    "判断题答案应为正确或错误（对/错、√/×、T/F） (true/false answer must be 正确 or 错误)");
        return false;
      }
      q.options[0].correct = *truth;
      q.options[1].correct = !*truth;
      return true;
    }
    case QuestionType::fill_blank:
      q.blanks = parse_blanks(answer);
      return true;
    case QuestionType::short_answer:
      q.rubric = std::string(answer.empty() ? trim(r.explanation) : answer);
      return true;
  }
  return true;
}

std::optional<ImportedQuestion> parse_row(const QuestionRow& r, int row, std::vector<FieldProblem>& problems) {
  const std::string_view type_cell = trim(r.type);
  if (type_cell.empty()) {
    add_problem(problems, row, "type", "type_missing", "题型不能为空 (question type is missing)");
    return std::nullopt;
  }
  const auto type = parse_type_cell(type_cell);
  if (!type) {
    add_problem(problems, row, "type", "type_unknown",
                "题型无法识别：" + std::string(type_cell) + "，应为单选题、多选题、判断题、填空题或简答题 (unknown question type)");
    return std::nullopt;
  }

  ImportedQuestion iq;
  iq.row = row;
  Question& q = iq.question;
  q.type = *type;
  q.stem = std::string(trim(r.stem));
  iq.category = std::string(trim(r.category));
  iq.dimension_name = std::string(trim(r.dimension));
  iq.explanation = std::string(trim(r.explanation));

  // Options up to the last filled cell; a gap in between stays, for validate_question to name.
  std::vector<std::string> options;
  for (const std::string& o : r.options) options.emplace_back(trim(o));
  while (!options.empty() && options.back().empty()) options.pop_back();
  if (q.type == QuestionType::fill_blank || q.type == QuestionType::short_answer)
    for (const std::string& text : options) q.options.push_back({text, "", false});  // not allowed: said below

  if (!trim(r.marks).empty()) {
    if (auto marks = parse_marks_cell(r.marks)) q.marks = *marks;
    else add_problem(problems, row, "marks", "marks_not_number", "分值应为数字 (marks must be a number)");
  }
  if (!trim(r.difficulty).empty()) {
    if (auto difficulty = parse_difficulty_cell(r.difficulty)) q.tags.difficulty = *difficulty;
    else add_problem(problems, row, "difficulty", "difficulty_unknown", "难度应为1到5或易、较易、中等、较难、难 (difficulty must be 1–5 or 易…难)");
  }
  if (!trim(r.skill_level).empty()) {
    if (auto level = parse_skill_level_cell(r.skill_level)) q.tags.skill_level = *level;
    else add_problem(problems, row, "skill_level", "skill_level_unknown", "技能等级无法识别，应为初级工、中级工、高级工、技师或高级技师 (unknown skill level)");
  }
  if (!trim(r.partial_credit).empty()) {
    if (auto policy = parse_partial_credit_cell(r.partial_credit)) q.partial_credit = *policy;
    else add_problem(problems, row, "partial_credit", "partial_credit_unknown", "评分方式应为全对得分或按比例 (partial credit must be 全对得分 or 按比例)");
  }

  const bool answer_read = read_answer(r, options, iq, problems);
  for (FieldProblem p : validate_question(q)) {
    if (!answer_read && follows_from_bad_answer(p.code)) continue;
    p.row = row;
    problems.push_back(std::move(p));
  }
  return iq;
}

}  // namespace

ImportParse parse_rows(const std::vector<QuestionRow>& rows) {
  ImportParse out;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (row_is_blank(rows[i])) continue;
    if (auto q = parse_row(rows[i], static_cast<int>(i + 1), out.problems)) out.questions.push_back(std::move(*q));
  }
  return out;
}

QuestionRow to_row(const Question& q, const std::string& category, const std::string& dimension_name,
                   const std::string& explanation) {
  QuestionRow r;
  r.type = std::string(type_name(q.type));
  r.stem = q.stem;
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice:
      for (size_t i = 0; i < q.options.size(); ++i) {
        r.options.push_back(q.options[i].text);
        if (q.options[i].correct) r.answer += static_cast<char>('A' + static_cast<int>(i % 26));
      }
      break;
    case QuestionType::true_false:
      r.answer = statement_is_true(q) ? "正确" : "错误";
      break;
    case QuestionType::fill_blank:
      for (size_t i = 0; i < q.blanks.size(); ++i) {
        if (i > 0) r.answer += "；";
        for (size_t k = 0; k < q.blanks[i].accepted.size(); ++k) r.answer += (k > 0 ? "|" : "") + q.blanks[i].accepted[k];
      }
      break;
    case QuestionType::short_answer:
      r.answer = q.rubric;
      break;
  }
  r.marks = format_number(q.marks);
  r.difficulty = std::to_string(q.tags.difficulty);
  r.dimension = dimension_name;
  if (q.tags.skill_level) r.skill_level = std::string(to_chinese(*q.tags.skill_level));
  // Only where the rule means something (a proportional single choice would be refused, so say it).
  if (q.type == QuestionType::multiple_choice || q.type == QuestionType::fill_blank ||
      q.partial_credit == PartialCredit::proportional)
    r.partial_credit = std::string(q.partial_credit == PartialCredit::proportional ? kProportional : kAllOrNothing);
  r.category = category;
  r.explanation = explanation;
  return r;
}

std::vector<std::string> template_header() {
  std::vector<std::string> header{"题型", "题干"};
  for (char letter = 'A'; letter <= 'H'; ++letter) header.push_back(std::string("选项") + letter);
  for (const char* name : {"答案", "分值", "难度", "能力维度", "技能等级", "评分方式", "分类", "解析/评分要点"})
    header.emplace_back(name);
  return header;
}

std::vector<QuestionRow> template_examples() {
  return {
      {"单选题", "我国规定的安全电压额定值等级中，不包括下列哪一项？", {"42V", "36V", "24V", "48V"}, "D", "1",
       "较易", "安全规范", "初级工", "", "安全用电", "安全电压额定值等级为42V、36V、24V、12V、6V。"},
      {"多选题", "使用兆欧表测量电动机绕组绝缘电阻前，应做好哪些准备？",
       {"切断被测设备的电源", "对被测设备充分放电", "对兆欧表做开路和短路试验", "保持设备带电以便观察"}, "ABC", "2",
       "中等", "仪表使用", "中级工", "按比例", "电工仪表", "严禁带电测量绝缘电阻；测量前后都应对设备放电。"},
      {"判断题", "用兆欧表测量绝缘电阻时，被测设备可以不停电。", {}, "错误", "1", "易", "仪表使用", "初级工", "",
       "电工仪表", "必须停电并放电后方可测量，否则危及人身和仪表安全。"},
      {"填空题", "我国工频交流电的频率为____Hz，安全电压额定值的最高等级为____V。", {}, "50|50Hz；42|42V", "2",
       "易", "电工基础", "初级工", "按比例", "电工基础", ""},
      {"简答题", "简述发现有人触电时的现场急救步骤。", {},
       "迅速切断电源或用绝缘物使触电者脱离电源（2分）；判断意识和呼吸并拨打120（1分）；无呼吸心跳时立即进行心肺复苏（2分）",
       "5", "中等", "安全规范", "中级工", "", "安全用电", ""},
  };
}

std::optional<bool> parse_true_false(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kTrue{"正确", "对", "√", "✓", "✔", "t", "true", "是", "yes"};
  static constexpr std::array<std::string_view, 9> kFalse{"错误", "错", "×", "✗", "✘", "f", "false", "否", "no"};
  const std::string s = normalise_answer(text);
  if (std::find(kTrue.begin(), kTrue.end(), s) != kTrue.end()) return true;
  if (std::find(kFalse.begin(), kFalse.end(), s) != kFalse.end()) return false;
  return std::nullopt;
}

bool statement_is_true(const Question& q) {
  for (size_t i = 0; i < q.options.size(); ++i)
    if (q.options[i].correct) return parse_true_false(q.options[i].text).value_or(i == 0);
  return true;
}

std::vector<std::string> split_at_blank_marks(std::string_view stem) {
  std::vector<std::string> parts(1);
  for (size_t i = 0; i < stem.size();) {
    size_t run = 0;
    while (i + run < stem.size() && stem[i + run] == '_') ++run;
    if (run >= 3) {
      parts.emplace_back();
      i += run;
    } else if (run > 0) {
      parts.back().append(stem.substr(i, run));
      i += run;
    } else {
      parts.back() += stem[i++];
    }
  }
  return parts;
}

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc() ? std::string(buffer.data(), end) : std::string("0");
}

std::vector<std::string> to_tags(const ImportedQuestion& iq, TagFormat format) {
  const Question& q = iq.question;
  std::vector<std::string> tags;
  const bool gift = format == TagFormat::gift;
  if (gift && q.marks != 1) tags.push_back("分值:" + format_number(q.marks));
  if (gift && q.fixed_option_order && q.type != QuestionType::true_false) tags.push_back("选项顺序:固定");
  if (q.tags.difficulty != 3) tags.push_back("难度:" + std::to_string(q.tags.difficulty));
  if (q.tags.skill_level) tags.push_back("技能等级:" + std::string(to_chinese(*q.tags.skill_level)));
  if (!iq.dimension_name.empty()) tags.push_back("能力维度:" + iq.dimension_name);
  if (q.type == QuestionType::multiple_choice || q.type == QuestionType::fill_blank ||
      q.partial_credit == PartialCredit::proportional)
    tags.push_back("评分方式:" + std::string(q.partial_credit == PartialCredit::proportional ? kProportional : kAllOrNothing));
  return tags;
}

void apply_tag(std::string_view tag, ImportedQuestion& iq, std::vector<FieldProblem>& problems) {
  size_t colon = tag.find(':');
  size_t width = 1;
  if (const size_t wide = tag.find("："); wide < colon) colon = wide, width = std::string_view("：").size();
  if (colon == std::string_view::npos) return;
  const std::string_view name = trim(tag.substr(0, colon));
  const std::string_view value = trim(tag.substr(colon + width));
  Question& q = iq.question;
  auto bad = [&](std::string code, std::string message) {
    add_problem(problems, iq.row, "tags", std::move(code), std::move(message) + "：" + std::string(tag));
  };
  if (name == "分值") {
    if (auto marks = parse_marks_cell(value)) q.marks = *marks;
    else bad("marks_not_number", "分值应为数字 (marks must be a number)");
  } else if (name == "难度") {
    if (auto difficulty = parse_difficulty_cell(value)) q.tags.difficulty = *difficulty;
    else bad("difficulty_unknown", "难度无法识别 (unknown difficulty)");
  } else if (name == "技能等级") {
    if (auto level = parse_skill_level_cell(value)) q.tags.skill_level = *level;
    else bad("skill_level_unknown", "技能等级无法识别 (unknown skill level)");
  } else if (name == "能力维度") {
    iq.dimension_name = std::string(value);
  } else if (name == "选项顺序") {
    if (value == "固定" || value == "随机") q.fixed_option_order = value == "固定";
    else bad("option_order_unknown", "选项顺序应为固定或随机 (option order must be 固定 or 随机)");
  } else if (name == "评分方式") {
    if (auto policy = parse_partial_credit_cell(value)) q.partial_credit = *policy;
    else bad("partial_credit_unknown", "评分方式应为全对得分或按比例 (partial credit must be 全对得分 or 按比例)");
  }
}

}  // namespace skb::core::exam
