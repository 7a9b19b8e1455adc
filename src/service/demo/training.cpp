#include "service/demo/training.hpp"

#include <chrono>

#include "core/platform/random.hpp"
#include "service/demo/competition.hpp"

namespace skb::service {
namespace {

std::string days_ago(const Context& ctx, int days) { return format_rfc3339(ctx.clock() - std::chrono::hours(24 * days)).substr(0, 10); }

}  // namespace

DemoTrainingSummary seed_demo_training(Services& s) {
  DemoTrainingSummary summary;
  Actor system;
  std::int64_t root = 0, electrician = 0, demo_worker = 0;
  std::vector<std::int64_t> dims, electricians;
  s.ctx.db.write([&](store::Connection& c) {
    system = demo_system_actor(c);
    root = c.query_one("SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1")->i64(0);
    electrician = c.query_one("SELECT id FROM work_types WHERE name = '电工'")->i64(0);
    for (const auto& r : c.query("SELECT id FROM dimensions WHERE work_type_id = ? ORDER BY position, id", {electrician})) dims.push_back(r.i64(0));
    if (auto w = c.query_one("SELECT worker_id FROM users WHERE username = 'worker' AND worker_id IS NOT NULL")) demo_worker = w->i64(0);
    for (const auto& r : c.query("SELECT worker_id FROM worker_work_types WHERE work_type_id = ? ORDER BY worker_id LIMIT 40", {electrician}))
      if (r.i64(0) != demo_worker) electricians.push_back(r.i64(0));
  });
  if (dims.size() < 3) return summary;

  // The city union's courses: a refresher without an assessment, a course on the weak dimensions, an online one.
  struct Plan {
    const char* name;
    const char* provider;
    const char* mode;
    double hours;
    int starts_days_ago;
    std::vector<std::int64_t> trains;
    bool scored;
  };
  const std::vector<Plan> plans{
      {"电气故障排除与安全操作提升班", "市职工技能培训中心", "offline", 24, 70, {dims[dims.size() - 2], dims.back()}, true},
      {"电工识图与接线网络课程", "市总工会网上学堂", "online", 8, 150, {dims[1]}, true},
      {"低压电工作业安全复训", "市安全生产培训中心", "offline", 16, 300, {}, false},
  };
  core::SplitMix64 rnd(20261207);
  for (const auto& p : plans) {
    CourseInput in{root, electrician, p.name, p.provider, p.mode, days_ago(s.ctx, p.starts_days_ago), days_ago(s.ctx, p.starts_days_ago - 3),
                   p.hours, p.trains};
    const auto course = s.courses.create(system, in);
    ++summary.courses;
    const auto completed_on = days_ago(s.ctx, p.starts_days_ago - 3);
    for (size_t i = 0; i < electricians.size(); i += 3) {
      const int score = 55 + rnd.below(41);
      s.courses.record(system, course.id, electricians[i], {score < 60 ? "failed" : "completed", completed_on, "", p.scored ? std::to_string(score) : ""});
      ++summary.completions;
    }
    if (demo_worker) {
      // The demo worker trained where they are weak and it shows as middling, not as a leap.
      const std::string score = !p.scored ? "" : p.trains.size() > 1 ? "66" : "91";
      s.courses.record(system, course.id, demo_worker, {"completed", completed_on, "", score});
      ++summary.completions;
    }
  }

  const std::vector<std::tuple<const char*, const char*, const char*, int>> honours{
      {"technical_expert", "市级技术能手", "city", 400}, {"golden_blue_collar", "金蓝领", "province", 700}, {"may_day_medal", "五一劳动奖章", "city", 200}};
  for (size_t i = 0; i < honours.size() && i * 7 < electricians.size(); ++i) {
    const auto& [kind, title, level, days] = honours[i];
    s.honours.add(system, electricians[i * 7], {kind, title, level, days_ago(s.ctx, days), "市总工会", electrician});
    ++summary.honours;
  }
  if (demo_worker) {
    s.honours.add(system, demo_worker, {"technical_expert", "企业技术能手", "enterprise", days_ago(s.ctx, 120), "本企业工会", electrician});
    ++summary.honours;
  }
  return summary;
}

}  // namespace skb::service
