#include "service/analytics/post_models.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <set>

#include "core/people/org.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"

namespace skb::service {
namespace {

using core::Permission;

constexpr const char* kSelect =
    "SELECT m.id, m.org_id, o.name, m.work_type_id, w.name, m.name, m.template, m.updated_at, m.org_path FROM post_models m "
    "JOIN orgs o ON o.id = m.org_id JOIN work_types w ON w.id = m.work_type_id";

// Below an organisation that published a template, its enterprises may read and copy it.
bool reads(const Actor& actor, const std::string& path, bool is_template) {
  if (actor.can(Permission::read_workers, path)) return true;
  if (!is_template) return false;
  for (const auto& g : actor.grants)
    if (core::role_allows(g.role, Permission::read_workers) && core::in_subtree(g.org_path, path)) return true;
  return false;
}

LoadedPostModel model_from(store::Connection& c, const store::Row& r) {
  LoadedPostModel l;
  l.model = {r.i64(0), r.i64(1), r.i64(3), r.str(2), r.str(4), r.str(5), r.str(7), r.i64(6) != 0, {}};
  l.org_path = r.str(8);
  for (const auto& t : c.query("SELECT t.dimension_id, d.name, t.target FROM post_model_targets t JOIN dimensions d ON d.id = t.dimension_id "
                               "WHERE t.model_id = ? ORDER BY d.position, d.id",
                               {l.model.id}))
    l.model.targets.push_back({t.i64(0), t.str(1), t.f64(2)});
  return l;
}

// The targets as stored: each a dimension of the work type (by id, or by name from a sheet), 0–100, once.
std::vector<PostTarget> resolve_targets(store::Connection& c, std::int64_t work_type_id, const std::vector<PostTarget>& in) {
  if (in.empty()) throw core::invalid("targets", "请至少设定一个维度的目标 (at least one target)");
  if (in.size() > 100) throw core::invalid("targets", "目标过多 (at most 100)");
  std::vector<PostTarget> out;
  std::set<std::int64_t> seen;
  for (size_t i = 0; i < in.size(); ++i) {
    const auto field = "targets[" + std::to_string(i) + "]";
    const auto& t = in[i];
    if (!std::isfinite(t.target) || t.target < 0 || t.target > 100) throw core::invalid(field + ".target", "目标应在 0–100 之间 (a target lies in 0–100)");
    std::optional<store::Row> d;
    if (t.dimension_id) d = c.query_one("SELECT id, name FROM dimensions WHERE id = ? AND work_type_id = ?", {t.dimension_id, work_type_id});
    else d = c.query_one("SELECT id, name FROM dimensions WHERE name = ? AND work_type_id = ?", {std::string(core::trim(t.dimension_name)), work_type_id});
    if (!d) throw core::invalid(field + ".dimension", "该工种没有这个能力维度 (not a dimension of the work type)");
    if (!seen.insert(d->i64(0)).second) throw core::invalid(field + ".dimension", "同一维度只能设一个目标 (one target per dimension)");
    out.push_back({d->i64(0), d->str(1), t.target});
  }
  return out;
}

std::string checked_name(const std::string& raw) {
  const auto name = core::trim(raw);
  if (name.empty() || !core::is_valid_utf8(name) || core::utf8_length(name) > 100) throw core::invalid("name", "请填写岗位名称（最多100字） (a name of 1–100 characters)");
  return std::string(name);
}

void write_targets(store::Connection& c, std::int64_t model_id, const std::vector<PostTarget>& targets) {
  c.execute("DELETE FROM post_model_targets WHERE model_id = ?", {model_id});
  for (const auto& t : targets)
    c.execute("INSERT INTO post_model_targets(model_id, dimension_id, target) VALUES (?, ?, ?)", {model_id, t.dimension_id, t.target});
}

}  // namespace

LoadedPostModel load_post_model(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE m.id = ?", {id});
  if (!r) throw core::not_found("post model " + std::to_string(id));
  auto l = model_from(c, *r);
  if (!reads(actor, l.org_path, l.model.template_)) throw core::forbidden();
  return l;
}

std::vector<PostModel> PostModelService::list(const Actor& actor) const {
  require_somewhere(actor, Permission::read_workers);
  std::vector<PostModel> out;
  ctx_.db.read([&](store::Connection& c) {
    store::Params params;
    auto where = subtree_condition("m.org_path", actor.scope(Permission::read_workers), params);
    // Templates of the organisations above the actor's: their paths are prefixes of a grant's.
    std::string ancestors;
    for (const auto& g : actor.grants) {
      if (!core::role_allows(g.role, Permission::read_workers)) continue;
      for (size_t at = g.org_path.find('/', 1); at != std::string::npos; at = g.org_path.find('/', at + 1)) {
        ancestors += ancestors.empty() ? "?" : ", ?";
        params.push_back(g.org_path.substr(0, at + 1));
      }
    }
    if (!ancestors.empty()) where = "(" + where + " OR (m.template = 1 AND m.org_path IN (" + ancestors + ")))";
    for (const auto& r : c.query(std::string(kSelect) + " WHERE " + where + " ORDER BY m.template DESC, m.id DESC LIMIT 500", params))
      out.push_back(model_from(c, r).model);
  });
  return out;
}

PostModel PostModelService::get(const Actor& actor, std::int64_t id) const {
  PostModel out;
  ctx_.db.read([&](store::Connection& c) { out = load_post_model(c, actor, id).model; });
  return out;
}

PostModel PostModelService::create(const Actor& actor, const PostModelInput& in) {
  const auto name = checked_name(in.name);
  std::int64_t id = 0;
  ctx_.db.write([&](store::Connection& c) {
    const auto org = load_org(c, in.org_id);
    require(actor, Permission::write_workers, org.path);
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {in.work_type_id})) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    const auto targets = resolve_targets(c, in.work_type_id, in.targets);
    const auto now = ctx_.now_rfc3339();
    id = c.insert_returning_id("INSERT INTO post_models(org_id, org_path, work_type_id, name, template, created_by, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               {org.id, org.path, in.work_type_id, name, std::int64_t{in.template_ ? 1 : 0}, actor.username, now, now});
    write_targets(c, id, targets);
    append_audit(c, ctx_, {actor.username, "post_model.create", "post_model", std::to_string(id),
                           json_text(boost::json::object{{"org_id", org.id}, {"targets", targets.size()}})});
  });
  return get(actor, id);
}

PostModel PostModelService::update(const Actor& actor, std::int64_t id, const PostModelInput& in) {
  const auto name = checked_name(in.name);
  ctx_.db.write([&](store::Connection& c) {
    const auto l = load_post_model(c, actor, id);
    require(actor, Permission::write_workers, l.org_path);
    const auto targets = resolve_targets(c, l.model.work_type_id, in.targets);
    c.execute("UPDATE post_models SET name = ?, template = ?, updated_at = ? WHERE id = ?", {name, std::int64_t{in.template_ ? 1 : 0}, ctx_.now_rfc3339(), id});
    write_targets(c, id, targets);
    append_audit(c, ctx_, {actor.username, "post_model.update", "post_model", std::to_string(id),
                           json_text(boost::json::object{{"targets", targets.size()}})});
  });
  return get(actor, id);
}

void PostModelService::remove(const Actor& actor, std::int64_t id) {
  ctx_.db.write([&](store::Connection& c) {
    const auto l = load_post_model(c, actor, id);
    require(actor, Permission::write_workers, l.org_path);
    c.execute("DELETE FROM post_models WHERE id = ?", {id});
    append_audit(c, ctx_, {actor.username, "post_model.remove", "post_model", std::to_string(id), ""});
  });
}

PostModel PostModelService::copy(const Actor& actor, std::int64_t id, std::int64_t org_id, const std::string& name) {
  PostModelInput in;
  ctx_.db.read([&](store::Connection& c) {
    const auto l = load_post_model(c, actor, id);
    in = {org_id, l.model.work_type_id, name.empty() ? l.model.name : name, false, l.model.targets};
  });
  return create(actor, in);
}

}  // namespace skb::service
