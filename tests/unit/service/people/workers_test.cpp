#include "core/platform/error.hpp"
#include "service/service_fixture.hpp"

using namespace skb;
using skb::testing::ServiceTest;

using WorkerServiceTest = ServiceTest;

TEST_F(WorkerServiceTest, PersonalDataIsSealedAtRestAndMaskedInViews) {
  auto in = worker("李娜", enterprise_a_, 7);
  const auto v = s_->workers.create(admin_, in);
  EXPECT_EQ(v.phone_masked.substr(0, 3), "138");
  EXPECT_NE(v.phone_masked, *in.phone);
  EXPECT_EQ(v.id_number_masked.find("19900101"), std::string::npos);
  // Nothing in the row holds the plain numbers.
  db_->read([&](store::Connection& c) {
    auto row = c.query_one("SELECT phone_sealed || id_sealed || id_lookup || phone_masked || id_masked FROM workers WHERE id = ?", {v.id});
    EXPECT_EQ(row->str(0).find(*in.phone), std::string::npos);
    EXPECT_EQ(row->str(0).find(*in.id_number), std::string::npos);
  });
  EXPECT_EQ(s_->workers.reveal_personal_data(admin_, v.id).id_number, *in.id_number);
  EXPECT_THROW(s_->workers.reveal_personal_data(actor_for(core::Role::viewer, city_), v.id), core::Error);
}

TEST_F(WorkerServiceTest, DuplicateIdNumbersAreRejected) {
  s_->workers.create(admin_, worker("甲", enterprise_a_, 1));
  auto again = worker("乙", enterprise_b_, 1);
  again.employee_no = "OTHER";
  try {
    s_->workers.create(admin_, again);
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::conflict);
    EXPECT_EQ(e.field(), "id_number");
  }
}

TEST_F(WorkerServiceTest, ListPagesWithACursorAndFilters) {
  for (int i = 1; i <= 25; ++i) s_->workers.create(admin_, worker(i % 2 ? "王强" : "陈静", i <= 20 ? enterprise_a_ : enterprise_b_, i));
  auto first = s_->workers.list(admin_, {}, 10, std::nullopt);
  EXPECT_EQ(first.items.size(), 10u);
  EXPECT_EQ(first.total, 25);
  ASSERT_TRUE(first.next_cursor);
  auto second = s_->workers.list(admin_, {}, 10, first.next_cursor);
  EXPECT_GT(second.items.front().id, first.items.back().id);
  service::WorkerFilter f;
  f.org_id = union_b_;
  EXPECT_EQ(s_->workers.list(admin_, f, 50, std::nullopt).total, 5);
  f = {};
  f.query = "陈";
  EXPECT_EQ(s_->workers.list(admin_, f, 50, std::nullopt).total, 12);
  f.query = "%";  // LIKE wildcards are literal
  EXPECT_EQ(s_->workers.list(admin_, f, 50, std::nullopt).total, 0);
}

TEST_F(WorkerServiceTest, ImportIsAllOrNothingWithRowErrors) {
  std::vector<service::ImportRow> rows{
      {"王伟", "男", "I-1", "甲电力公司", "焊工", "高级工", "13900000001", id_number("19850505", 11)},
      {"刘芳", "女", "I-2", "EA", "WELD", "技师", "13900000002", "330302198505051230"},  // bad check digit
      {"赵磊", "", "I-3", "不存在的公司", "木工", "中级工", "139", id_number("19850505", 13)},
  };
  try {
    s_->workers.import(admin_, rows, true);
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::unprocessable);
    ASSERT_GE(e.problems.size(), 4u);
    EXPECT_EQ(e.problems[0].row, 2);
    EXPECT_EQ(e.problems[0].field, "id_number");
  }
  EXPECT_EQ(s_->workers.list(admin_, {}, 10, std::nullopt).total, 0);
  // The partial mode imports the good row and reports the rest.
  const auto outcome = s_->workers.import(admin_, rows, false);
  EXPECT_EQ(outcome.imported, 1);
  EXPECT_EQ(s_->workers.list(admin_, {}, 10, std::nullopt).total, 1);
}

TEST_F(WorkerServiceTest, ImportFindsDuplicatesWithinTheFile) {
  std::vector<service::ImportRow> rows{
      {"王伟", "", "I-1", "EA", "焊工", "高级工", "13900000001", id_number("19850505", 11)},
      {"王伟", "", "I-1", "EA", "焊工", "高级工", "13900000001", id_number("19850505", 11)},
  };
  EXPECT_THROW(s_->workers.import(admin_, rows, true), core::Error);
}

TEST_F(WorkerServiceTest, LevelHistoryKeepsEveryChangeAndTheLatestWins) {
  const auto w = s_->workers.create(admin_, worker("周杰", enterprise_a_, 3));
  s_->workers.change_level(admin_, w.id, "技师", "2026-11-24", "市级竞赛一等奖晋级");
  const auto v = s_->workers.change_level(admin_, w.id, "高级工", "2020-01-01", "补录");
  EXPECT_EQ(v.skill_level, core::SkillLevel::technician);
  EXPECT_EQ(v.level_history.size(), 3u);
  EXPECT_THROW(s_->workers.change_level(admin_, w.id, "技师", "2027-01-01", ""), core::Error);
}

TEST_F(WorkerServiceTest, HrOfOneEnterpriseCannotTouchAnother) {
  const auto hr = actor_for(core::Role::hr, enterprise_a_);
  EXPECT_NO_THROW(s_->workers.create(hr, worker("甲", enterprise_a_, 1)));
  EXPECT_THROW(s_->workers.create(hr, worker("乙", enterprise_b_, 2)), core::Error);
  EXPECT_EQ(s_->workers.list(hr, {}, 10, std::nullopt).total, 1);
}
