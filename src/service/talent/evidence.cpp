#include "service/talent/evidence.hpp"

#include <set>
#include <tuple>
#include <utility>

#include "core/platform/error.hpp"
#include "service/talent/portraits.hpp"

namespace skb::service {
namespace {

// The running sums behind the peer group's mean ability, per work type and dimension (0: all).
void add_to_totals(store::Connection& c, std::int64_t work_type_id, std::int64_t dimension_id, double sign, double weight,
                   double share, double difficulty) {
  c.execute("INSERT INTO evidence_totals(work_type_id, dimension_id, rows_count, weight_sum, share_sum, difficulty_sum) "
            "VALUES (?, ?, 0, 0, 0, 0) ON CONFLICT DO NOTHING",
            {work_type_id, dimension_id});
  c.execute("UPDATE evidence_totals SET rows_count = rows_count + ?, weight_sum = weight_sum + ?, share_sum = share_sum + ?, "
            "difficulty_sum = difficulty_sum + ? WHERE work_type_id = ? AND dimension_id = ?",
            {static_cast<std::int64_t>(sign), sign * weight, sign * weight * share, sign * weight * difficulty, work_type_id,
             dimension_id});
}

void count(store::Connection& c, std::int64_t work_type_id, std::optional<std::int64_t> dimension_id, double sign, double weight,
           double share, double difficulty) {
  add_to_totals(c, work_type_id, 0, sign, weight, share, difficulty);
  if (dimension_id) add_to_totals(c, work_type_id, *dimension_id, sign, weight, share, difficulty);
}

void check(const EvidenceInput& e) {
  if (!(e.score >= 0 && e.score <= 1)) throw core::invalid("score", "evidence score outside [0, 1]");
  if (!(e.weight > 0 && e.weight < 1e6)) throw core::invalid("weight", "evidence weight must be positive");
  if (!(e.difficulty > -20 && e.difficulty < 20)) throw core::invalid("difficulty", "evidence difficulty out of range");
}

}  // namespace

namespace {

using Touched = std::set<std::pair<std::int64_t, std::int64_t>>;  // (worker, work type)

void replace_unit(store::Connection& c, const std::string& source, const std::string& scope_key, const std::vector<EvidenceInput>& rows,
                  Touched& touched) {
  for (const auto& r : c.query("SELECT worker_id, work_type_id, dimension_id, score, weight, difficulty FROM evidence "
                               "WHERE source = ? AND scope_key = ?",
                               {source, scope_key})) {
    touched.insert({r.i64(0), r.i64(1)});
    count(c, r.i64(1), r.opt_i64(2), -1, r.f64(4), r.f64(3), r.f64(5));
  }
  c.execute("DELETE FROM evidence WHERE source = ? AND scope_key = ?", {source, scope_key});
  for (const auto& e : rows) {
    check(e);
    c.execute("INSERT INTO evidence(worker_id, work_type_id, dimension_id, source, scope_key, item_key, score, weight, difficulty, "
              "observed_at, label, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {e.worker_id, e.work_type_id, e.dimension_id ? store::Value(*e.dimension_id) : store::Value(nullptr), source, scope_key,
               e.item_key, e.score, e.weight, e.difficulty, e.observed_at, e.label, e.context});
    count(c, e.work_type_id, e.dimension_id, +1, e.weight, e.score, e.difficulty);
    touched.insert({e.worker_id, e.work_type_id});
  }
}

}  // namespace

void replace_evidence(store::Connection& c, const Context& ctx, const std::string& source, const std::string& scope_key,
                      const std::vector<EvidenceInput>& rows) {
  Touched touched;
  replace_unit(c, source, scope_key, rows, touched);
  for (const auto& [worker, work_type] : touched) refresh_portrait(c, ctx, worker, work_type);
}

void replace_evidence_bulk(store::Connection& c, const Context& ctx, const std::string& source, const std::vector<DerivedEvidence>& units) {
  Touched touched;
  for (const auto& u : units) replace_unit(c, source, u.scope_key, u.rows, touched);
  for (const auto& [worker, work_type] : touched) refresh_portrait(c, ctx, worker, work_type);
}

std::vector<StoredEvidence> load_all_evidence(store::Connection& c) {
  std::vector<StoredEvidence> out;
  for (const auto& r : c.query("SELECT source, scope_key, item_key, worker_id, work_type_id, dimension_id, score, weight, difficulty, "
                               "observed_at FROM evidence ORDER BY source, scope_key, item_key, worker_id"))
    out.push_back({r.str(0), r.str(1), r.str(2), r.i64(3), r.i64(4), r.opt_i64(5), r.f64(6), r.f64(7), r.f64(8), r.str(9)});
  return out;
}

}  // namespace skb::service
