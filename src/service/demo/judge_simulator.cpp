#include "service/demo/judge_simulator.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/platform/random.hpp"
#include "service/demo/competition.hpp"

namespace skb::service {
namespace {

struct Task {
  std::int64_t judge = 0, entry = 0, aspect = 0;
  double value = 0;
};

// Every (judge, entrant, aspect) still to mark in running competitions, in a shuffled but repeatable order.
std::vector<Task> open_tasks(store::Connection& c) {
  std::vector<Task> out;
  core::SplitMix64 dice(20261125);
  std::set<std::tuple<std::int64_t, std::int64_t, std::int64_t>> marked;
  for (const auto& r : c.query("SELECT DISTINCT judge_user_id, entry_id, aspect_id FROM marks m JOIN events e ON e.id = m.event_id "
                               "JOIN competitions k ON k.id = e.competition_id WHERE k.status = 'running'"))
    marked.insert({r.i64(0), r.i64(1), r.i64(2)});
  for (const auto& ev : c.query("SELECT e.id FROM events e JOIN competitions k ON k.id = e.competition_id "
                                "WHERE k.status = 'running' AND e.locked_at IS NULL")) {
    const auto event = load_event(c, ev.i64(0));
    const auto entries = load_entries(c, event.summary.id);
    // Measurement is one judge's job per venue (the first assigned); judgement is the whole panel's.
    std::map<std::optional<std::int64_t>, std::int64_t> measurer;
    for (const auto& a : c.query("SELECT user_id, venue_id, component_id, home_org_id FROM judge_assignments "
                                 "WHERE event_id = ? AND chief = 0 ORDER BY user_id",
                                 {event.summary.id})) {
      const auto judge = a.i64(0);
      const auto venue = a.opt_i64(1);
      measurer.try_emplace(venue, judge);
      for (const auto& e : entries) {
        if (e.status == "withdrawn" || (venue && e.venue_id != venue) || (a.opt_i64(3) && *a.opt_i64(3) == e.org_id)) continue;
        const double skill = 0.45 + static_cast<double>((e.id * 2654435761u) % 50) / 100.0;  // the entrant's strength
        for (const auto& comp : event.components) {
          if (!a.is_null(2) && a.i64(2) != comp.id) continue;
          for (const auto& asp : comp.aspects) {
            if (marked.count({judge, e.id, asp.id}) || asp.kind == core::AspectKind::deduction) continue;
            double value = 0;
            if (asp.kind == core::AspectKind::judgement) {
              value = std::clamp(std::round(skill * 3 + (static_cast<double>(dice.below(3)) - 1) * 0.5), 0.0, 3.0);
            } else {
              if (measurer[venue] != judge) continue;
              value = asp.bands.empty() ? std::floor(asp.max_mark * std::min(1.0, skill + dice.below(10) / 100.0) / asp.step) * asp.step
                                        : asp.bands.front().from;
            }
            out.push_back({judge, e.id, asp.id, value});
          }
        }
      }
    }
  }
  for (size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[dice.below(static_cast<int>(i))]);
  return out;
}

}  // namespace

void JudgeSimulator::start() { thread_ = std::thread([this] { run(); }); }

void JudgeSimulator::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JudgeSimulator::run() {
  std::vector<Task> tasks;
  std::map<std::int64_t, Actor> judges;
  services_.ctx.db.read([&](store::Connection& c) {
    tasks = open_tasks(c);
    for (const auto& t : tasks)
      if (!judges.count(t.judge)) judges.emplace(t.judge, load_actor(c, t.judge));
  });
  spdlog::info("simulated judges: {} marks to give, {:.1f} a second", tasks.size(), per_second_);
  const auto pause = std::chrono::duration<double>(1.0 / std::max(0.1, per_second_));
  std::unique_lock lock(mutex_);
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (wake_.wait_for(lock, pause, [&] { return stopping_; })) return;
    const auto& t = tasks[i];
    try {
      services_.judging.submit(judges.at(t.judge), {{fmt::format("sim-{}-{}-{}", t.entry, t.aspect, t.judge), t.entry, t.aspect, t.value}});
    } catch (const std::exception& e) {
      spdlog::debug("simulated mark skipped: {}", e.what());  // locked meanwhile, withdrawn, …
    }
  }
  spdlog::info("simulated judges: everything is marked");
}

}  // namespace skb::service
