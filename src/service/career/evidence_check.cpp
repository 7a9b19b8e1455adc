#include "service/career/evidence_check.hpp"

#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "service/contest/evidence.hpp"
#include "service/exams/evidence.hpp"
#include "service/talent/evidence.hpp"
#include "service/training/evidence.hpp"

namespace skb::service {
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::int64_t>;  // source, scope, item, worker

struct Fact {
  std::int64_t work_type_id = 0;
  std::optional<std::int64_t> dimension_id;
  double score = 0, weight = 0, difficulty = 0;
  std::string observed_at;
  bool operator==(const Fact& o) const {
    return work_type_id == o.work_type_id && dimension_id == o.dimension_id && std::abs(score - o.score) < 1e-9 &&
           std::abs(weight - o.weight) < 1e-9 && std::abs(difficulty - o.difficulty) < 1e-9 && observed_at == o.observed_at;
  }
};

}  // namespace

EvidenceCheck check_evidence(const Context& ctx, bool repair) {
  EvidenceCheck result;
  struct Unit {
    std::string source;
    DerivedEvidence derived;
  };
  std::vector<Unit> units;
  std::map<Key, Fact> derived, stored;
  ctx.db.read([&](store::Connection& c) {
    for (auto& d : derive_all_contest_evidence(c)) units.push_back({"aspect", std::move(d)});
    for (auto& d : derive_all_exam_evidence(c)) units.push_back({"exam_item", std::move(d)});
    for (auto& d : derive_all_practice_evidence(c)) units.push_back({"practice_item", std::move(d)});
    for (auto& d : derive_all_training_evidence(c)) units.push_back({"training", std::move(d)});
    for (const auto& e : load_all_evidence(c))
      stored[{e.source, e.scope_key, e.item_key, e.worker_id}] = {e.work_type_id, e.dimension_id, e.score, e.weight, e.difficulty, e.observed_at};
  });
  for (const auto& u : units)
    for (const auto& r : u.derived.rows)
      derived[{u.source, u.derived.scope_key, r.item_key, r.worker_id}] = {r.work_type_id, r.dimension_id, r.score, r.weight, r.difficulty,
                                                                            r.observed_at};
  int missing = 0, extra = 0, differing = 0;
  std::set<std::pair<std::string, std::string>> stale;  // (source, scope) to rewrite
  for (const auto& [key, fact] : derived) {
    auto it = stored.find(key);
    if (it == stored.end()) ++missing, stale.insert({std::get<0>(key), std::get<1>(key)});
    else if (!(it->second == fact)) ++differing, stale.insert({std::get<0>(key), std::get<1>(key)});
  }
  for (const auto& [key, fact] : stored)
    if (!derived.count(key)) ++extra, stale.insert({std::get<0>(key), std::get<1>(key)});
  result.derived = static_cast<std::int64_t>(derived.size());
  result.stored = static_cast<std::int64_t>(stored.size());
  result.missing = missing;
  result.extra = extra;
  result.differing = differing;
  result.stale_units = static_cast<std::int64_t>(stale.size());
  if (stale.empty() || !repair) return result;
  std::map<std::string, std::vector<DerivedEvidence>> rewrite;  // source → units, as derived (empty: none derivable)
  std::map<std::pair<std::string, std::string>, const DerivedEvidence*> by_unit;
  for (const auto& u : units) by_unit[{u.source, u.derived.scope_key}] = &u.derived;
  for (const auto& [source, scope] : stale) {
    auto it = by_unit.find({source, scope});
    rewrite[source].push_back(it == by_unit.end() ? DerivedEvidence{scope, {}} : *it->second);
  }
  ctx.db.write([&](store::Connection& c) {
    for (const auto& [source, list] : rewrite) replace_evidence_bulk(c, ctx, source, list);
  });
  result.repaired = true;
  return result;
}

}  // namespace skb::service
