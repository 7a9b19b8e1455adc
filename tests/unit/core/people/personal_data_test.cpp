#include "core/people/personal_data.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

namespace {
std::string with_check(const std::string& first17) { return first17 + national_id_check_char(first17); }
}  // namespace

TEST(NationalId, AcceptsAValidNumberAndReadsBirthDateAndGender) {
  // 11010519491231002X is the standard's published example.
  auto info = check_national_id("11010519491231002X", "2026-01-01");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->birth_date, "1949-12-31");
  EXPECT_FALSE(info->male);
}

TEST(NationalId, AcceptsLowerCaseX) { EXPECT_TRUE(check_national_id("11010519491231002x", "2026-01-01")); }

TEST(NationalId, RejectsAWrongCheckDigit) {
  std::string why;
  EXPECT_FALSE(check_national_id("110105194912310021", "2026-01-01", &why));
  EXPECT_EQ(why, "身份证号校验位错误");
}

TEST(NationalId, RejectsImpossibleDatesEvenWithAGoodCheckDigit) {
  std::string why;
  EXPECT_FALSE(check_national_id(with_check("33030219900230123"), "2026-01-01", &why));
  EXPECT_EQ(why, "身份证号出生日期无效");
  EXPECT_TRUE(check_national_id(with_check("33030220000229123"), "2026-01-01"));   // leap year
  EXPECT_FALSE(check_national_id(with_check("33030219000229123"), "2026-01-01"));  // 1900 is not
}

TEST(NationalId, RejectsBirthAfterToday) {
  EXPECT_FALSE(check_national_id(with_check("33030220300101123"), "2026-11-24"));
}

TEST(NationalId, RejectsWrongLengthAndLetters) {
  EXPECT_FALSE(check_national_id("3303021990010112", "2026-01-01"));
  EXPECT_FALSE(check_national_id("33030219900A011234", "2026-01-01"));
}

TEST(Masking, KeepsOnlyTheEnds) {
  EXPECT_EQ(mask_national_id("330302199001011234"), "330*************34");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
}

TEST(Mobile, ValidatesMainlandNumbers) {
  EXPECT_TRUE(is_valid_mobile("13812345678"));
  EXPECT_FALSE(is_valid_mobile("12812345678"));
  EXPECT_FALSE(is_valid_mobile("1381234567"));
  EXPECT_FALSE(is_valid_mobile("1381234567a"));
}
