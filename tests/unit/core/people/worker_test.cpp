#include "core/people/worker.hpp"

#include <gtest/gtest.h>

#include "core/people/personal_data.hpp"

using namespace skb::core;

namespace {
WorkerFields good() {
  std::string first17 = "33030219900101123";  // 17th digit 3: male
  return {"张伟", "男", "E001-0001", "高级工", "13812345678", first17 + national_id_check_char(first17)};
}
bool has(const std::vector<FieldProblem>& ps, const std::string& field) {
  for (const auto& p : ps)
    if (p.field == field) return true;
  return false;
}
}  // namespace

TEST(WorkerValidation, AcceptsAGoodWorkerAndTakesBirthDateFromTheId) {
  ValidWorker v;
  EXPECT_TRUE(validate_worker(good(), "2026-11-24", v).empty());
  EXPECT_EQ(v.birth_date, "1990-01-01");
  EXPECT_EQ(v.skill_level, SkillLevel::senior);
  EXPECT_EQ(v.gender, Gender::male);
}

TEST(WorkerValidation, ReportsEveryBadFieldAtOnce) {
  auto in = good();
  in.name = " ";
  in.phone = "123";
  in.skill_level = "大师";
  ValidWorker v;
  auto problems = validate_worker(in, "2026-11-24", v);
  EXPECT_TRUE(has(problems, "name"));
  EXPECT_TRUE(has(problems, "phone"));
  EXPECT_TRUE(has(problems, "skill_level"));
  EXPECT_FALSE(has(problems, "id_number"));
}

TEST(WorkerValidation, GenderMustMatchTheIdNumber) {
  auto in = good();
  in.gender = "女";
  ValidWorker v;
  EXPECT_TRUE(has(validate_worker(in, "2026-11-24", v), "gender"));
  in.gender = "";
  EXPECT_TRUE(validate_worker(in, "2026-11-24", v).empty());
}
