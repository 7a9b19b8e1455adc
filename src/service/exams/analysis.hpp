#pragma once
// After the exam: the grading queue for short answers (blind: markers see answers, not names), item
// statistics to find questions that do not work, and every candidate's marks per question as .xlsx.
#include <optional>
#include <string>
#include <vector>

#include "core/exams/item_stats.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct GradingItem {
  std::string answer_id;  // "<session>-<item>"
  std::string question_stem, rubric, text;
  double marks = 0;
  std::optional<double> awarded;  // once graded
  std::string graded_by;
};

struct ItemReport {
  std::int64_t question_id = 0;
  std::string stem, type, dimension_name;
  double marks = 0;
  int answered = 0;  // candidates who had the question on their paper and submitted
  core::exam::ItemStatistics stats;
};

struct ExamStatistics {
  int candidates = 0;
  double mean_total = 0, sd_total = 0;
  std::optional<double> kr20, alpha;
  std::vector<ItemReport> items;
};

class ExamAnalysisService {
 public:
  explicit ExamAnalysisService(const Context& ctx) : ctx_(ctx) {}

  // Short answers of submitted sessions, ungraded first.
  std::vector<GradingItem> grading_queue(const Actor& actor, std::int64_t exam_id) const;
  GradingItem grade(const Actor& actor, std::int64_t exam_id, const std::string& answer_id, double awarded);
  ExamStatistics statistics(const Actor& actor, std::int64_t exam_id) const;
  std::string results_xlsx(const Actor& actor, std::int64_t exam_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
