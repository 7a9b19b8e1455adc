#include "core/exams/wrong_book.hpp"

namespace skb::core::exam {

AnswerOutcome outcome_of(const Grade& grade) {
  if (grade.state == GradeState::needs_manual || !grade.answered) return AnswerOutcome::skipped;
  return grade.correct ? AnswerOutcome::right : AnswerOutcome::wrong;
}

std::optional<NotebookEntry> after_answer(const std::optional<NotebookEntry>& current, std::int64_t question_id,
                                          AnswerOutcome outcome) {
  switch (outcome) {
    case AnswerOutcome::skipped:
      return current;
    case AnswerOutcome::wrong: {
      NotebookEntry e = current.value_or(NotebookEntry{question_id, 0, 0});
      ++e.times_wrong;
      e.right_streak = 0;
      return e;
    }
    case AnswerOutcome::right: {
      if (!current) return std::nullopt;
      NotebookEntry e = *current;
      if (++e.right_streak >= kRightInARowToLeave) return std::nullopt;
      return e;
    }
  }
  return current;
}

}  // namespace skb::core::exam
