#include "cli/verify_evidence.hpp"

#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "service/contest/evidence.hpp"
#include "service/exams/evidence.hpp"
#include "service/talent/evidence.hpp"
#include "service/training/evidence.hpp"

namespace skb::cli {
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

int verify_evidence(service::Services& services, bool repair, std::ostream& out) {
  struct Unit {
    std::string source;
    service::DerivedEvidence derived;
  };
  std::vector<Unit> units;
  std::map<Key, Fact> derived, stored;
  services.ctx.db.read([&](store::Connection& c) {
    for (auto& d : service::derive_all_contest_evidence(c)) units.push_back({"aspect", std::move(d)});
    for (auto& d : service::derive_all_exam_evidence(c)) units.push_back({"exam_item", std::move(d)});
    for (auto& d : service::derive_all_practice_evidence(c)) units.push_back({"practice_item", std::move(d)});
    for (auto& d : service::derive_all_training_evidence(c)) units.push_back({"training", std::move(d)});
    for (const auto& e : service::load_all_evidence(c))
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
  out << "evidence: " << derived.size() << " derived from the sources, " << stored.size() << " stored\n";
  if (stale.empty()) {
    out << "evidence OK: the talent record matches its sources\n";
    return 0;
  }
  out << "evidence DIFFERS: " << missing << " missing, " << extra << " not derivable, " << differing << " different, in " << stale.size()
      << " source unit(s)\n";
  if (!repair) return 1;
  std::map<std::string, std::vector<service::DerivedEvidence>> rewrite;  // source → units, as derived (empty: none derivable)
  for (const auto& [source, scope] : stale) {
    service::DerivedEvidence unit{scope, {}};
    for (const auto& u : units)
      if (u.source == source && u.derived.scope_key == scope) unit = u.derived;
    rewrite[source].push_back(std::move(unit));
  }
  services.ctx.db.write([&](store::Connection& c) {
    for (const auto& [source, list] : rewrite) service::replace_evidence_bulk(c, services.ctx, source, list);
  });
  out << "repaired: " << stale.size() << " source unit(s) rewritten\n";
  return 0;
}

}  // namespace skb::cli
