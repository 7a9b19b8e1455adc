#include "service/analytics/brain.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "core/people/org.hpp"
#include "core/platform/calendar.hpp"
#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"
#include "service/talent/portraits.hpp"

namespace skb::service {
namespace {

constexpr auto kFresh = std::chrono::seconds(10);
constexpr int kRecentWorkers = 300;  // the most recently active workers looked at for improvers
constexpr int kImproverDays = 90;

std::string days_ago(const Context& ctx, int days) { return format_rfc3339(ctx.clock() - std::chrono::hours(24 * days)); }

std::optional<double> target_for(store::Connection& c, const std::string& path) {
  // The nearest organisation on the path (itself first) with a target.
  for (auto end = path.size() - 1; end > 0; end = path.rfind('/', end - 1)) {
    const auto prefix = path.substr(0, end + 1);
    if (auto r = c.query_one("SELECT t.high_skill_share FROM org_targets t JOIN orgs o ON o.id = t.org_id WHERE o.path = ?", {prefix})) return r->f64(0);
  }
  return std::nullopt;
}

// A worker's overall portrait on their best-evidenced work type now and as it stood ninety days ago
// (their evidence up to then, aged from then): none without five pieces of evidence by then.
std::optional<BrainImprover> improvement(store::Connection& c, const Context& ctx, std::int64_t worker) {
  auto p = c.query_one("SELECT s.work_type_id, s.theta, t.name, w.name, o.name FROM portrait_scores s JOIN work_types t ON t.id = s.work_type_id "
                       "JOIN workers w ON w.id = s.worker_id JOIN orgs o ON o.id = w.org_id WHERE s.worker_id = ? AND s.dimension_id = 0 "
                       "ORDER BY s.evidence_count DESC LIMIT 1",
                       {worker});
  if (!p) return std::nullopt;
  const auto then = ctx.now_seconds() - std::int64_t{kImproverDays} * 86400;
  std::vector<core::Observation> before;
  for (const auto& r : c.query("SELECT score, weight, difficulty, observed_at FROM evidence WHERE worker_id = ? AND work_type_id = ?", {worker, p->i64(0)})) {
    const auto at = core::parse_rfc3339_seconds(r.str(3)).value_or(then + 1);
    if (at > then) continue;
    before.push_back({r.f64(0), r.f64(1), r.f64(2), static_cast<double>(then - at) / 86400.0});
  }
  if (before.size() < 5) return std::nullopt;
  const auto then_theta = core::estimate_ability(before, prior_for(c, p->i64(0), 0)).theta;
  return BrainImprover{worker, p->str(3), p->str(4), p->str(2), 100 * core::logistic(then_theta), 100 * core::logistic(p->f64(1))};
}

}  // namespace

std::shared_ptr<const Brain> BrainService::brain(const Actor& actor, std::int64_t org_id) {
  ctx_.db.read([&](store::Connection& c) { require(actor, core::Permission::read_workers, load_org(c, org_id).path); });
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(org_id); it != cache_.end() && std::chrono::steady_clock::now() - it->second.first < kFresh) return it->second.second;
  }
  auto fresh = compute(actor, org_id);
  std::lock_guard lock(mutex_);
  cache_[org_id] = {std::chrono::steady_clock::now(), fresh};
  return fresh;
}

std::shared_ptr<const Brain> BrainService::compute(const Actor& actor, std::int64_t org_id) {
  auto b = std::make_shared<Brain>();
  b->generated_at = ctx_.now_rfc3339();
  b->structure = structure_.structure(actor, org_id);
  std::vector<std::pair<std::int64_t, std::string>> events;  // (event, board title)
  ctx_.db.read([&](store::Connection& c) {
    const auto org = load_org(c, org_id);
    b->high_skill_target = target_for(c, org.path);
    for (const auto& child : c.query("SELECT id, name, path FROM orgs WHERE parent_id = ? ORDER BY id", {org_id})) {
      store::Params params;
      const auto where = subtree_condition("w.org_path", {child.str(2)}, params);
      auto counts = c.query_one("SELECT COUNT(*), COALESCE(SUM(CASE WHEN w.skill_level <= 3 THEN 1 ELSE 0 END), 0) FROM workers w WHERE " + where, params);
      // CROSS JOIN keeps the organisation's workers as the outer loop: SQLite would otherwise walk every portrait of the work type.
      auto portraits = c.query_one("SELECT COUNT(DISTINCT s.worker_id) FROM workers w CROSS JOIN portrait_scores s ON s.worker_id = w.id AND s.dimension_id = 0 WHERE " + where,
                                   params);
      b->districts.push_back({child.i64(0), child.str(1), counts->i64(0), counts->i64(1), portraits->i64(0)});
    }
    std::stable_sort(b->districts.begin(), b->districts.end(), [](const auto& x, const auto& y) { return x.workers > y.workers; });
    // Competitions under way organised inside the organisation or above it.
    for (const auto& r : c.query("SELECT ev.id, co.name, ev.name, co.org_path FROM events ev JOIN competitions co ON co.id = ev.competition_id "
                                 "WHERE co.status = 'running' ORDER BY co.id, ev.id")) {
      const auto path = r.str(3);
      if (core::in_subtree(path, org.path) || core::in_subtree(org.path, path)) events.emplace_back(r.i64(0), r.str(1) + " · " + r.str(2));
    }
    const auto today = ctx_.today();
    store::Params params{today};
    const auto where = subtree_condition("w.org_path", {org.path}, params);
    auto practice = c.query_one("SELECT COUNT(*), COUNT(DISTINCT a.worker_id) FROM practice_attempts a JOIN workers w ON w.id = a.worker_id "
                                "WHERE a.work_type_id IN (SELECT id FROM work_types) AND a.submitted_day = ? AND " + where,
                                params);
    b->practice_today = practice->i64(0);
    b->practising_today = practice->i64(1);
    store::Params p2{today + "T00:00:00Z"};
    const auto where2 = subtree_condition("w.org_path", {org.path}, p2);
    b->exams_today = c.query_one("SELECT COUNT(*) FROM exam_sessions s JOIN workers w ON w.id = s.worker_id WHERE s.status = 'submitted' AND s.submitted_at >= ? AND " + where2,
                                 p2)->i64(0);
    // Improvers among the recently active: practice or exams in the last thirty days.
    std::set<std::int64_t> recent;
    store::Params p3{days_ago(ctx_, 30).substr(0, 10)};
    const auto where3 = subtree_condition("w.org_path", {org.path}, p3);
    for (const auto& r : c.query("SELECT DISTINCT a.worker_id FROM practice_attempts a JOIN workers w ON w.id = a.worker_id WHERE a.work_type_id IN "
                                 "(SELECT id FROM work_types) AND a.submitted_day >= ? AND " + where3 + " LIMIT " + std::to_string(kRecentWorkers),
                                 p3))
      recent.insert(r.i64(0));
    store::Params p4{days_ago(ctx_, 30)};
    const auto where4 = subtree_condition("w.org_path", {org.path}, p4);
    for (const auto& r : c.query("SELECT DISTINCT s.worker_id FROM exam_sessions s JOIN workers w ON w.id = s.worker_id WHERE s.status = 'submitted' AND "
                                 "s.submitted_at >= ? AND " + where4 + " LIMIT " + std::to_string(kRecentWorkers),
                                 p4))
      recent.insert(r.i64(0));
    for (auto worker : recent)
      if (auto i = improvement(c, ctx_, worker); i && i->now > i->before) b->improvers.push_back(*i);
    std::stable_sort(b->improvers.begin(), b->improvers.end(), [](const auto& x, const auto& y) { return x.now - x.before > y.now - y.before; });
    if (b->improvers.size() > 5) b->improvers.resize(5);
  });
  for (const auto& [event, title] : events) {
    BrainEvent e{event, "", title, "e" + std::to_string(event), ""};
    try {
      e.leaders_json = boards_.page_json({&actor, e.board_id, std::nullopt, true}, 0, 3);
    } catch (const core::Error&) {
      continue;  // no board yet (nothing marked)
    }
    b->live.push_back(std::move(e));
  }
  return b;
}

void BrainService::set_high_skill_target(const Actor& actor, std::int64_t org_id, std::optional<double> share) {
  if (share && !(*share > 0 && *share <= 1)) throw core::invalid("high_skill_share", "目标占比应在 0–1 之间 (0 < share ≤ 1)");
  ctx_.db.write([&](store::Connection& c) {
    require(actor, core::Permission::write_orgs, load_org(c, org_id).path);
    if (share)
      c.execute("INSERT INTO org_targets(org_id, high_skill_share, set_by, set_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET "
                "high_skill_share = excluded.high_skill_share, set_by = excluded.set_by, set_at = excluded.set_at",
                {org_id, *share, actor.username, ctx_.now_rfc3339()});
    else
      c.execute("DELETE FROM org_targets WHERE org_id = ?", {org_id});
    append_audit(c, ctx_, {actor.username, "org.high_skill_target", "org", std::to_string(org_id),
                           json_text(boost::json::object{{"high_skill_share", share ? boost::json::value(*share) : nullptr}})});
  });
  std::lock_guard lock(mutex_);
  cache_.clear();
}

}  // namespace skb::service
