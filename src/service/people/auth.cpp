#include "service/people/auth.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/people/orgs.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {

constexpr auto kSessionLifetime = std::chrono::hours(12);
// A real hash to verify against when the user does not exist, so both paths take the same time.
const std::string& dummy_hash() {
  static const std::string h = hash_password("skillbrain-timing-equaliser");
  return h;
}

core::Error invalid_credentials() {
  return core::Error(core::ErrorKind::unauthenticated, "invalid_credentials", "用户名或密码错误 (invalid username or password)");
}

void check_username(const std::string& username) {
  if (username.size() < 3 || username.size() > 64) throw core::invalid("username", "username must be 3–64 characters");
  for (char c : username)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
      throw core::invalid("username", "username may use letters, digits, _ - . only");
}

}  // namespace

void require_fresh_password(store::Connection& c, const Actor& actor, const std::string& password) {
  const auto hash = c.query_one("SELECT password_hash FROM users WHERE id = ?", {actor.user_id});
  if (!hash || !verify_password(password, hash->str(0)))
    throw core::Error(core::ErrorKind::invalid, "wrong_password", "密码错误，未确认 (wrong password: not confirmed)", "password");
}

void check_password_strength(const std::string& password, const std::string& field) {
  if (password.size() < 8) throw core::invalid(field, "password must be at least 8 characters");
  if (password.size() > 256) throw core::invalid(field, "password must be at most 256 characters");
}

std::vector<Grant> load_grants(store::Connection& conn, std::int64_t user_id) {
  std::vector<Grant> grants;
  for (const auto& r : conn.query("SELECT g.role, g.org_id, o.path, o.name FROM grants g JOIN orgs o ON o.id = g.org_id "
                                  "WHERE g.user_id = ? ORDER BY o.path, g.role",
                                  {user_id})) {
    if (auto role = core::parse_role(r.str(0))) grants.push_back({*role, r.i64(1), r.str(2), r.str(3)});
  }
  return grants;
}

Session AuthService::login(const std::string& username, const std::string& password, const std::string& client) {
  const auto now = ctx_.now_seconds();
  const std::string pair_key = username + '\n' + client;
  {
    std::lock_guard lock(throttle_mutex_);
    auto wait = std::max(pair_throttle_.wait_seconds(pair_key, now), client_throttle_.wait_seconds(client, now));
    if (pair_throttle_.has_failed(pair_key, now)) wait = std::max(wait, account_throttle_.wait_seconds(username, now));
    if (wait > 0) {
      core::Error e(core::ErrorKind::rate_limited, "rate_limited", "登录尝试过于频繁，请稍后再试 (too many attempts)");
      e.retry_after_seconds = static_cast<int>(wait);
      throw e;
    }
  }
  std::optional<store::Row> user;
  ctx_.db.read([&](store::Connection& c) {
    user = c.query_one("SELECT id, password_hash, disabled FROM users WHERE username = ?", {username});
  });
  const bool password_ok = verify_password(password, user ? user->str(1) : dummy_hash());
  const bool ok = password_ok && user && user->i64(2) == 0;
  if (!ok) {
    {
      std::lock_guard lock(throttle_mutex_);
      pair_throttle_.record_failure(pair_key, now);
      client_throttle_.record_failure(client, now);
      account_throttle_.record_failure(username, now);
    }
    const char* reason = !user ? "unknown_user" : !password_ok ? "wrong_password" : "disabled";
    ctx_.db.write([&](store::Connection& c) {
      append_audit(c, ctx_, {username, "auth.login_failed", "user", user ? std::to_string(user->i64(0)) : "",
                             skb::service::json_text(boost::json::object{{"client", client}, {"reason", reason}})});
    });
    throw invalid_credentials();
  }
  {
    std::lock_guard lock(throttle_mutex_);
    pair_throttle_.record_success(pair_key);
  }
  Session s;
  s.token = random_hex(32);
  s.csrf_token = random_hex(16);
  const auto user_id = user->i64(0);
  ctx_.db.write([&](store::Connection& c) {
    c.execute("DELETE FROM sessions WHERE expires_at < ?", {ctx_.now_rfc3339()});
    c.execute("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
              {sha256_hex(s.token), user_id, s.csrf_token, ctx_.now_rfc3339(), format_rfc3339(ctx_.clock() + kSessionLifetime)});
    append_audit(c, ctx_, {username, "auth.login", "user", std::to_string(user_id), ""});
  });
  s.actor = authenticate(s.token)->first;
  return s;
}

std::optional<std::pair<Actor, std::string>> AuthService::authenticate(const std::string& token) const {
  if (token.size() != 64) return std::nullopt;
  std::optional<std::pair<Actor, std::string>> result;
  ctx_.db.read([&](store::Connection& c) {
    auto row = c.query_one(
        "SELECT u.id, u.username, u.display_name, u.worker_id, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
        {sha256_hex(token), ctx_.now_rfc3339()});
    if (!row) return;
    Actor a;
    a.user_id = row->i64(0);
    a.username = row->str(1);
    a.display_name = row->str(2);
    a.worker_id = row->opt_i64(3);
    a.grants = load_grants(c, a.user_id);
    result.emplace(std::move(a), row->str(4));
  });
  return result;
}

void AuthService::logout(const std::string& token) {
  ctx_.db.write([&](store::Connection& c) { c.execute("DELETE FROM sessions WHERE token_hash = ?", {sha256_hex(token)}); });
}

void AuthService::change_password(const Actor& actor, const std::string& current_token, const std::string& old_password,
                                  const std::string& new_password) {
  check_password_strength(new_password, "new_password");
  std::string stored;
  ctx_.db.read([&](store::Connection& c) {
    stored = c.query_one("SELECT password_hash FROM users WHERE id = ?", {actor.user_id})->str(0);
  });
  if (!verify_password(old_password, stored))
    throw core::Error(core::ErrorKind::invalid, "wrong_password", "原密码错误 (the current password is wrong)", "old_password");
  const auto hash = hash_password(new_password);
  ctx_.db.write([&](store::Connection& c) {
    c.execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, actor.user_id});
    c.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {actor.user_id, sha256_hex(current_token)});
    append_audit(c, ctx_, {actor.username, "user.password_change", "user", std::to_string(actor.user_id), ""});
  });
}

UserView AuthService::insert_user(store::Connection& c, const std::string& by, const NewUser& u) {
  if (c.query_one("SELECT 1 FROM users WHERE username = ?", {u.username}))
    throw core::conflict("duplicate", "用户名已存在 (username already exists)");
  const auto hash = hash_password(u.password);
  const auto now = ctx_.now_rfc3339();
  const std::string display = u.display_name.empty() ? u.username : u.display_name;
  const auto id = c.insert_returning_id(
      "INSERT INTO users(username, display_name, password_hash, worker_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {u.username, display, hash, u.worker_id ? store::Value(*u.worker_id) : store::Value(nullptr), now});
  boost::json::array grants_json;
  for (const auto& g : u.grants) {
    c.execute("INSERT INTO grants(user_id, role, org_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
              {id, std::string(core::to_code(g.role)), g.org_id});
    grants_json.push_back(boost::json::object{{"role", core::to_code(g.role)}, {"org_id", g.org_id}});
  }
  append_audit(c, ctx_, {by, "user.create", "user", std::to_string(id),
                         skb::service::json_text(boost::json::object{{"username", u.username}, {"grants", grants_json}})});
  return {id, u.username, display, load_grants(c, id), now, false};
}

UserView AuthService::create_user(const Actor& actor, const NewUser& u) {
  check_username(u.username);
  check_password_strength(u.password, "password");
  if (core::utf8_length(u.display_name) > 50) throw core::invalid("display_name", "display name must be at most 50 characters");
  if (u.grants.empty()) throw core::invalid("grants", "a user needs at least one role");
  UserView view;
  ctx_.db.write([&](store::Connection& c) {
    for (const auto& g : u.grants) {
      const auto path = org_path(c, g.org_id);
      require(actor, core::Permission::manage_users, path);
    }
    if (u.worker_id) {  // the account may only be linked to a worker the admin manages
      auto w = c.query_one("SELECT org_path FROM workers WHERE id = ?", {*u.worker_id});
      if (!w) throw core::invalid("worker_id", "职工不存在 (no such worker)");
      require(actor, core::Permission::manage_users, w->str(0));
      if (c.query_one("SELECT 1 FROM users WHERE worker_id = ?", {*u.worker_id}))
        throw core::conflict("duplicate", "该职工已有账号 (this worker already has an account)");
    }
    view = insert_user(c, actor.username, u);
  });
  return view;
}

UserView AuthService::create_admin(const std::string& username, const std::string& password) {
  check_username(username);
  check_password_strength(password, "password");
  UserView view;
  ctx_.db.write([&](store::Connection& c) {
    auto root = c.query_one("SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1");
    std::int64_t root_id;
    if (root) {
      root_id = root->i64(0);
    } else {  // an empty database: create the top organisation so the admin has a scope
      const auto now = ctx_.now_rfc3339();
      root_id = c.insert_returning_id(
          "INSERT INTO orgs(parent_id, name, kind, code, path, created_at, updated_at) VALUES (NULL, ?, 'city_union', NULL, '', ?, ?) RETURNING id",
          {std::string("总工会"), now, now});
      c.execute("UPDATE orgs SET path = ? WHERE id = ?", {core::child_path("/", root_id), root_id});
    }
    view = insert_user(c, std::string(kSystemActor), {username, password, "系统管理员", {{core::Role::admin, root_id}}, {}});
  });
  return view;
}

std::vector<UserView> AuthService::list_users(const Actor& actor) const {
  require_somewhere(actor, core::Permission::manage_users);
  std::vector<UserView> users;
  ctx_.db.read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT id, username, display_name, created_at, disabled FROM users ORDER BY id")) {
      UserView u{r.i64(0), r.str(1), r.str(2), load_grants(c, r.i64(0)), r.str(3), r.i64(4) != 0};
      // Users are visible to an admin when any of their grants lies in the admin's scope.
      const bool visible = u.grants.empty() ? actor.is_admin_at_root()
                                            : std::any_of(u.grants.begin(), u.grants.end(), [&](const Grant& g) {
                                                return actor.can(core::Permission::manage_users, g.org_path);
                                              });
      if (visible) users.push_back(std::move(u));
    }
  });
  return users;
}

UserView AuthService::managed_user(store::Connection& c, const Actor& actor, std::int64_t user_id) const {
  auto r = c.query_one("SELECT id, username, display_name, created_at, disabled FROM users WHERE id = ?", {user_id});
  if (!r) throw core::not_found("user " + std::to_string(user_id));
  UserView u{r->i64(0), r->str(1), r->str(2), load_grants(c, user_id), r->str(3), r->i64(4) != 0};
  const bool allowed = u.grants.empty() ? actor.is_admin_at_root()
                                        : std::all_of(u.grants.begin(), u.grants.end(), [&](const Grant& g) {
                                            return actor.can(core::Permission::manage_users, g.org_path);
                                          });
  if (!allowed) throw core::forbidden();
  return u;
}

UserView AuthService::update_user(const Actor& actor, std::int64_t user_id, const std::optional<std::string>& display_name,
                                  std::optional<bool> disabled, const std::optional<std::vector<NewGrant>>& grants) {
  if (display_name && (display_name->empty() || core::utf8_length(*display_name) > 50))
    throw core::invalid("display_name", "display name must be 1–50 characters");
  if (grants && grants->empty()) throw core::invalid("grants", "a user needs at least one role");
  UserView view;
  ctx_.db.write([&](store::Connection& c) {
    managed_user(c, actor, user_id);
    if (user_id == actor.user_id && (disabled.value_or(false) || grants))
      throw core::invalid("id", "不能停用自己或修改自己的角色 (you cannot disable yourself or change your own roles)");
    boost::json::object changed;
    if (display_name) {
      c.execute("UPDATE users SET display_name = ? WHERE id = ?", {*display_name, user_id});
      changed["display_name"] = *display_name;
    }
    if (disabled) {
      c.execute("UPDATE users SET disabled = ? WHERE id = ?", {std::int64_t{*disabled ? 1 : 0}, user_id});
      if (*disabled) c.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
      changed["disabled"] = *disabled;
    }
    if (grants) {
      boost::json::array list;
      for (const auto& g : *grants) require(actor, core::Permission::manage_users, org_path(c, g.org_id));
      c.execute("DELETE FROM grants WHERE user_id = ?", {user_id});
      for (const auto& g : *grants) {
        c.execute("INSERT INTO grants(user_id, role, org_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                  {user_id, std::string(core::to_code(g.role)), g.org_id});
        list.push_back(boost::json::object{{"role", core::to_code(g.role)}, {"org_id", g.org_id}});
      }
      changed["grants"] = std::move(list);
    }
    append_audit(c, ctx_, {actor.username, "user.update", "user", std::to_string(user_id), skb::service::json_text(changed)});
    view = managed_user(c, actor, user_id);
  });
  return view;
}

void AuthService::reset_password(const Actor& actor, std::int64_t user_id, const std::string& new_password) {
  check_password_strength(new_password, "password");
  const auto hash = hash_password(new_password);
  ctx_.db.write([&](store::Connection& c) {
    managed_user(c, actor, user_id);
    c.execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id});
    c.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
    append_audit(c, ctx_, {actor.username, "user.password_reset", "user", std::to_string(user_id), ""});
  });
}

}  // namespace skb::service
