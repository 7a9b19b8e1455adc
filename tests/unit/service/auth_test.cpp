#include "core/error.hpp"
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
