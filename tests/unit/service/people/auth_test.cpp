#include "core/platform/error.hpp"
#include "service/service_fixture.hpp"

using namespace skb;
using skb::testing::ServiceTest;

using AuthServiceTest = ServiceTest;

TEST_F(AuthServiceTest, LoginGivesASessionThatAuthenticates) {
  const auto session = s_->auth.login("root", "correct horse battery", "1.2.3.4");
  auto found = s_->auth.authenticate(session.token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->first.username, "root");
  EXPECT_EQ(found->second, session.csrf_token);
  s_->auth.logout(session.token);
  EXPECT_FALSE(s_->auth.authenticate(session.token));
}

TEST_F(AuthServiceTest, PasswordsAreStoredAsArgon2id) {
  db_->read([&](store::Connection& c) {
    EXPECT_TRUE(c.query_one("SELECT password_hash FROM users WHERE username = 'root'")->str(0).starts_with("$argon2id$"));
  });
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
  std::string a, b;
  try { s_->auth.login("root", "wrong password", "1.1.1.1"); } catch (const core::Error& e) { a = e.code() + e.what(); }
  try { s_->auth.login("nobody", "wrong password", "1.1.1.2"); } catch (const core::Error& e) { b = e.code() + e.what(); }
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.empty());
}

TEST_F(AuthServiceTest, RepeatedFailuresAreRateLimited) {
  for (int i = 0; i < 5; ++i) EXPECT_THROW(s_->auth.login("root", "bad", "9.9.9.9"), core::Error);
  try {
    s_->auth.login("root", "correct horse battery", "9.9.9.9");
    FAIL() << "expected rate limiting";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::rate_limited);
    EXPECT_GT(e.retry_after_seconds, 0);
  }
  now_ += std::chrono::minutes(2);  // the wait passes
  EXPECT_NO_THROW(s_->auth.login("root", "correct horse battery", "9.9.9.9"));
}

TEST_F(AuthServiceTest, FailuresFromOneAddressDoNotLockTheAccountOutElsewhere) {
  for (int i = 0; i < 7; ++i) EXPECT_THROW(s_->auth.login("root", "bad", "127.0.0.2"), core::Error);
  EXPECT_NO_THROW(s_->auth.login("root", "correct horse battery", "127.0.0.1"));  // the real user, elsewhere
  try {
    s_->auth.login("root", "correct horse battery", "127.0.0.2");
    FAIL() << "the failing address should wait";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::rate_limited);
  }
}

TEST_F(AuthServiceTest, AnAccountSprayedFromManyAddressesWaitsOnlyWhereItFailed) {
  // 60 failures from 30 addresses pass the account-wide bar of 50.
  for (int i = 0; i < 60; ++i) EXPECT_THROW(s_->auth.login("root", "bad", "10.0.0." + std::to_string(i / 2)), core::Error);
  try {
    s_->auth.login("root", "correct horse battery", "10.0.0.1");
    FAIL() << "an address that failed for the account should wait";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::rate_limited);
  }
  EXPECT_NO_THROW(s_->auth.login("root", "correct horse battery", "192.0.2.7"));
}

TEST_F(AuthServiceTest, FailedLoginsAreAudited) {
  EXPECT_THROW(s_->auth.login("root", "bad", "203.0.113.9"), core::Error);
  EXPECT_THROW(s_->auth.login("nobody", "bad", "203.0.113.9"), core::Error);
  int failed = 0;
  db_->read([&](skb::store::Connection& c) {
    for (const auto& r : c.query("SELECT actor, detail FROM audit_log WHERE action = 'auth.login_failed' ORDER BY seq")) {
      ++failed;
      EXPECT_NE(r.str(1).find("203.0.113.9"), std::string::npos);
    }
  });
  EXPECT_EQ(failed, 2);
}

TEST_F(AuthServiceTest, SessionsExpire) {
  const auto session = s_->auth.login("root", "correct horse battery", "1.2.3.4");
  now_ += std::chrono::hours(13);
  EXPECT_FALSE(s_->auth.authenticate(session.token));
}

TEST_F(AuthServiceTest, AdminsCreateUsersOnlyInTheirScope) {
  const auto scoped = actor_for(core::Role::admin, union_a_);
  EXPECT_NO_THROW(s_->auth.create_user(scoped, {"hr_a", "password-1", "", {{core::Role::hr, enterprise_a_}}, {}}));
  EXPECT_THROW(s_->auth.create_user(scoped, {"hr_b", "password-1", "", {{core::Role::hr, enterprise_b_}}, {}}), core::Error);
  EXPECT_THROW(s_->auth.create_user(admin_, {"short", "pw", "", {{core::Role::hr, enterprise_b_}}, {}}), core::Error);
}
