#pragma once
// 评分标准更正: once marking has started the scheme is frozen; a mistake found on the day (a wrong
// maximum, a missing aspect, a typo) is corrected by the chief judge with a reason and a re-entered
// password. A correction never touches marks: a marked aspect keeps its id and kind and every mark
// recorded on it must stay valid under the new maximum and step. Each correction is kept with what it
// changed and is audited; standings and boards follow at once.
#include <string>
#include <vector>

#include "service/contest/competitions.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct SchemeChange {
  std::string what;  // "实操：板对接焊·焊缝宽度偏差 满分"
  std::string from, to;  // "" for an added or removed part
};

struct SchemeCorrectionView {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::string reason;
  std::vector<SchemeChange> changes;
  std::string corrected_by, corrected_at;
};

struct SchemeCorrectionInput {
  std::vector<ComponentDef> components;  // the whole corrected scheme; existing parts keep their ids
  std::string reason;
  std::string password;
};

class SchemeCorrectionService {
 public:
  explicit SchemeCorrectionService(const Context& ctx) : ctx_(ctx) {}
  std::vector<SchemeCorrectionView> list(const Actor& actor, std::int64_t event_id) const;
  // The event's chief judge (or lead_judging); only while marking runs: before the first mark the scheme
  // is simply replaced (409 not_frozen), after the lock a change is a mark correction (409 event_locked).
  SchemeCorrectionView correct(const Actor& actor, std::int64_t event_id, const SchemeCorrectionInput& input);

 private:
  const Context& ctx_;
};

}  // namespace skb::service
