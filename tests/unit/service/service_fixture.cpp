#include "service/service_fixture.hpp"

#include "core/people/personal_data.hpp"

namespace skb::testing {

ServiceTest::ServiceTest() {
  db_ = store::open_database("sqlite::memory:");
  db_->migrate();
  s_ = std::make_unique<service::Services>(service::Context{*db_, sealer_, [this] { return now_; }});
  s_->auth.create_admin("root", "correct horse battery");
  db_->read([&](store::Connection& c) { city_ = c.query_one("SELECT id FROM orgs")->i64(0); });
  admin_ = actor_for(core::Role::admin, city_);
  using core::OrgKind;
  union_a_ = s_->orgs.create(admin_, {"能源工会", OrgKind::industry_union, "UA", city_}).org.id;
  union_b_ = s_->orgs.create(admin_, {"机电工会", OrgKind::industry_union, "UB", city_}).org.id;
  enterprise_a_ = s_->orgs.create(admin_, {"甲电力公司", OrgKind::enterprise, "EA", union_a_}).org.id;
  enterprise_b_ = s_->orgs.create(admin_, {"乙机械公司", OrgKind::enterprise, "EB", union_b_}).org.id;
  welding_ = s_->work_types.create(admin_, {0, "WELD", "焊工", "", {{0, "平焊操作", "", 0}, {0, "立焊与仰焊", "", 1}}}).id;
}

service::Actor ServiceTest::actor_for(core::Role role, std::int64_t org_id) {
  service::Actor a;
  a.user_id = 1;
  a.username = std::string(core::to_code(role)) + "-user";
  db_->read([&](store::Connection& c) {
    auto row = c.query_one("SELECT path, name FROM orgs WHERE id = ?", {org_id});
    a.grants.push_back({role, org_id, row->str(0), row->str(1)});
  });
  return a;
}

std::string ServiceTest::id_number(const std::string& birth, int seq) {
  std::string first17 = "330302" + birth + std::to_string(100 + seq % 900);
  return first17 + core::national_id_check_char(first17);
}

service::WorkerInput ServiceTest::worker(const std::string& name, std::int64_t org_id, int seq) {
  service::WorkerInput in;
  in.name = name;
  in.employee_no = "NO-" + std::to_string(seq);
  in.skill_level = "中级工";
  in.phone = "1381234" + std::to_string(1000 + seq % 9000);
  in.id_number = id_number("19900101", seq);
  in.org_id = org_id;
  in.work_type_ids = std::vector<std::int64_t>{welding_};
  return in;
}

}  // namespace skb::testing
