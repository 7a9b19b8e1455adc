#include "service/people/orgs.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <map>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

constexpr const char* kOrgColumns = "id, parent_id, name, kind, code, path";

core::Org org_from(const store::Row& r) {
  core::Org o;
  o.id = r.i64(0);
  o.parent_id = r.opt_i64(1);
  o.name = r.str(2);
  o.kind = core::parse_org_kind(r.str(3)).value_or(core::OrgKind::enterprise);
  o.code = r.str(4);
  o.path = r.str(5);
  return o;
}

std::string validated_name(const std::string& raw) {
  std::string name(core::trim(raw));
  if (name.empty()) throw core::invalid("name", "名称不能为空 (name is required)");
  if (!core::is_valid_utf8(name) || core::utf8_length(name) > 100) throw core::invalid("name", "名称过长 (at most 100 characters)");
  return name;
}

store::Value code_value(const std::optional<std::string>& code) {
  if (!code || core::trim(*code).empty()) return nullptr;
  if (code->size() > 32) throw core::invalid("code", "code must be at most 32 characters");
  return std::string(core::trim(*code));
}

std::string org_json(const core::Org& o) {
  return skb::service::json_text(boost::json::object{
      {"name", o.name}, {"kind", core::to_code(o.kind)}, {"code", o.code}, {"parent_id", o.parent_id ? *o.parent_id : 0}});
}

OrgView view_of(store::Connection& c, const core::Org& o, const std::map<std::int64_t, std::string>* names = nullptr) {
  OrgView v{o, {}, 0};
  size_t start = 1;
  while (start < o.path.size()) {
    const size_t end = o.path.find('/', start);
    const auto id = std::stoll(o.path.substr(start, end - start));
    if (names) {
      auto it = names->find(id);
      v.path_names.push_back(it != names->end() ? it->second : "");
    } else {
      v.path_names.push_back(c.query_one("SELECT name FROM orgs WHERE id = ?", {id})->str(0));
    }
    start = end + 1;
  }
  v.worker_count = c.query_one("SELECT COUNT(*) FROM workers WHERE org_id = ?", {o.id})->i64(0);
  return v;
}

}  // namespace

core::Org load_org(store::Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kOrgColumns + " FROM orgs WHERE id = ?", {id});
  if (!row) throw core::not_found("organisation " + std::to_string(id));
  return org_from(*row);
}

std::string org_path(store::Connection& c, std::int64_t org_id) { return load_org(c, org_id).path; }

std::optional<core::Org> find_org_by_name_or_code(store::Connection& c, const std::string& text) {
  auto rows = c.query(std::string("SELECT ") + kOrgColumns + " FROM orgs WHERE code = ? OR name = ? ORDER BY id LIMIT 2",
                      {text, text});
  if (rows.size() != 1) return std::nullopt;  // none, or ambiguous (same name under two parents)
  return org_from(rows.front());
}

std::vector<OrgView> OrgService::list(const Actor& actor) const {
  require_somewhere(actor, core::Permission::read_orgs);
  const auto roots = actor.scope(core::Permission::read_orgs);
  std::vector<OrgView> out;
  ctx_.db.read([&](store::Connection& c) {
    std::map<std::int64_t, std::string> names;
    std::vector<core::Org> orgs;
    for (const auto& r : c.query(std::string("SELECT ") + kOrgColumns + " FROM orgs ORDER BY path")) {
      auto o = org_from(r);
      names[o.id] = o.name;
      if (std::any_of(roots.begin(), roots.end(), [&](const auto& root) { return core::in_subtree(o.path, root); }))
        orgs.push_back(std::move(o));
    }
    std::map<std::int64_t, std::int64_t> counts;
    for (const auto& r : c.query("SELECT org_id, COUNT(*) FROM workers GROUP BY org_id")) counts[r.i64(0)] = r.i64(1);
    for (const auto& o : orgs) {
      OrgView v{o, {}, counts[o.id]};
      size_t start = 1;
      while (start < o.path.size()) {
        const size_t end = o.path.find('/', start);
        v.path_names.push_back(names[std::stoll(o.path.substr(start, end - start))]);
        start = end + 1;
      }
      out.push_back(std::move(v));
    }
  });
  return out;
}

OrgView OrgService::get(const Actor& actor, std::int64_t id) const {
  OrgView v;
  ctx_.db.read([&](store::Connection& c) {
    auto o = load_org(c, id);
    require(actor, core::Permission::read_orgs, o.path);
    v = view_of(c, o);
  });
  return v;
}

OrgView OrgService::create(const Actor& actor, const OrgInput& in) {
  const auto name = validated_name(in.name.value_or(""));
  if (!in.kind) throw core::invalid("kind", "kind must be city_union, industry_union, district_union or enterprise");
  if (!in.parent_id) throw core::invalid("parent_id", "parent_id is required (the top organisation already exists)");
  const auto code = code_value(in.code);
  OrgView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto parent = load_org(c, *in.parent_id);
    require(actor, core::Permission::write_orgs, parent.path);
    if (parent.kind == core::OrgKind::enterprise)
      throw core::invalid("parent_id", "an enterprise cannot contain other organisations");
    if (c.query_one("SELECT 1 FROM orgs WHERE parent_id = ? AND name = ?", {parent.id, name}))
      throw core::conflict("duplicate", "同级下已有同名组织 (an organisation with this name exists here)");
    if (!std::holds_alternative<std::nullptr_t>(code) && c.query_one("SELECT 1 FROM orgs WHERE code = ?", {code}))
      throw core::conflict("duplicate", "组织代码已存在 (code already used)");
    const auto now = ctx_.now_rfc3339();
    const auto id = c.insert_returning_id(
        "INSERT INTO orgs(parent_id, name, kind, code, path, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?) RETURNING id",
        {parent.id, name, std::string(core::to_code(*in.kind)), code, now, now});
    c.execute("UPDATE orgs SET path = ? WHERE id = ?", {core::child_path(parent.path, id), id});
    const auto org = load_org(c, id);
    append_audit(c, ctx_, {actor.username, "org.create", "org", std::to_string(id), org_json(org)});
    v = view_of(c, org);
  });
  return v;
}

OrgView OrgService::update(const Actor& actor, std::int64_t id, const OrgInput& in) {
  OrgView v;
  ctx_.db.write([&](store::Connection& c) {
    auto org = load_org(c, id);
    require(actor, core::Permission::write_orgs, org.path);
    if (in.name) {
      org.name = validated_name(*in.name);
      if (c.query_one("SELECT 1 FROM orgs WHERE COALESCE(parent_id, 0) = ? AND name = ? AND id <> ?",
                      {org.parent_id.value_or(0), org.name, id}))
        throw core::conflict("duplicate", "同级下已有同名组织 (an organisation with this name exists here)");
    }
    if (in.kind) {
      if (*in.kind == core::OrgKind::enterprise && c.query_one("SELECT 1 FROM orgs WHERE parent_id = ?", {id}))
        throw core::invalid("kind", "an organisation with children cannot become an enterprise");
      org.kind = *in.kind;
    }
    store::Value code = org.code.empty() ? store::Value(nullptr) : store::Value(org.code);
    if (in.code) {
      code = code_value(in.code);
      if (!std::holds_alternative<std::nullptr_t>(code) && c.query_one("SELECT 1 FROM orgs WHERE code = ? AND id <> ?", {code, id}))
        throw core::conflict("duplicate", "组织代码已存在 (code already used)");
    }
    c.execute("UPDATE orgs SET name = ?, kind = ?, code = ?, updated_at = ? WHERE id = ?",
              {org.name, std::string(core::to_code(org.kind)), code, ctx_.now_rfc3339(), id});
    org = load_org(c, id);
    append_audit(c, ctx_, {actor.username, "org.update", "org", std::to_string(id), org_json(org)});
    v = view_of(c, org);
  });
  return v;
}

OrgView OrgService::move(const Actor& actor, std::int64_t id, std::int64_t new_parent_id) {
  OrgView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto org = load_org(c, id);
    const auto parent = load_org(c, new_parent_id);
    require(actor, core::Permission::write_orgs, org.path);
    require(actor, core::Permission::write_orgs, parent.path);
    if (!org.parent_id) throw core::invalid("id", "the top organisation cannot be moved");
    if (core::in_subtree(parent.path, org.path))
      throw core::conflict("cycle", "不能移动到自身或其下级组织 (cannot move an organisation under itself)");
    if (parent.kind == core::OrgKind::enterprise) throw core::invalid("parent_id", "an enterprise cannot contain other organisations");
    if (c.query_one("SELECT 1 FROM orgs WHERE parent_id = ? AND name = ?", {parent.id, org.name}))
      throw core::conflict("duplicate", "目标组织下已有同名组织 (the new parent already has an organisation with this name)");
    const auto new_path = core::child_path(parent.path, id);
    // Rewrite the prefix of every path in the subtree, the org's and its workers'.
    const auto old_len = static_cast<std::int64_t>(org.path.size());
    c.execute("UPDATE orgs SET path = ? || substr(path, ?) WHERE substr(path, 1, ?) = ?",
              {new_path, old_len + 1, old_len, org.path});
    c.execute("UPDATE workers SET org_path = ? || substr(org_path, ?) WHERE substr(org_path, 1, ?) = ?",
              {new_path, old_len + 1, old_len, org.path});
    c.execute("UPDATE orgs SET parent_id = ?, updated_at = ? WHERE id = ?", {parent.id, ctx_.now_rfc3339(), id});
    append_audit(c, ctx_, {actor.username, "org.move", "org", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"from_parent_id", org.parent_id.value_or(0)},
                                                                      {"to_parent_id", parent.id}})});
    v = view_of(c, load_org(c, id));
  });
  return v;
}

void OrgService::remove(const Actor& actor, std::int64_t id) {
  ctx_.db.write([&](store::Connection& c) {
    const auto org = load_org(c, id);
    require(actor, core::Permission::write_orgs, org.path);
    if (!org.parent_id) throw core::invalid("id", "the top organisation cannot be deleted");
    if (c.query_one("SELECT 1 FROM orgs WHERE parent_id = ? LIMIT 1", {id}) ||
        c.query_one("SELECT 1 FROM workers WHERE org_id = ? LIMIT 1", {id}) ||
        c.query_one("SELECT 1 FROM grants WHERE org_id = ? LIMIT 1", {id}))
      throw core::conflict("not_empty", "组织下仍有下级组织、职工或账号 (it still has organisations, workers or accounts)");
    c.execute("DELETE FROM orgs WHERE id = ?", {id});
    append_audit(c, ctx_, {actor.username, "org.delete", "org", std::to_string(id), org_json(org)});
  });
}

}  // namespace skb::service
