#pragma once
// 自动评分: one answer on one paper item → marks, at submission time. Short answers wait for people.
#include <string>
#include <vector>

#include "core/exams/paper.hpp"
#include "core/exams/question.hpp"

namespace skb::core::exam {

// What the page sends for one item.
struct Response {
  std::vector<std::string> option_ids;  // choice and true/false: the shown ids picked, any order
  std::vector<std::string> blanks;      // fill-in: one text per blank, in order; missing ones count as empty
  std::string text;                     // short answer
};

enum class GradeState {
  graded,        // final: auto-graded, or an unanswered short answer (0, nobody needs to read nothing)
  needs_manual,  // a short answer with text: awaits a marker (awarded 0 until then)
};

struct Grade {
  GradeState state = GradeState::graded;
  double awarded = 0;
  bool correct = false;   // full marks
  bool answered = false;  // something picked or typed (after normalisation)
};

// Marks come from the item (the blueprint's marks each), the rule from the question:
//  - single choice, true/false: the correct option alone → marks, else 0;
//  - multiple choice: see PartialCredit (proportional: marks × right picked / right total, 0 if any wrong);
//  - fill-in: each blank right when its normalised text equals a normalised accepted answer; then the
//    question's PartialCredit (proportional: marks × blanks right / blanks);
//  - short answer: needs_manual when answered.
// Throws Error(invalid) for a response the page could not have sent: unknown_option, repeated_option,
// too_many_options (single choice / true-false), too_many_blanks, question_mismatch (item of another question).
Grade grade(const Question& q, const PaperItem& item, const Response& response);

// A marker's marks for a short answer: 0 ≤ awarded ≤ the item's marks, else Error(invalid, marks_out_of_range).
Grade manual_grade(const PaperItem& item, double awarded);

}  // namespace skb::core::exam
