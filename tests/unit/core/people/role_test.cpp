#include "core/people/role.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

TEST(Roles, RoundTripCodes) {
  for (auto r : {Role::admin, Role::organiser, Role::chief_judge, Role::judge, Role::worker, Role::hr, Role::viewer})
    EXPECT_EQ(parse_role(to_code(r)), r);
  EXPECT_FALSE(parse_role("root"));
}

TEST(Roles, OnlyAdminsManageUsersAndReadTheAudit) {
  EXPECT_TRUE(role_allows(Role::admin, Permission::manage_users));
  for (auto r : {Role::organiser, Role::chief_judge, Role::judge, Role::worker, Role::hr, Role::viewer}) {
    EXPECT_FALSE(role_allows(r, Permission::manage_users));
    EXPECT_FALSE(role_allows(r, Permission::read_audit));
  }
}

TEST(Roles, ViewersReadButNeverWriteOrSeePersonalData) {
  EXPECT_TRUE(role_allows(Role::viewer, Permission::read_workers));
  EXPECT_FALSE(role_allows(Role::viewer, Permission::write_workers));
  EXPECT_FALSE(role_allows(Role::viewer, Permission::read_worker_pii));
  EXPECT_TRUE(role_allows(Role::hr, Permission::read_worker_pii));
  EXPECT_FALSE(role_allows(Role::worker, Permission::read_workers));
}
