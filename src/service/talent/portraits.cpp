#include "service/talent/portraits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/people/skill_level.hpp"
#include "core/platform/calendar.hpp"
#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"
#include "service/people/workers.hpp"

namespace skb::service {
namespace {

using core::Permission;

constexpr double kPriorSd = 1.5;          // spread of abilities among peers, logits (docs/portrait.md)
constexpr std::int64_t kPeerMinRows = 30;  // fewer pieces of peer evidence: the prior mean stays 0

}  // namespace

core::AbilityPrior prior_for(store::Connection& c, std::int64_t work_type_id, std::int64_t dimension_id) {
  core::AbilityPrior prior{0, kPriorSd};
  auto t = c.query_one("SELECT rows_count, weight_sum, share_sum, difficulty_sum FROM evidence_totals WHERE work_type_id = ? AND dimension_id = ?",
                       {work_type_id, dimension_id});
  if (t && t->i64(0) >= kPeerMinRows && t->f64(1) > 0)
    prior.mean = core::logit(t->f64(2) / t->f64(1)) + t->f64(3) / t->f64(1);
  return prior;
}

namespace {

ScoreView view_of(const core::AbilityEstimate& e) {
  const auto band = core::to_score_band(e);
  return {band.score, band.low, band.high, e.theta, e.se, e.evidence, e.information};
}

// Histogram buckets of 0.01 logit, the ends clamped (|θ| ≥ 10 is far beyond any evidence).
constexpr int kMaxBucket = 1000;
int bucket_of(double theta) { return std::clamp(static_cast<int>(std::floor(theta * 100)), -kMaxBucket, kMaxBucket); }
double bucket_low(int b) { return b == -kMaxBucket ? -1e9 : b / 100.0; }
double bucket_high(int b) { return b == kMaxBucket ? 1e9 : (b + 1) / 100.0; }

void bump(store::Connection& c, std::int64_t work_type_id, std::int64_t dimension_id, double theta, std::int64_t delta) {
  const std::int64_t b = bucket_of(theta);
  c.execute("INSERT INTO portrait_histogram(work_type_id, dimension_id, bucket, n) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING",
            {work_type_id, dimension_id, b});
  c.execute("UPDATE portrait_histogram SET n = n + ? WHERE work_type_id = ? AND dimension_id = ? AND bucket = ?", {delta, work_type_id, dimension_id, b});
}

// Portraits above θ on one work type's overall score: whole buckets above, then inside θ's bucket.
std::int64_t count_above(store::Connection& c, std::int64_t work_type_id, double theta) {
  const int b = bucket_of(theta);
  const auto above = c.query_one("SELECT COALESCE(SUM(n), 0) FROM portrait_histogram WHERE work_type_id = ? AND dimension_id = 0 AND bucket > ?",
                                 {work_type_id, static_cast<std::int64_t>(b)})->i64(0);
  const auto inside = c.query_one("SELECT COUNT(*) FROM portrait_scores WHERE work_type_id = ? AND dimension_id = 0 AND theta > ? AND theta >= ? "
                                  "AND theta < ?",
                                  {work_type_id, theta, bucket_low(b), bucket_high(b)})->i64(0);
  return above + inside;
}

PeerRank rank_of(std::int64_t higher, std::int64_t of) {
  PeerRank r{higher + 1, of, 0};
  r.percentile = of > 1 ? 100.0 * static_cast<double>(of - r.rank) / static_cast<double>(of - 1) : 100.0;
  return r;
}

std::optional<PeerRank> rank_in_all(store::Connection& c, std::int64_t work_type_id, double theta) {
  const auto of = c.query_one("SELECT COALESCE(SUM(n), 0) FROM portrait_histogram WHERE work_type_id = ? AND dimension_id = 0", {work_type_id})->i64(0);
  if (of == 0) return std::nullopt;
  return rank_of(count_above(c, work_type_id, theta), of);
}

// Inside one enterprise: its workers (an index on org) joined to their overall score.
std::optional<PeerRank> rank_in_org(store::Connection& c, std::int64_t work_type_id, double theta, std::int64_t org_id) {
  // CROSS JOIN keeps the workers of the org as the outer loop in SQLite (a plain join may scan every
  // portrait of the work type instead); to PostgreSQL it is the same inner join.
  const auto r = c.query_one("SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.theta > ? THEN 1 ELSE 0 END), 0) FROM workers w CROSS JOIN portrait_scores p "
                             "WHERE w.org_id = ? AND p.worker_id = w.id AND p.work_type_id = ? AND p.dimension_id = 0",
                             {theta, org_id, work_type_id});
  if (r->i64(0) == 0) return std::nullopt;
  return rank_of(r->i64(1), r->i64(0));
}

std::optional<double> peer_median(store::Connection& c, std::int64_t work_type_id, std::int64_t dimension_id) {
  return peer_quantile(c, work_type_id, dimension_id, 0.5);
}

// The overall score at the end of each of the last twelve months, from the evidence up to then.
std::vector<TrendPoint> trend_of(store::Connection& c, std::int64_t worker_id, std::int64_t work_type_id, std::int64_t now,
                                 const std::string& today) {
  struct Dated {
    std::int64_t at;
    core::Observation o;
  };
  std::vector<Dated> evidence;
  for (const auto& r : c.query("SELECT score, weight, difficulty, observed_at FROM evidence WHERE worker_id = ? AND work_type_id = ?",
                               {worker_id, work_type_id}))
    evidence.push_back({core::parse_rfc3339_seconds(r.str(3)).value_or(now), {r.f64(0), r.f64(1), r.f64(2), 0}});
  const auto prior = prior_for(c, work_type_id, 0);
  int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2));
  std::vector<TrendPoint> out;
  for (int back = 11; back >= 0; --back) {
    int y = year, m = month - back;
    while (m < 1) m += 12, --y;
    const int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
    const auto end = back == 0 ? now : core::parse_rfc3339_seconds(fmt::format("{:04}-{:02}-01T00:00:00Z", ny, nm)).value_or(now);
    std::vector<core::Observation> upto;
    for (const auto& e : evidence)
      if (e.at <= end) {
        auto o = e.o;
        o.age_days = static_cast<double>(end - e.at) / 86400.0;
        upto.push_back(o);
      }
    if (upto.empty()) continue;
    out.push_back({fmt::format("{:04}-{:02}", y, m), view_of(core::estimate_ability(upto, prior))});
  }
  return out;
}

// Readiness for the level above the worker's: each bar against the score's 95 % band.
std::optional<Readiness> readiness_of(store::Connection& c, const Portrait& p, core::SkillLevel current) {
  const auto next = next_level(current);
  if (!next || !p.work_type_id) return std::nullopt;
  std::map<std::int64_t, double> bars;
  for (const auto& r : c.query("SELECT dimension_id, bar FROM level_bars WHERE work_type_id = ? AND skill_level = ?",
                               {*p.work_type_id, static_cast<std::int64_t>(*next)}))
    bars[r.i64(0)] = r.f64(1);
  if (bars.empty()) return std::nullopt;
  const auto status = [](const std::optional<ScoreView>& s, double bar) {
    if (!s) return std::string("no_evidence");
    if (s->low >= bar) return std::string("met");
    if (s->high < bar) return std::string("short");
    return std::string("open");
  };
  Readiness out{*next, {}};
  if (auto it = bars.find(0); it != bars.end()) out.items.push_back({std::nullopt, it->second, status(p.overall, it->second)});
  for (const auto& d : p.dimensions)
    if (auto it = bars.find(d.id); it != bars.end()) out.items.push_back({d.id, it->second, status(d.score, it->second)});
  return out;
}

Portrait load_portrait(store::Connection& c, const Context& ctx, std::int64_t worker_id, std::optional<std::int64_t> work_type_id) {
  Portrait p;
  auto w = c.query_one("SELECT w.name, o.name, w.skill_level, w.org_id FROM workers w JOIN orgs o ON o.id = w.org_id WHERE w.id = ?", {worker_id});
  p.worker_id = worker_id;
  p.worker_name = w->str(0);
  p.org_name = w->str(1);
  const auto org_id = w->i64(3);
  for (const auto& r : c.query("SELECT t.id, t.name, (SELECT COUNT(*) FROM evidence e WHERE e.worker_id = ? AND e.work_type_id = t.id) n "
                               "FROM work_types t WHERE t.id IN (SELECT work_type_id FROM worker_work_types WHERE worker_id = ? "
                               "UNION SELECT work_type_id FROM evidence WHERE worker_id = ?) ORDER BY n DESC, t.id",
                               {worker_id, worker_id, worker_id}))
    p.work_types.push_back({r.i64(0), r.str(1), static_cast<int>(r.i64(2))});
  if (work_type_id) {
    auto t = c.query_one("SELECT name FROM work_types WHERE id = ?", {*work_type_id});
    if (!t) throw core::invalid("work_type_id", "工种不存在 (no such work type)");
    p.work_type_id = work_type_id;
    p.work_type_name = t->str(0);
  } else if (!p.work_types.empty()) {
    p.work_type_id = p.work_types.front().id;
    p.work_type_name = p.work_types.front().name;
  }
  if (!p.work_type_id) return p;
  std::map<std::int64_t, std::pair<ScoreView, std::string>> stored;  // dimension → (score, refreshed)
  for (const auto& r : c.query("SELECT dimension_id, theta, se, evidence_count, information, refreshed_at FROM portrait_scores "
                               "WHERE worker_id = ? AND work_type_id = ?",
                               {worker_id, *p.work_type_id}))
    stored[r.i64(0)] = {view_of({r.f64(1), r.f64(2), static_cast<int>(r.i64(3)), r.f64(4)}), r.str(5)};
  if (auto it = stored.find(0); it != stored.end()) {
    p.overall = it->second.first;
    p.refreshed_at = it->second.second;
    p.in_enterprise = rank_in_org(c, *p.work_type_id, p.overall->theta, org_id);
    p.in_all = rank_in_all(c, *p.work_type_id, p.overall->theta);
    p.trend = trend_of(c, worker_id, *p.work_type_id, ctx.now_seconds(), ctx.today());
  }
  std::vector<std::optional<core::AbilityEstimate>> estimates;
  for (const auto& r : c.query("SELECT id, name FROM dimensions WHERE work_type_id = ? ORDER BY position, id", {*p.work_type_id})) {
    PortraitDimension d{r.i64(0), r.str(1), std::nullopt, peer_median(c, *p.work_type_id, r.i64(0)), false, false};
    std::optional<core::AbilityEstimate> e;
    if (auto it = stored.find(d.id); it != stored.end()) {
      d.score = it->second.first;
      e = core::AbilityEstimate{d.score->theta, d.score->se, d.score->evidence, d.score->information};
    }
    estimates.push_back(e);
    p.dimensions.push_back(std::move(d));
  }
  const auto sep = core::separate(estimates);
  for (auto i : sep.strengths) p.dimensions[i].strength = true;
  for (auto i : sep.weaknesses) p.dimensions[i].weakness = true;
  p.readiness = readiness_of(c, p, static_cast<core::SkillLevel>(w->i64(2)));
  return p;
}

}  // namespace

void refresh_portrait(store::Connection& c, const Context& ctx, std::int64_t worker_id, std::int64_t work_type_id) {
  const auto now = ctx.now_seconds();
  std::map<std::int64_t, std::vector<core::Observation>> by_dimension;  // 0: all of the work type's
  for (const auto& r : c.query("SELECT dimension_id, score, weight, difficulty, observed_at FROM evidence WHERE worker_id = ? AND work_type_id = ?",
                               {worker_id, work_type_id})) {
    const auto at = core::parse_rfc3339_seconds(r.str(4)).value_or(now);
    const core::Observation o{r.f64(1), r.f64(2), r.f64(3), std::max<double>(0, static_cast<double>(now - at) / 86400.0)};
    by_dimension[0].push_back(o);
    if (!r.is_null(0)) by_dimension[r.i64(0)].push_back(o);
  }
  for (const auto& r : c.query("SELECT dimension_id, theta FROM portrait_scores WHERE worker_id = ? AND work_type_id = ?", {worker_id, work_type_id}))
    bump(c, work_type_id, r.i64(0), r.f64(1), -1);
  c.execute("DELETE FROM portrait_scores WHERE worker_id = ? AND work_type_id = ?", {worker_id, work_type_id});
  const auto stamp = ctx.now_rfc3339();
  for (const auto& [dimension, observations] : by_dimension) {
    const auto e = core::estimate_ability(observations, prior_for(c, work_type_id, dimension));
    c.execute("INSERT INTO portrait_scores(worker_id, work_type_id, dimension_id, theta, se, evidence_count, information, refreshed_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {worker_id, work_type_id, dimension, e.theta, e.se, static_cast<std::int64_t>(e.evidence), e.information, stamp});
    bump(c, work_type_id, dimension, e.theta, +1);
  }
}

// The ⌊q·n⌋-th lowest ability (of n) of the work type's workers with evidence on a dimension, as a score: the
// bucket that holds it from the histogram, then its place inside that bucket.
std::optional<double> peer_quantile(store::Connection& c, std::int64_t work_type_id, std::int64_t dimension_id, double q) {
  const auto buckets = c.query("SELECT bucket, n FROM portrait_histogram WHERE work_type_id = ? AND dimension_id = ? AND n > 0 ORDER BY bucket",
                               {work_type_id, dimension_id});
  std::int64_t total = 0;
  for (const auto& r : buckets) total += r.i64(1);
  if (total == 0) return std::nullopt;
  std::int64_t wanted = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(q * static_cast<double>(total))), 0, total - 1);
  for (const auto& r : buckets) {
    if (wanted >= r.i64(1)) {
      wanted -= r.i64(1);
      continue;
    }
    const int b = static_cast<int>(r.i64(0));
    const auto t = c.query_one("SELECT theta FROM portrait_scores WHERE work_type_id = ? AND dimension_id = ? AND theta >= ? AND theta < ? "
                               "ORDER BY theta LIMIT 1 OFFSET ?",
                               {work_type_id, dimension_id, bucket_low(b), bucket_high(b), wanted});
    if (t) return 100 * core::logistic(t->f64(0));
    break;
  }
  return std::nullopt;
}

PartialScores score_evidence_of(store::Connection& c, std::int64_t worker_id, std::int64_t work_type_id, const std::vector<EvidenceScope>& scopes) {
  std::map<std::int64_t, std::vector<core::Observation>> by_dimension;  // 0: all
  for (const auto& scope : scopes)
    for (const auto& r : c.query("SELECT dimension_id, score, weight, difficulty FROM evidence WHERE source = ? AND scope_key = ? AND worker_id = ? "
                                 "AND work_type_id = ?",
                                 {scope.source, scope.scope_key, worker_id, work_type_id})) {
      const core::Observation o{r.f64(1), r.f64(2), r.f64(3), 0};
      by_dimension[0].push_back(o);
      if (!r.is_null(0)) by_dimension[r.i64(0)].push_back(o);
    }
  PartialScores out;
  for (const auto& [dimension, observations] : by_dimension) {
    const auto view = view_of(core::estimate_ability(observations, prior_for(c, work_type_id, dimension)));
    if (dimension == 0) out.overall = view;
    else out.dimensions[dimension] = view;
  }
  return out;
}

Portrait PortraitService::portrait(const Actor& actor, std::int64_t worker_id, std::optional<std::int64_t> work_type_id) const {
  Portrait p;
  ctx_.db.read([&](store::Connection& c) {
    require_worker_reader(c, actor, worker_id);
    p = load_portrait(c, ctx_, worker_id, work_type_id);
  });
  return p;
}

Portrait PortraitService::own_portrait(const Actor& actor, std::optional<std::int64_t> work_type_id) const {
  if (!actor.worker_id) throw core::not_found("您的账号未关联职工档案 (your account has no worker record)");
  return portrait(actor, *actor.worker_id, work_type_id);
}

std::vector<EvidenceView> PortraitService::evidence(const Actor& actor, std::int64_t worker_id, std::int64_t work_type_id,
                                                    std::optional<std::int64_t> dimension_id, int limit) const {
  std::vector<EvidenceView> out;
  ctx_.db.read([&](store::Connection& c) {
    require_worker_reader(c, actor, worker_id);
    std::string sql =
        "SELECT e.id, e.source, e.dimension_id, COALESCE(d.name, ''), e.score, e.weight, e.difficulty, e.observed_at, e.label, e.context "
        "FROM evidence e LEFT JOIN dimensions d ON d.id = e.dimension_id WHERE e.worker_id = ? AND e.work_type_id = ?";
    store::Params params{worker_id, work_type_id};
    if (dimension_id) {
      sql += " AND e.dimension_id = ?";
      params.push_back(*dimension_id);
    }
    sql += " ORDER BY e.observed_at DESC, e.id DESC LIMIT ?";
    params.push_back(static_cast<std::int64_t>(limit));
    for (const auto& r : c.query(sql, params))
      out.push_back({r.i64(0), r.str(1), r.opt_i64(2), r.str(3), r.f64(4), r.f64(5), r.f64(6), r.str(7), r.str(8), r.str(9)});
  });
  return out;
}

}  // namespace skb::service
