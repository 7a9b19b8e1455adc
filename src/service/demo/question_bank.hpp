#pragma once
// The demo's question bank in the union template's layout (题库导入模板), so it goes through the same
// import as a union's spreadsheet: real electrician and welder theory questions.
#include <vector>

#include "core/exams/question_rows.hpp"

namespace skb::service {

std::vector<core::exam::QuestionRow> demo_electrician_questions();
std::vector<core::exam::QuestionRow> demo_welder_questions();

}  // namespace skb::service
