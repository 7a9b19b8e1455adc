#include "service/people/work_types.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

void validate(const WorkType& in) {
  const auto code = core::trim(in.code);
  if (code.empty() || code.size() > 32) throw core::invalid("code", "工种代码必填且不超过32个字符 (code: 1–32 characters)");
  for (char c : code)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'))
      throw core::invalid("code", "工种代码只能包含字母、数字、_ 和 - (code: letters, digits, _ and -)");
  const auto name = core::trim(in.name);
  if (name.empty() || core::utf8_length(name) > 50 || !core::is_valid_utf8(name))
    throw core::invalid("name", "工种名称必填且不超过50个字 (name: 1–50 characters)");
  if (core::utf8_length(in.description) > 2000) throw core::invalid("description", "description is too long");
  if (in.dimensions.size() > 30) throw core::invalid("dimensions", "at most 30 capability dimensions");
  std::set<std::string> seen;
  for (size_t i = 0; i < in.dimensions.size(); ++i) {
    const auto dn = std::string(core::trim(in.dimensions[i].name));
    const auto field = "dimensions[" + std::to_string(i) + "].name";
    if (dn.empty() || core::utf8_length(dn) > 50) throw core::invalid(field, "维度名称必填且不超过50个字 (1–50 characters)");
    if (!seen.insert(dn).second) throw core::invalid(field, "维度名称重复 (duplicate dimension name)");
  }
}

void write_dimensions(store::Connection& c, std::int64_t work_type_id, const std::vector<Dimension>& dims) {
  std::set<std::int64_t> kept;
  for (const auto& d : dims)
    if (d.id) kept.insert(d.id);
  for (const auto& r : c.query("SELECT id FROM dimensions WHERE work_type_id = ?", {work_type_id}))
    if (!kept.count(r.i64(0))) c.execute("DELETE FROM dimensions WHERE id = ?", {r.i64(0)});
  int position = 0;
  for (const auto& d : dims) {
    const std::string name(core::trim(d.name));
    if (d.id && c.execute("UPDATE dimensions SET name = ?, description = ?, position = ? WHERE id = ? AND work_type_id = ?",
                          {name, d.description, std::int64_t{position}, d.id, work_type_id}) == 1) {
      ++position;
      continue;
    }
    if (d.id) throw core::invalid("dimensions", "dimension " + std::to_string(d.id) + " does not belong to this work type");
    c.execute("INSERT INTO dimensions(work_type_id, name, description, position) VALUES (?, ?, ?, ?)",
              {work_type_id, name, d.description, std::int64_t{position++}});
  }
}

WorkType load(store::Connection& c, std::int64_t id) {
  auto row = c.query_one("SELECT id, code, name, description FROM work_types WHERE id = ?", {id});
  if (!row) throw core::not_found("work type " + std::to_string(id));
  WorkType wt{row->i64(0), row->str(1), row->str(2), row->str(3), {}};
  for (const auto& r : c.query("SELECT id, name, description, position FROM dimensions WHERE work_type_id = ? ORDER BY position", {id}))
    wt.dimensions.push_back({r.i64(0), r.str(1), r.str(2), static_cast<int>(r.i64(3))});
  return wt;
}

std::string summary_json(const WorkType& wt) {
  boost::json::array dims;
  for (const auto& d : wt.dimensions) dims.push_back(boost::json::value(d.name));
  return skb::service::json_text(boost::json::object{{"code", wt.code}, {"name", wt.name}, {"dimensions", dims}});
}

void check_unique(store::Connection& c, const WorkType& in, std::int64_t self_id) {
  if (c.query_one("SELECT 1 FROM work_types WHERE code = ? AND id <> ?", {std::string(core::trim(in.code)), self_id}))
    throw core::conflict("duplicate", "工种代码已存在 (code already used)");
  if (c.query_one("SELECT 1 FROM work_types WHERE name = ? AND id <> ?", {std::string(core::trim(in.name)), self_id}))
    throw core::conflict("duplicate", "工种名称已存在 (name already used)");
}

}  // namespace

std::vector<WorkType> load_work_types(store::Connection& c) {
  std::vector<WorkType> all;
  std::map<std::int64_t, size_t> index;
  for (const auto& r : c.query("SELECT id, code, name, description FROM work_types ORDER BY id")) {
    index[r.i64(0)] = all.size();
    all.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), {}});
  }
  for (const auto& r : c.query("SELECT work_type_id, id, name, description, position FROM dimensions ORDER BY work_type_id, position"))
    all[index[r.i64(0)]].dimensions.push_back({r.i64(1), r.str(2), r.str(3), static_cast<int>(r.i64(4))});
  return all;
}

std::vector<WorkType> WorkTypeService::list(const Actor& actor) const {
  require_somewhere(actor, core::Permission::read_work_types);
  std::vector<WorkType> all;
  ctx_.db.read([&](store::Connection& c) { all = load_work_types(c); });
  return all;
}

WorkType WorkTypeService::get(const Actor& actor, std::int64_t id) const {
  require_somewhere(actor, core::Permission::read_work_types);
  WorkType wt;
  ctx_.db.read([&](store::Connection& c) { wt = load(c, id); });
  return wt;
}

WorkType WorkTypeService::create(const Actor& actor, const WorkType& in) {
  require_somewhere(actor, core::Permission::write_work_types);
  validate(in);
  WorkType wt;
  ctx_.db.write([&](store::Connection& c) {
    check_unique(c, in, 0);
    const auto id = c.insert_returning_id(
        "INSERT INTO work_types(code, name, description, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        {std::string(core::trim(in.code)), std::string(core::trim(in.name)), in.description, ctx_.now_rfc3339()});
    auto dims = in.dimensions;
    for (auto& d : dims) d.id = 0;
    write_dimensions(c, id, dims);
    wt = load(c, id);
    append_audit(c, ctx_, {actor.username, "work_type.create", "work_type", std::to_string(id), summary_json(wt)});
  });
  return wt;
}

WorkType WorkTypeService::replace(const Actor& actor, std::int64_t id, const WorkType& in) {
  require_somewhere(actor, core::Permission::write_work_types);
  validate(in);
  WorkType wt;
  ctx_.db.write([&](store::Connection& c) {
    load(c, id);
    check_unique(c, in, id);
    c.execute("UPDATE work_types SET code = ?, name = ?, description = ? WHERE id = ?",
              {std::string(core::trim(in.code)), std::string(core::trim(in.name)), in.description, id});
    write_dimensions(c, id, in.dimensions);
    wt = load(c, id);
    append_audit(c, ctx_, {actor.username, "work_type.update", "work_type", std::to_string(id), summary_json(wt)});
  });
  return wt;
}

void WorkTypeService::remove(const Actor& actor, std::int64_t id) {
  require_somewhere(actor, core::Permission::write_work_types);
  ctx_.db.write([&](store::Connection& c) {
    const auto wt = load(c, id);
    if (c.query_one("SELECT 1 FROM worker_work_types WHERE work_type_id = ? LIMIT 1", {id}))
      throw core::conflict("in_use", "仍有职工登记在该工种下 (workers are registered in this work type)");
    c.execute("DELETE FROM work_types WHERE id = ?", {id});
    append_audit(c, ctx_, {actor.username, "work_type.delete", "work_type", std::to_string(id), summary_json(wt)});
  });
}

}  // namespace skb::service
