#include "core/people/login_throttle.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

TEST(LoginThrottle, AllowsAFewFailuresThenDoublesTheWait) {
  LoginThrottle t({3, 2, 60, 3600});
  for (int i = 0; i < 2; ++i) t.record_failure("u", 100);
  EXPECT_EQ(t.wait_seconds("u", 100), 0);
  t.record_failure("u", 100);
  EXPECT_EQ(t.wait_seconds("u", 100), 2);
  EXPECT_EQ(t.wait_seconds("u", 102), 0);
  t.record_failure("u", 102);
  EXPECT_EQ(t.wait_seconds("u", 102), 4);
  for (int i = 0; i < 10; ++i) t.record_failure("u", 102);
  EXPECT_EQ(t.wait_seconds("u", 102), 60);  // capped
}

TEST(LoginThrottle, SuccessAndTimeForgetFailures) {
  LoginThrottle t({1, 2, 60, 100});
  t.record_failure("u", 0);
  EXPECT_GT(t.wait_seconds("u", 0), 0);
  t.record_success("u");
  EXPECT_EQ(t.wait_seconds("u", 0), 0);
  t.record_failure("v", 0);
  EXPECT_EQ(t.wait_seconds("v", 200), 0);
}
