#pragma once
// A real SQLite database in memory with the schema, an admin at the top organisation and a few orgs.
#include <gtest/gtest.h>

#include <chrono>

#include "service/services.hpp"
#include "store/database.hpp"

namespace skb::testing {

class ServiceTest : public ::testing::Test {
 protected:
  ServiceTest();
  service::Actor actor_for(core::Role role, std::int64_t org_id);
  // A valid ID number with the given 6-digit region, birth date (YYYYMMDD) and sequence.
  static std::string id_number(const std::string& birth = "19900101", int seq = 123);
  service::WorkerInput worker(const std::string& name, std::int64_t org_id, int seq);

  std::unique_ptr<store::Database> db_;
  service::Sealer sealer_{std::string(32, 'k')};
  std::chrono::system_clock::time_point now_ = std::chrono::sys_days{std::chrono::November / 24 / 2026};
  std::unique_ptr<service::Services> s_;
  service::Actor admin_;
  std::int64_t city_ = 0, union_a_ = 0, union_b_ = 0, enterprise_a_ = 0, enterprise_b_ = 0;
  std::int64_t welding_ = 0;
};

}  // namespace skb::testing
