#include "service/career/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/people/skill_level.hpp"
#include "core/platform/error.hpp"
#include "service/contest/judging.hpp"
#include "service/people/workers.hpp"

namespace skb::service {

std::vector<TimelineItem> TimelineService::timeline(const Actor& actor, std::int64_t worker_id) const {
  std::vector<TimelineItem> items;
  ctx_.db.read([&](store::Connection& c) {
    require_worker_reader(c, actor, worker_id);

    for (const auto& r : c.query("SELECT skill_level, effective_date, note FROM level_history WHERE worker_id = ?", {worker_id})) {
      const auto level = std::string(core::to_chinese(static_cast<core::SkillLevel>(r.i64(0))));
      items.push_back({r.str(1), "level", "技能等级：" + level, r.str(2), ""});
    }
    // Entries, withdrawn ones included (the record says so), dated by the competition.
    for (const auto& r : c.query("SELECT c.starts_on, c.name, ev.name, e.status, ev.id, c.status, e.id FROM entry_members m "
                                 "JOIN entries e ON e.id = m.entry_id JOIN events ev ON ev.id = e.event_id "
                                 "JOIN competitions c ON c.id = ev.competition_id WHERE m.worker_id = ?",
                                 {worker_id})) {
      std::string detail = r.str(3) == "withdrawn" ? "已退赛" : r.str(5) == "published" ? "成绩已发布" : "参赛";
      // Once published, the entry's place, total, each part and award (never before: ranks are sign-off's).
      if (r.str(3) != "withdrawn" && r.str(5) == "published") {
        const auto standings = compute_standings(c, r.i64(4), std::nullopt);
        for (const auto& result : standings.results) {
          if (result.entry.id != r.i64(6)) continue;
          detail = fmt::format("第{}名 / 共{}名，总分 {:.2f}", result.rank, standings.results.size(), result.total);
          for (const auto& part : result.components)
            detail += fmt::format("，{} {:.2f}", part.kind == core::ComponentKind::theory ? "理论" : "实操", part.score);
          if (!result.award.empty()) detail += "，" + result.award;
        }
      }
      items.push_back({r.str(0), "competition", r.str(1) + " · " + r.str(2), detail, "event:" + std::to_string(r.i64(4))});
    }
    for (const auto& r : c.query("SELECT x.issued_on, co.name, ev.name, x.award, x.honour, ev.id FROM certificates x "
                                 "JOIN events ev ON ev.id = x.event_id JOIN competitions co ON co.id = ev.competition_id "
                                 "WHERE x.worker_id = ? AND x.revoked = 0",
                                 {worker_id}))
      items.push_back({r.str(0), "certificate", r.str(1) + " · " + r.str(2), r.str(3) + (r.str(4).empty() ? "" : "，" + r.str(4)),
                       "event:" + std::to_string(r.i64(5))});
    for (const auto& r : c.query("SELECT s.submitted_at, e.title, s.score, s.max_score, s.pending_manual, e.pass_percent, e.id FROM exam_sessions s "
                                 "JOIN exams e ON e.id = s.exam_id WHERE s.worker_id = ? AND s.status = 'submitted'",
                                 {worker_id})) {
      std::string detail;
      if (r.i64(4) > 0 || r.is_null(2)) {
        detail = "待阅卷";
      } else {
        const double score = r.f64(2), max = r.f64(3);
        detail = fmt::format("得分 {:g} / {:g}，{}", score, max, max > 0 && score * 100 / max >= r.f64(5) ? "合格" : "未合格");
      }
      items.push_back({r.str(0), "exam", r.str(1), detail, "exam:" + std::to_string(r.i64(6))});
    }
    for (const auto& r : c.query("SELECT COALESCE(t.completed_on, substr(t.enrolled_at, 1, 10)), c.name, c.provider, t.status, t.hours, t.score, c.id "
                                 "FROM training_records t JOIN courses c ON c.id = t.course_id WHERE t.worker_id = ?",
                                 {worker_id})) {
      std::string detail = r.str(3) == "completed" ? "已结业" : r.str(3) == "failed" ? "未通过" : "在训";
      if (!r.is_null(4)) detail += fmt::format("，{:g} 学时", r.f64(4));
      if (!r.is_null(5)) detail += fmt::format("，结业成绩 {:g}", r.f64(5));
      items.push_back({r.str(0), "training", "培训：" + r.str(1), r.str(2) + " · " + detail, "course:" + std::to_string(r.i64(6))});
    }
    for (const auto& r : c.query("SELECT awarded_on, title, issuer FROM honours WHERE worker_id = ?", {worker_id}))
      items.push_back({r.str(0), "honour", "荣誉：" + r.str(1), r.str(2), ""});
  });
  std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) { return a.date > b.date; });
  return items;
}

}  // namespace skb::service
