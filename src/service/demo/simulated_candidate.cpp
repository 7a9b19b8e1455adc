#include "service/demo/simulated_candidate.hpp"

#include <chrono>
#include <cmath>

#include "service/exams/codec.hpp"
#include "service/exams/question_bank.hpp"

namespace skb::service {

using namespace core::exam;

std::string demo_time(const Context& ctx, std::int64_t offset_seconds) {
  return format_rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(ctx.now_seconds() + offset_seconds)));
}

std::vector<BlueprintRow> electrician_blueprint() {
  return {{QuestionType::single_choice, 10, std::nullopt, 1, 5, 2},
          {QuestionType::multiple_choice, 4, std::nullopt, 1, 5, 4},
          {QuestionType::true_false, 4, std::nullopt, 1, 5, 2},
          {QuestionType::fill_blank, 2, std::nullopt, 1, 5, 5},
          {QuestionType::short_answer, 1, std::nullopt, 1, 5, 10}};
}

Response simulated_response(const Question& q, const PaperItem& item, double theta, core::SplitMix64& rnd) {
  const double p = 1 / (1 + std::exp(-(theta - (q.tags.difficulty - 3) * 0.8)));
  const bool right = rnd.below(1000) < static_cast<int>(p * 1000);
  Response r;
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::true_false:
    case QuestionType::multiple_choice:
      for (size_t k = 0; k < item.options.order.size(); ++k) {
        const bool correct = q.options[static_cast<size_t>(item.options.order[k])].correct;
        if (correct == right || (q.type == QuestionType::multiple_choice && correct && rnd.below(2))) r.option_ids.push_back(item.options.ids[k]);
      }
      if (q.type != QuestionType::multiple_choice && r.option_ids.size() > 1) r.option_ids.resize(1);
      break;
    case QuestionType::fill_blank:
      for (const auto& b : q.blanks) r.blanks.push_back(right ? b.accepted.front() : "不清楚");
      break;
    case QuestionType::short_answer:
      r.text = right ? "先切断电源，使触电者脱离电源；判断呼吸心跳并拨打120；必要时做心肺复苏。" : "报告领导。";
      break;
  }
  return r;
}

std::int64_t sit_exam(Services& s, std::int64_t exam_id, std::int64_t worker, const std::function<double(const Question&)>& ability,
                      core::SplitMix64& rnd, bool blips) {
  Actor candidate;
  candidate.username = "demo-candidate-" + std::to_string(worker);
  candidate.worker_id = worker;
  const ClientInfo client{"demo-device-" + std::to_string(worker), "10.0.0." + std::to_string(worker % 250 + 1), "SkillBrain demo"};
  const auto started = s.exam_sessions.start(candidate, exam_id, client);
  std::vector<SavedAnswer> answers;
  s.ctx.db.read([&](store::Connection& c) {
    const auto paper = read_paper(c.query_one("SELECT paper FROM exam_candidates WHERE exam_id = ? AND worker_id = ?", {exam_id, worker})->str(0));
    for (const auto& item : paper.items) {
      const auto q = cached_question(c, item.question_id);
      answers.push_back({item.shown_id, simulated_response(*q, item, ability(*q), rnd), 1});
    }
  });
  if (blips && rnd.below(10) == 0) s.exam_sessions.record_events(candidate, started.session.id, client, {{"hidden", ""}, {"visible", ""}});
  s.exam_sessions.save_answers(candidate, started.session.id, client, answers);
  s.exam_sessions.submit(candidate, started.session.id, client, {});
  return started.session.id;
}

}  // namespace skb::service
