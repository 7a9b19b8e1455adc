#pragma once
// Accounts and sessions: login with argon2id and back-off, session tokens (the same token serves as
// the web's HttpOnly cookie and as a bearer token for programs), logout, password change, users.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/people/login_throttle.hpp"
#include "core/people/role.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct Session {
  std::string token;       // shown once; only its SHA-256 is stored
  std::string csrf_token;
  Actor actor;
};

struct NewGrant {
  core::Role role;
  std::int64_t org_id;
};

struct NewUser {
  std::string username;
  std::string password;
  std::string display_name;
  std::vector<NewGrant> grants;
  std::optional<std::int64_t> worker_id;
};

struct UserView {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::vector<Grant> grants;
  std::string created_at;
  bool disabled = false;
};

class AuthService {
 public:
  explicit AuthService(const Context& ctx) : ctx_(ctx) {}

  // Throws unauthenticated "invalid_credentials" for a wrong name or password alike (audited as
  // auth.login_failed), rate_limited when the account at this address, the address, or (for an address
  // that has failed for it) the account must wait.
  Session login(const std::string& username, const std::string& password, const std::string& client);
  // The session's actor and CSRF token, or nullopt when the token is unknown or expired.
  std::optional<std::pair<Actor, std::string>> authenticate(const std::string& token) const;
  void logout(const std::string& token);
  // Ends every other session of the user (a stolen session does not outlive the change); the one
  // with `current_token` stays signed in.
  void change_password(const Actor& actor, const std::string& current_token, const std::string& old_password,
                       const std::string& new_password);

  UserView create_user(const Actor& actor, const NewUser& user);
  // Bootstrap without an actor: the first admin, granted at the root organisation.
  UserView create_admin(const std::string& username, const std::string& password);
  std::vector<UserView> list_users(const Actor& actor) const;
  // Replaces what is given: display name, disabled flag, grants. Disabling ends the user's sessions.
  UserView update_user(const Actor& actor, std::int64_t user_id, const std::optional<std::string>& display_name,
                       std::optional<bool> disabled, const std::optional<std::vector<NewGrant>>& grants);
  // An administrator sets a new password (the user forgot theirs); every session of the user ends.
  void reset_password(const Actor& actor, std::int64_t user_id, const std::string& new_password);

 private:
  UserView insert_user(store::Connection& conn, const std::string& by, const NewUser& user);
  // Loads a user the actor may manage (every grant in the actor's scope); throws not_found / forbidden.
  UserView managed_user(store::Connection& conn, const Actor& actor, std::int64_t user_id) const;
  const Context& ctx_;
  mutable std::mutex throttle_mutex_;
  // Per account at one address: a few failures, then back-off. Per address: far more, because a venue's
  // judges often share one address behind NAT and must not lock each other out. Per account: a much
  // higher bar, and only for addresses that have themselves failed for it, so nobody can lock a judge
  // out from another address during a competition.
  core::LoginThrottle pair_throttle_{{5, 2, 900, 3600}};
  core::LoginThrottle client_throttle_{{30, 2, 900, 3600}};
  core::LoginThrottle account_throttle_{{50, 2, 900, 3600}};
};

// Loads the grants of `user_id` with their organisations' paths and names.
std::vector<Grant> load_grants(store::Connection& conn, std::int64_t user_id);
// Validates a new password's strength; throws validation_failed on `field`.
void check_password_strength(const std::string& password, const std::string& field);
// A decision that needs the actor to re-enter their password (corrections): 400 wrong_password otherwise.
void require_fresh_password(store::Connection& conn, const Actor& actor, const std::string& password);

}  // namespace skb::service
