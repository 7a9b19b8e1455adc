#include "core/platform/error.hpp"
#include "service/service_fixture.hpp"

using namespace skb;
using skb::testing::ServiceTest;

using OrgServiceTest = ServiceTest;

TEST_F(OrgServiceTest, AScopedAdminSeesOnlyTheirSubtree) {
  const auto a = actor_for(core::Role::admin, union_a_);
  const auto orgs = s_->orgs.list(a);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].org.name, "能源工会");
  EXPECT_EQ(orgs[1].path_names, (std::vector<std::string>{"总工会", "能源工会", "甲电力公司"}));
  EXPECT_THROW(s_->orgs.get(a, enterprise_b_), core::Error);
}

TEST_F(OrgServiceTest, MovingAnOrgRewritesTheSubtreeAndItsWorkersPaths) {
  const auto w = s_->workers.create(admin_, worker("张伟", enterprise_a_, 1));
  s_->orgs.move(admin_, enterprise_a_, union_b_);
  // A union-B admin now sees the enterprise and its worker; a union-A admin no longer does.
  const auto b = actor_for(core::Role::admin, union_b_);
  EXPECT_NO_THROW(s_->workers.get(b, w.id));
  EXPECT_THROW(s_->workers.get(actor_for(core::Role::admin, union_a_), w.id), core::Error);
  EXPECT_EQ(s_->workers.list(b, {}, 10, std::nullopt).total, 1);
}

TEST_F(OrgServiceTest, CannotMoveUnderItself) {
  try {
    s_->orgs.move(admin_, union_a_, enterprise_a_);
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::conflict);
  }
}

TEST_F(OrgServiceTest, CannotDeleteAnOrgThatStillHasChildren) {
  EXPECT_THROW(s_->orgs.remove(admin_, union_a_), core::Error);
  s_->orgs.remove(admin_, enterprise_a_);
  EXPECT_NO_THROW(s_->orgs.remove(admin_, union_a_));
}

TEST_F(OrgServiceTest, ViewersCannotWrite) {
  EXPECT_THROW(s_->orgs.create(actor_for(core::Role::viewer, city_), {"新工会", core::OrgKind::industry_union, {}, city_}),
               core::Error);
}
