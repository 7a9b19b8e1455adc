#pragma once
// The demo competition: a cross-region city contest modelled on real ones (温州市职工职业技能大赛):
// 电工 and 焊工 (theory + practical, raw sum), 电气装配工 (practical aspects mapped to the work type's five
// capability dimensions, weighted 30/70), three venues in three cities, judges per venue, and marks
// part-way through so every page has something to show. Deterministic.
#include <string>
#include <vector>

#include "service/demo/organisations.hpp"
#include "service/services.hpp"

namespace skb::service {

struct DemoCompetitionSummary {
  std::int64_t competition_id = 0;
  int events = 0;
  int entries = 0;
  int marks = 0;
  std::vector<DemoAccount> accounts;  // the judges created for it
};

// A user as the services see them when signed in (for the system acting as a demo account).
Actor load_actor(store::Connection& conn, std::int64_t user_id);

// The system acting as an administrator of the root organisation, for seeding through the services.
Actor demo_system_actor(store::Connection& conn);

// `entrants_per_event` workers of each event's work type are entered (fewer when the demo has fewer).
DemoCompetitionSummary seed_demo_competition(Services& services, int entrants_per_event);

}  // namespace skb::service
