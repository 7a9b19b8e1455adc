#pragma once
// 题库导入模板: the one spreadsheet template for every question type, read row by row into questions and
// written back for export. The page reads the .xlsx (read-excel-file) and sends the cells as text.
// The cell vocabulary (难度 中等, 评分方式 按比例 …) is also the vocabulary of the `名称:值` tags with which
// the GIFT and Moodle XML exports carry what those formats have no place for.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exams/imported.hpp"

namespace skb::core::exam {

// One row of the template, cells as text.
struct QuestionRow {
  std::string type;                  // 题型: 单选题 … or single_choice …
  std::string stem;                  // 题干
  std::vector<std::string> options;  // 选项A … 选项H
  std::string answer;                // 答案: "ABD", "正确", "220|220V；50"; short answer: the rubric
  std::string marks;                 // 分值, blank → 1
  std::string difficulty;            // 难度 1–5 or 易/较易/中等/较难/难, blank → 3
  std::string dimension;             // 能力维度 (name)
  std::string skill_level;           // 技能等级, blank → none
  std::string partial_credit;        // 评分方式 全对得分/按比例, blank → 全对得分
  std::string category;              // 分类
  std::string explanation;           // 解析/评分要点
};

// Rows numbered 1-based (index + 1); rows with every cell blank are skipped. Problem codes:
//   type_missing, type_unknown, answer_missing, answer_not_letters, answer_letter_out_of_range,
//   answer_not_true_false, marks_not_number, difficulty_unknown, skill_level_unknown,
//   partial_credit_unknown, and every code of validate_question.
ImportParse parse_rows(const std::vector<QuestionRow>& rows);

// The inverse, for export: parse_rows({to_row(q, …)}) gives q back (pictures excepted: the template has
// no picture columns).
QuestionRow to_row(const Question& q, const std::string& category, const std::string& dimension_name,
                   const std::string& explanation);

// 题型 | 题干 | 选项A … 选项H | 答案 | 分值 | 难度 | 能力维度 | 技能等级 | 评分方式 | 分类 | 解析/评分要点
std::vector<std::string> template_header();
// One example row per type, electrician content; parse_rows accepts them without problems.
std::vector<QuestionRow> template_examples();

// ---- Shared with the GIFT and Moodle XML formats ----

// 正确/错误/对/错/√/×/T/F/true/false/是/否 (any width or case) → the statement's truth.
std::optional<bool> parse_true_false(std::string_view text);
// The truth of a true/false question's statement: whether its correct option reads 正确.
bool statement_is_true(const Question& q);

// Fill-in stems mark each blank with a run of three or more '_' ("____"). Returns the text around the
// marks: n marks → n + 1 parts.
std::vector<std::string> split_at_blank_marks(std::string_view stem);
inline constexpr std::string_view kBlankMark = "____";

// Shortest text that reads back as the same number: 2 → "2", 2.5 → "2.5".
std::string format_number(double value);

// Tags "分值:2", "选项顺序:固定", "难度:2", "技能等级:高级工", "能力维度:安全规范", "评分方式:按比例" for
// what GIFT and Moodle XML have no field for. Only values that differ from the defaults are written;
// 评分方式 always for multiple choice and fill-in (the formats' own default differs). Moodle XML has
// fields for marks and option order (defaultgrade, shuffleanswers), GIFT has not.
enum class TagFormat { gift, moodle_xml };
std::vector<std::string> to_tags(const ImportedQuestion& q, TagFormat format);
// Applies one tag (':' or '：'); other tags are ignored (Moodle users tag questions for their own ends).
// A bad value adds a problem (marks_not_number, difficulty_unknown, skill_level_unknown,
// partial_credit_unknown, option_order_unknown) with field "tags" and q.row.
void apply_tag(std::string_view tag, ImportedQuestion& q, std::vector<FieldProblem>& problems);

}  // namespace skb::core::exam
