#include "service/platform/audit.hpp"

#include "service/service_fixture.hpp"

using namespace skb;
using skb::testing::ServiceTest;

using AuditTest = ServiceTest;

TEST_F(AuditTest, EveryWriteIsChainedAndTheChainVerifies) {
  s_->workers.create(admin_, worker("张伟", enterprise_a_, 1));
  const auto check = service::verify_audit(s_->ctx);
  EXPECT_TRUE(check.ok);
  EXPECT_GE(check.entries, 7);  // admin, 4 orgs, work type, worker
  const auto page = service::list_audit(s_->ctx, 1, std::nullopt);
  EXPECT_EQ(page.items.at(0).action, "worker.create");
}

TEST_F(AuditTest, AnEditedEntryIsNamed) {
  db_->write([](store::Connection& c) { c.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"); });
  const auto check = service::verify_audit(s_->ctx);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_seq, 3);
}
