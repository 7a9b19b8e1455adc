#pragma once
// `skillbrain demo`: deterministic demo data modelled on a city union (温州市总工会): three industry
// unions, twenty enterprises, eight work types with their capability dimensions, workers with plausible
// names and valid (synthetic) ID numbers, and one account per role.
#include <string>
#include <vector>

#include "service/platform/context.hpp"

namespace skb::service {

struct DemoAccount {
  std::string role;
  std::string username;
  std::string password;  // generated; printed once by the CLI
  std::string scope;     // organisation name
};

struct DemoSummary {
  bool already_seeded = false;
  int orgs = 0;
  int work_types = 0;
  int workers = 0;
  std::vector<DemoAccount> accounts;
};

DemoSummary seed_demo(const Context& ctx, int worker_count);

}  // namespace skb::service
