#pragma once
// 错题本: each worker's notebook of questions they got wrong, to practise until they get them right.
// A question enters on a wrong answer and leaves after it is answered right twice in a row, so one
// lucky guess does not clear it.
#include <cstdint>
#include <optional>

#include "core/exams/grading.hpp"

namespace skb::core::exam {

enum class AnswerOutcome {
  right,    // full marks
  wrong,    // answered, less than full marks (partial credit is still wrong here)
  skipped,  // nothing answered: leaves the notebook as it was
};

// From a final grade; a short answer waiting for its marker is `skipped` until graded.
AnswerOutcome outcome_of(const Grade& grade);

constexpr int kRightInARowToLeave = 2;

struct NotebookEntry {
  std::int64_t question_id = 0;
  int times_wrong = 0;   // every wrong answer since it entered
  int right_streak = 0;  // right answers since the last wrong one
};

// The entry after one more answer to `question_id`; none when the question is not (or no longer) in
// the notebook. `current` is the worker's entry for it, if any. Rules:
//   wrong:   enters with times_wrong 1, or times_wrong + 1 and the streak back to 0;
//   right:   outside the notebook nothing happens; inside, the streak grows and at
//            kRightInARowToLeave the question leaves;
//   skipped: no change.
std::optional<NotebookEntry> after_answer(const std::optional<NotebookEntry>& current, std::int64_t question_id,
                                          AnswerOutcome outcome);

}  // namespace skb::core::exam
