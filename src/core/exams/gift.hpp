#pragma once
// GIFT: Moodle's plain-text question format, which teachers write by hand and many banks export.
//   // comment               $CATEGORY: $course$/top/电工/安全用电
//   ::标题:: 题干 {=对的 ~错的 ~%50%半对的 #反馈 ####总体反馈}
// Questions are separated by blank lines; escapes \= \~ \# \{ \} \: \\ and \n (line break).
#include <string>
#include <string_view>
#include <vector>

#include "core/exams/imported.hpp"

namespace skb::core::exam {

// Row = the question's number in the file (1-based; $CATEGORY lines are not questions).
//   {=a ~b ~c}                 single choice
//   {=a =b ~c}                 multiple choice, all or nothing
//   {~%50%a ~%50%b ~%-100%c}   multiple choice, proportional (positive weights mark the correct options)
//   {T} {F} {TRUE} {FALSE}     true/false (正确, 错误)
//   {=a =b}                    fill-in, one blank with alternatives; several {…} in one question are
//                              several blanks, each replaced by "____" in the stem (our extension)
//   {} or {####要点}           short answer; rubric from the general feedback, else "按要点评分"
// The general feedback (####…) of the other types becomes the explanation; answer feedback (#…) is
// dropped. [html] texts are turned into plain text. Tags in the comment lines of a question
// (// [tag:难度:2]) carry our fields, see to_tags in question_rows.hpp.
// Problem codes: gift_syntax (unbalanced braces, unreadable answers), gift_unsupported (descriptions,
// matching, numeric, partial-credit short answers, mixed blocks), the tag codes, and every code of
// validate_question.
ImportParse parse_gift(std::string_view text);

// Writes what parse_gift reads back as the same questions (pictures excepted). Multiple choice is
// written with Moodle's weights (its grading is closest to ours); 评分方式 and the rest go into tags.
std::string to_gift(const std::vector<ImportedQuestion>& questions);

}  // namespace skb::core::exam
