#pragma once
// Moodle XML (<quiz><question type="…">…</question></quiz>): the format every Moodle site exports its
// question bank in. Read with Boost.PropertyTree's XML parser; written by hand.
#include <string>
#include <string_view>
#include <vector>

#include "core/exams/imported.hpp"

namespace skb::core::exam {

// Row = the question's number in the file (1-based; category pseudo-questions are not counted).
//   multichoice      single=true → single choice; otherwise multiple choice, proportional when the
//                    correct answers carry fractions below 100 (Moodle's own multiple-answer grading)
//   multichoiceset   (the All-or-Nothing plugin) multiple choice, all or nothing
//   truefalse        true/false (正确, 错误)
//   shortanswer      fill-in with one blank: the answers with fraction 100
//   cloze            fill-in when every embedded answer is SHORTANSWER/SA/MW: one blank each, "____"
//                    in the stem, proportional (Moodle grades the blanks one by one)
//   essay            short answer; rubric from graderinfo, else generalfeedback, else "按要点评分"
//   category         sets the category of the questions after it ($course$/top/电工/安全 → 电工/安全)
// HTML texts become plain text (<br> and paragraphs → line breaks, entities decoded); CDATA is read
// as text. <file encoding="base64"> in a question text (or an answer) becomes an EmbeddedFile whose
// name goes into question.images (or the option's image). generalfeedback becomes the explanation;
// <tags> carry our other fields (see to_tags in question_rows.hpp).
// Problem codes: xml_invalid (row 0: not well-formed, or no <quiz>), moodle_unsupported (matching,
// numerical, ddwtos, cloze with other answers, partial-credit short answers …), marks_not_number,
// answer_missing (truefalse without a right answer), file_invalid_base64, the tag codes, and every
// code of validate_question.
ImportParse parse_moodle_xml(std::string_view xml);

// Writes what parse_moodle_xml reads back as the same questions. Multiple choice is written as core
// multichoice (correct 100/n, wrong -100: Moodle's closest grading) with the 评分方式 tag; a fill-in
// with several blanks as cloze. Pictures are not written (no <file>): the service holds the bytes,
// not this function, so an exported question refers to none.
std::string to_moodle_xml(const std::vector<ImportedQuestion>& questions);

// ---- Shared with GIFT ----
// HTML → plain text: tags removed, <br> → line break, block elements (<p>, <div>, <li> …) on lines of
// their own, runs of white space → one space, entities (&amp; &nbsp; &#20013; &#x4E2D; …) decoded.
std::string html_to_text(std::string_view html);
// "$course$/top/电工/安全" → "电工/安全" (also $system$/, $module$/, $cat1$/ …, and "top" alone).
std::string category_from_moodle_path(std::string_view path);
// "电工/安全" → "$course$/top/电工/安全"; "" → "$course$/top".
std::string moodle_category_path(const std::string& category);

}  // namespace skb::core::exam
