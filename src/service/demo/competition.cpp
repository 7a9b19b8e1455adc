#include "service/demo/competition.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <chrono>
#include <map>

#include "core/platform/error.hpp"
#include "core/platform/random.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {

Actor load_actor(store::Connection& c, std::int64_t user_id) {
  auto u = c.query_one("SELECT username, display_name, worker_id FROM users WHERE id = ?", {user_id});
  Actor a;
  a.user_id = user_id;
  a.username = u->str(0);
  a.display_name = u->str(1);
  a.worker_id = u->opt_i64(2);
  a.grants = load_grants(c, user_id);
  return a;
}

namespace {

std::string date_offset(const Context& ctx, int days) {
  return format_rfc3339(ctx.clock() + std::chrono::hours(24 * days)).substr(0, 10);
}

AspectDef judged(std::string criterion, std::string name, double max, std::optional<std::int64_t> dim = std::nullopt) {
  return {0, std::move(criterion), std::move(name), core::AspectKind::judgement, max, 1, {}, dim, false};
}
AspectDef measured(std::string criterion, std::string name, double max, double step, std::optional<std::int64_t> dim = std::nullopt) {
  return {0, std::move(criterion), std::move(name), core::AspectKind::measurement, max, step, {}, dim, false};
}
AspectDef deduction(std::string name, double points) {
  return {0, "安全文明生产", std::move(name), core::AspectKind::deduction, points, 1, {}, std::nullopt, false};
}

}  // namespace

Actor demo_system_actor(store::Connection& c) {
  const auto root = c.query_one("SELECT id, path, name FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1");
  if (!root) throw core::invalid("demo", "no organisations: run the demo's seed first");
  Actor system;
  system.username = std::string(kSystemActor);
  system.grants.push_back({core::Role::admin, root->i64(0), root->str(1), root->str(2)});
  return system;
}

DemoCompetitionSummary seed_demo_competition(Services& s, int entrants_per_event) {
  DemoCompetitionSummary summary;
  const Context& ctx = s.ctx;
  Actor system;
  std::int64_t root = 0;
  std::map<std::string, std::int64_t> work_types;
  std::map<std::string, std::vector<std::int64_t>> dimensions;
  ctx.db.read([&](store::Connection& c) {
    system = demo_system_actor(c);
    root = system.grants.front().org_id;
    for (const auto& w : c.query("SELECT id, name FROM work_types")) work_types[w.str(1)] = w.i64(0);
    for (const auto& d : c.query("SELECT w.name, d.id FROM dimensions d JOIN work_types w ON w.id = d.work_type_id ORDER BY d.position"))
      dimensions[d.str(0)].push_back(d.i64(1));
  });
  for (const char* needed : {"电工", "焊工", "电气装配工"})
    if (!work_types.count(needed)) throw core::invalid("demo", std::string("demo work type missing: ") + needed);

  const auto comp = s.competitions.create(system, {"2026年温州市“技能强市”职工职业技能大赛", "city", root, date_offset(ctx, -2), date_offset(ctx, 5)});
  summary.competition_id = comp.id;
  std::vector<std::int64_t> venues;
  std::vector<std::string> venue_names;
  for (auto [name, city] : {std::pair{"鹿城赛区", "温州市鹿城区"}, {"乐清赛区", "乐清市"}, {"瑞安赛区", "瑞安市"}}) {
    venues.push_back(s.competitions.add_venue(system, comp.id, {0, name, city, std::string(city) + "职业技能实训基地"}).id);
    venue_names.emplace_back(name);
  }

  // Events and their marking schemes.
  const auto assembly_dims = dimensions["电气装配工"];
  auto dim = [&](size_t i) { return i < assembly_dims.size() ? std::optional(assembly_dims[i]) : std::nullopt; };
  struct Plan {
    std::string work_type;
    std::string mode;
    std::vector<ComponentDef> scheme;
  };
  const std::vector<Plan> plans{
      {"电工", "raw_sum",
       {{0, core::ComponentKind::theory, "理论知识考试", 100, 1, std::nullopt, {}},
        {0, core::ComponentKind::practical, "实操：电气控制线路安装与调试", 100, 1, 5400,
         {measured("线路安装", "元件布置与接线工艺", 30, 0.5), measured("功能调试", "通电试车一次成功", 30, 1),
          judged("工艺规范", "布线美观与工艺规范", 20), judged("故障排除", "故障分析与排除思路", 20),
          deduction("违反安全操作规程", 5)}}}},
      {"焊工", "raw_sum",
       {{0, core::ComponentKind::theory, "理论知识考试", 100, 1, std::nullopt, {}},
        {0, core::ComponentKind::practical, "实操：板对接立焊", 100, 1, 3600,
         {measured("焊缝尺寸", "焊缝余高与宽度偏差", 40, 0.5), judged("外观质量", "焊缝成形与表面质量", 30),
          judged("内部质量", "射线检测评级", 20), judged("安全文明", "安全文明生产", 10)}}}},
      {"电气装配工", "weighted",
       {{0, core::ComponentKind::theory, "理论知识考试", 100, 0.3, std::nullopt, {}},
        {0, core::ComponentKind::practical, "实操：激光设备电气装配", 100, 0.7, 7200,
         {judged("出光排障", "出光调试与故障排除", 25, dim(0)), measured("通电及装软件", "通电检测与软件安装", 20, 1, dim(1)),
          judged("气路风门装调", "气路与风门装配调试", 20, dim(2)), measured("识图焊接接线", "识图、焊接与接线质量", 20, 0.5, dim(3)),
          judged("电气基础", "电气原理问答", 15, dim(4))}}}},
  };
  std::vector<EventView> events;
  for (const auto& p : plans) {
    EventInput in;
    in.name = p.work_type;
    in.work_type_id = work_types[p.work_type];
    in.total_mode = p.mode;
    in.venue_ids = venues;
    auto ev = s.competitions.add_event(system, comp.id, in);
    events.push_back(s.competitions.set_scheme(system, ev.summary.id, p.scheme));
    // Prizes as the city contest declares them: one first, two second, three third; first prize earns
    // the city's 技术能手 title and a proposal for 技师.
    s.results.set_award_tiers(system, ev.summary.id,
                              {{"一等奖", 1, std::nullopt, "温州市技术能手", core::SkillLevel::technician},
                               {"二等奖", 2, std::nullopt, "", std::nullopt},
                               {"三等奖", 3, std::nullopt, "", std::nullopt}});
    ++summary.events;
  }

  // Registration: workers of each work type, dealt round-robin to the venues.
  s.competitions.set_status(system, comp.id, "registration");
  for (const auto& ev : events) {
    std::vector<std::int64_t> candidates;
    ctx.db.read([&](store::Connection& c) {
      for (const auto& r : c.query("SELECT worker_id FROM worker_work_types WHERE work_type_id = ? ORDER BY worker_id LIMIT ?",
                                   {ev.summary.work_type_id, std::int64_t{entrants_per_event}}))
        candidates.push_back(r.i64(0));
    });
    for (size_t i = 0; i < candidates.size(); ++i) {
      s.competitions.register_entry(system, ev.summary.id, {{candidates[i]}, "", std::nullopt, venues[i % venues.size()]});
      ++summary.entries;
    }
  }

  // Judges: three per venue, plus the demo accounts "judge" (鹿城) and "chief" (chief judge everywhere).
  std::vector<std::vector<std::int64_t>> venue_judges(venues.size());
  for (size_t v = 0; v < venues.size(); ++v)
    for (int k = 1; k <= 3; ++k) {
      const auto username = fmt::format("judge{}{}", v + 1, k);
      const auto password = random_hex(6);
      const auto user = s.auth.create_user(system, {username, password, fmt::format("{}号裁判（{}）", k, v == 0 ? "鹿城" : v == 1 ? "乐清" : "瑞安"),
                                                    {{core::Role::judge, root}}, std::nullopt});
      venue_judges[v].push_back(user.id);
      summary.accounts.push_back({"judge", username, password, comp.name});
    }
  std::optional<std::int64_t> demo_judge, demo_chief;
  ctx.db.read([&](store::Connection& c) {
    if (auto r = c.query_one("SELECT id FROM users WHERE username = 'judge'")) demo_judge = r->i64(0);
    if (auto r = c.query_one("SELECT id FROM users WHERE username = 'chief'")) demo_chief = r->i64(0);
  });
  for (const auto& ev : events) {
    for (size_t v = 0; v < venues.size(); ++v)
      for (auto j : venue_judges[v]) s.competitions.assign_judge(system, ev.summary.id, {j, venues[v], std::nullopt, false, ""});
    if (demo_judge) s.competitions.assign_judge(system, ev.summary.id, {*demo_judge, venues[0], std::nullopt, false, "演示账号"});
    if (demo_chief) s.competitions.assign_judge(system, ev.summary.id, {*demo_chief, std::nullopt, std::nullopt, true, ""});
  }

  // 智能裁判: a weld gauge at each venue measures the 焊工 welds and signs its marks like a real device.
  std::vector<DeviceView> gauges;
  for (size_t v = 0; v < venues.size(); ++v) {
    gauges.push_back(s.devices.create(system, comp.id, venues[v], "焊缝检测仪（" + venue_names[v] + "）"));
    summary.accounts.push_back({"device", gauges.back().key_id, gauges.back().secret, venue_names[v]});
  }
  std::vector<std::vector<MarkInput>> gauge_marks(venues.size());

  // Marks part-way through: about two thirds of the entrants fully marked, a few half marked.
  s.competitions.set_status(system, comp.id, "running");
  core::SplitMix64 dice(20261124);
  std::map<std::int64_t, Actor> judge_actors;
  ctx.db.read([&](store::Connection& c) {
    for (const auto& list : venue_judges)
      for (auto j : list) judge_actors.emplace(j, load_actor(c, j));
  });
  for (const auto& ev : events) {
    std::vector<EntryView> entries;
    ctx.db.read([&](store::Connection& c) { entries = load_entries(c, ev.summary.id); });
    for (const auto& e : entries) {
      const int roll = dice.below(100);
      if (roll >= 75) continue;           // not marked yet
      const bool partial = roll >= 62;   // only the theory score and the first task aspects
      const int skill = 40 + dice.below(60);  // this entrant's overall strength, 40–99
      const size_t v = static_cast<size_t>(std::find(venues.begin(), venues.end(), e.venue_id.value_or(venues[0])) - venues.begin());
      std::map<std::int64_t, std::vector<MarkInput>> by_judge;
      int n = 0;
      for (const auto& comp_def : ev.components) {
        for (size_t a = 0; a < comp_def.aspects.size(); ++a) {
          const auto& asp = comp_def.aspects[a];
          if (partial && comp_def.kind == core::ComponentKind::practical && a >= 2) break;
          const auto client = [&](std::int64_t judge) { return fmt::format("demo-{}-{}-{}", e.id, asp.id, judge); };
          if (asp.kind == core::AspectKind::judgement) {
            const int base = std::clamp(skill / 25 + dice.below(2) - 1, 0, 3);
            for (auto j : venue_judges[v]) {
              const int mark = std::clamp(base + (dice.below(10) == 0 ? 1 : 0), 0, 3);  // an occasional generous judge
              by_judge[j].push_back({client(j), e.id, asp.id, static_cast<double>(mark)});
            }
          } else if (asp.kind == core::AspectKind::measurement) {
            const double share = std::min(1.0, (skill + dice.below(20)) / 110.0);
            const double value = std::floor(asp.max_mark * share / asp.step) * asp.step;
            if (ev.summary.work_type_id == work_types["焊工"] && comp_def.kind == core::ComponentKind::practical)
              gauge_marks[v].push_back({fmt::format("gauge-{}-{}", e.id, asp.id), e.id, asp.id, value});
            else
              by_judge[venue_judges[v][0]].push_back({client(venue_judges[v][0]), e.id, asp.id, value});
          } else if (dice.below(20) == 0) {  // a rare safety deduction
            by_judge[venue_judges[v][0]].push_back({client(venue_judges[v][0]), e.id, asp.id, 1});
          }
          ++n;
        }
      }
      for (auto& [judge, marks] : by_judge) {
        s.judging.submit(judge_actors.at(judge), marks);
        summary.marks += static_cast<int>(marks.size());
      }
    }
  }
  for (size_t v = 0; v < venues.size(); ++v) {
    if (gauge_marks[v].empty()) continue;
    boost::json::array body;
    for (const auto& m : gauge_marks[v])
      body.push_back(boost::json::object{{"client_id", m.client_id}, {"entry_id", std::to_string(m.entry_id)},
                                         {"aspect_id", std::to_string(m.aspect_id)}, {"value", m.value}});
    const auto text = skb::service::json_text(boost::json::object{{"marks", body}});
    const auto timestamp = std::to_string(ctx.now_seconds());
    s.devices.submit({gauges[v].key_id, timestamp, hmac_sha256_hex(gauges[v].secret, timestamp + "\n" + text), text},
                     [&] { return gauge_marks[v]; });
    summary.marks += static_cast<int>(gauge_marks[v].size());
  }
  return summary;
}

}  // namespace skb::service
