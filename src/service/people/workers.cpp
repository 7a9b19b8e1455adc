#include "service/people/workers.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/people/personal_data.hpp"
#include "core/platform/calendar.hpp"
#include "core/platform/text.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/people/work_types.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

using core::Permission;

constexpr const char* kSelect =
    "SELECT w.id, w.name, w.gender, w.employee_no, w.org_id, o.name, w.skill_level, w.phone_masked, w.id_masked, "
    "w.birth_date, w.created_at, w.org_path FROM workers w JOIN orgs o ON o.id = w.org_id";

WorkerView view_from(const store::Row& r) {
  WorkerView v;
  v.id = r.i64(0);
  v.name = r.str(1);
  v.gender = core::parse_gender(r.str(2)).value_or(core::Gender::male);
  v.employee_no = r.str(3);
  v.org_id = r.i64(4);
  v.org_name = r.str(5);
  v.skill_level = static_cast<core::SkillLevel>(r.i64(6));
  v.phone_masked = r.str(7);
  v.id_number_masked = r.str(8);
  v.birth_date = r.str(9);
  v.created_at = r.str(10);
  v.org_path = r.str(11);
  v.birth_year = v.birth_date.size() >= 4 ? std::stoi(v.birth_date.substr(0, 4)) : 0;
  return v;
}

// The birth date is the middle of the ID number: only who may see the whole number (or the worker) sees
// it. Everyone else gets the birth year, which with the mask leaves far too many numbers to guess.
WorkerView shown_to(const Actor& actor, WorkerView v) {
  if (!(actor.worker_id == v.id || actor.can(Permission::read_worker_pii, v.org_path))) v.birth_date.clear();
  return v;
}

// The WHERE clause for the actor's scope and a filter; every value is a bound parameter.
std::string where_clause(const std::vector<std::string>& scope, const WorkerFilter& f, store::Params& params) {
  std::string sql = " WHERE " + subtree_condition("w.org_path", scope, params);
  if (f.work_type_id) {
    sql += " AND EXISTS (SELECT 1 FROM worker_work_types x WHERE x.worker_id = w.id AND x.work_type_id = ?)";
    params.push_back(*f.work_type_id);
  }
  if (f.skill_level) {
    sql += " AND w.skill_level = ?";
    params.push_back(static_cast<std::int64_t>(*f.skill_level));
  }
  const std::string q(core::trim(f.query));
  if (!q.empty()) {
    sql += " AND (w.name LIKE ? ESCAPE '\\' OR w.employee_no = ?)";
    params.push_back("%" + like_escape(q) + "%");
    params.push_back(q);
  }
  return sql;
}

void attach_work_types(store::Connection& c, std::vector<WorkerView>& views) {
  std::map<std::int64_t, WorkerView*> by_id;
  for (auto& v : views) by_id[v.id] = &v;
  for (size_t start = 0; start < views.size(); start += 500) {
    std::string sql = "SELECT x.worker_id, t.id, t.name FROM worker_work_types x JOIN work_types t ON t.id = x.work_type_id "
                      "WHERE x.worker_id IN (";
    store::Params params;
    for (size_t i = start; i < std::min(views.size(), start + 500); ++i) {
      sql += i == start ? "?" : ",?";
      params.emplace_back(std::in_place_type<std::int64_t>, views[i].id);
    }
    sql += ") ORDER BY x.worker_id, t.id";
    for (const auto& r : c.query(sql, params)) by_id[r.i64(0)]->work_types.push_back({r.i64(1), r.str(2)});
  }
}

WorkerView load_view(store::Connection& c, std::int64_t id, bool with_history) {
  auto row = c.query_one(std::string(kSelect) + " WHERE w.id = ?", {id});
  if (!row) throw core::not_found("worker " + std::to_string(id));
  std::vector<WorkerView> one{view_from(*row)};
  attach_work_types(c, one);
  if (with_history)
    for (const auto& r : c.query("SELECT skill_level, effective_date, note, recorded_at, recorded_by FROM level_history "
                                 "WHERE worker_id = ? ORDER BY effective_date, id",
                                 {id}))
      one[0].level_history.push_back(
          {static_cast<core::SkillLevel>(r.i64(0)), r.str(1), r.str(2), r.str(3), r.str(4)});
  return std::move(one[0]);
}

std::string worker_path(store::Connection& c, std::int64_t id) {
  auto row = c.query_one("SELECT org_path FROM workers WHERE id = ?", {id});
  if (!row) throw core::not_found("worker " + std::to_string(id));
  return row->str(0);
}

struct Sealed {
  std::string phone_sealed, phone_masked, id_sealed, id_lookup, id_masked;
};

Sealed seal(const Sealer& sealer, const core::ValidWorker& v) {
  return {sealer.seal(v.phone), core::mask_phone(v.phone), sealer.seal(v.id_number), sealer.lookup_hash(v.id_number),
          core::mask_national_id(v.id_number)};
}

void set_work_types(store::Connection& c, std::int64_t worker_id, const std::vector<std::int64_t>& ids) {
  c.execute("DELETE FROM worker_work_types WHERE worker_id = ?", {worker_id});
  for (auto id : std::set<std::int64_t>(ids.begin(), ids.end()))
    c.execute("INSERT INTO worker_work_types(worker_id, work_type_id) VALUES (?, ?)", {worker_id, id});
}

void check_work_types_exist(store::Connection& c, const std::vector<std::int64_t>& ids) {
  for (auto id : ids)
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {id}))
      throw core::invalid("work_type_ids", "工种不存在 (unknown work type " + std::to_string(id) + ")");
}

std::int64_t insert_worker(store::Connection& c, const Context& ctx, const std::string& by, const core::ValidWorker& v,
                           const core::Org& org, const std::vector<std::int64_t>& work_type_ids) {
  const auto s = seal(ctx.sealer, v);
  const auto now = ctx.now_rfc3339();
  const auto id = c.insert_returning_id(
      "INSERT INTO workers(name, gender, employee_no, org_id, org_path, skill_level, phone_sealed, phone_masked, id_sealed, "
      "id_lookup, id_masked, birth_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {v.name, std::string(core::to_code(v.gender)), v.employee_no, org.id, org.path,
       static_cast<std::int64_t>(v.skill_level), s.phone_sealed, s.phone_masked, s.id_sealed, s.id_lookup, s.id_masked,
       v.birth_date, now, now});
  set_work_types(c, id, work_type_ids);
  c.execute("INSERT INTO level_history(worker_id, skill_level, effective_date, note, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {id, static_cast<std::int64_t>(v.skill_level), ctx.today(), std::string("登记 (registered)"), now, by});
  append_audit(c, ctx, {by, "worker.create", "worker", std::to_string(id),
                        skb::service::json_text(boost::json::object{{"name", v.name}, {"employee_no", v.employee_no},
                                                                   {"org_id", org.id}, {"skill_level", core::to_code(v.skill_level)}})});
  return id;
}

// An ID number registered where the caller cannot see it is refused without saying that the person is
// registered elsewhere: HR of one enterprise must not learn who works at another.
const char* kIdUnavailable = "该身份证号无法在此登记，请联系上级工会核实 (this ID number cannot be registered here; ask your union)";

void check_duplicates(store::Connection& c, const Actor& actor, const std::string& id_lookup, std::int64_t org_id,
                      const std::string& employee_no, std::int64_t self_id) {
  if (auto other = c.query_one("SELECT org_path FROM workers WHERE id_lookup = ? AND id <> ?", {id_lookup, self_id})) {
    if (!actor.can(Permission::read_workers, other->str(0)))
      throw core::Error(core::ErrorKind::conflict, "id_number_unavailable", kIdUnavailable, "id_number");
    throw core::Error(core::ErrorKind::conflict, "duplicate", "该身份证号已登记 (this ID number is already registered)", "id_number");
  }
  if (c.query_one("SELECT 1 FROM workers WHERE org_id = ? AND employee_no = ? AND id <> ?", {org_id, employee_no, self_id}))
    throw core::Error(core::ErrorKind::conflict, "duplicate", "本单位已有该工号 (employee number already used in this organisation)",
                      "employee_no");
}

}  // namespace

void require_worker_reader(store::Connection& c, const Actor& actor, std::int64_t worker_id) {
  const auto path = worker_path(c, worker_id);
  if (actor.worker_id != worker_id) require(actor, Permission::read_workers, path);
}

WorkerPage WorkerService::list(const Actor& actor, const WorkerFilter& f, int limit, std::optional<std::int64_t> after_id) const {
  auto scope = actor.scope(Permission::read_workers);
  if (scope.empty()) throw core::forbidden();
  WorkerPage page;
  ctx_.db.read([&](store::Connection& c) {
    if (f.org_id) {  // narrow the scope to the chosen org's subtree, which must itself be visible
      const auto path = org_path(c, *f.org_id);
      require(actor, Permission::read_workers, path);
      scope = {path};
    }
    store::Params params;
    const auto where = where_clause(scope, f, params);
    page.total = c.query_one("SELECT COUNT(*) FROM workers w" + where, params)->i64(0);
    params.push_back(after_id.value_or(0));
    params.push_back(std::int64_t{limit} + 1);
    for (const auto& r : c.query(std::string(kSelect) + where + " AND w.id > ? ORDER BY w.id LIMIT ?", params))
      page.items.push_back(shown_to(actor, view_from(r)));
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      page.next_cursor = page.items.back().id;
    }
    attach_work_types(c, page.items);
  });
  return page;
}

std::vector<WorkerView> WorkerService::export_rows(const Actor& actor, const WorkerFilter& f) const {
  require_somewhere(actor, Permission::import_export_workers);
  auto scope = actor.scope(Permission::import_export_workers);
  std::vector<WorkerView> rows;
  ctx_.db.read([&](store::Connection& c) {
    if (f.org_id) {
      const auto path = org_path(c, *f.org_id);
      require(actor, Permission::import_export_workers, path);
      scope = {path};
    }
    store::Params params;
    const auto where = where_clause(scope, f, params);
    for (const auto& r : c.query(std::string(kSelect) + where + " ORDER BY w.org_path, w.employee_no", params))
      rows.push_back(shown_to(actor, view_from(r)));
    attach_work_types(c, rows);
  });
  ctx_.db.write([&](store::Connection& c) {  // who took a copy of whose records is worth knowing later
    append_audit(c, ctx_, {actor.username, "worker.export", "worker", "",
                           skb::service::json_text(boost::json::object{{"rows", rows.size()},
                                                                      {"org_id", f.org_id.value_or(0)}})});
  });
  return rows;
}

WorkerView WorkerService::get(const Actor& actor, std::int64_t id) const {
  WorkerView v;
  ctx_.db.read([&](store::Connection& c) {
    const auto path = worker_path(c, id);
    if (!(actor.worker_id == id || actor.can(Permission::read_workers, path))) throw core::forbidden();
    v = shown_to(actor, load_view(c, id, true));
  });
  return v;
}

WorkerView WorkerService::get_own(const Actor& actor) const {
  if (!actor.worker_id) throw core::not_found("worker record for this account");
  return get(actor, *actor.worker_id);
}

WorkerView WorkerService::create(const Actor& actor, const WorkerInput& in) {
  core::WorkerFields fields{in.name.value_or(""), in.gender.value_or(""), in.employee_no.value_or(""),
                            in.skill_level.value_or(""), in.phone.value_or(""), in.id_number.value_or("")};
  core::ValidWorker valid;
  auto problems = core::validate_worker(fields, ctx_.today(), valid);
  if (!in.org_id) problems.push_back({0, "org_id", "required", "所属单位不能为空 (org_id is required)"});
  if (!problems.empty()) throw core::rejected(std::move(problems));
  WorkerView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto org = load_org(c, *in.org_id);
    require(actor, Permission::write_workers, org.path);
    const auto types = in.work_type_ids.value_or(std::vector<std::int64_t>{});
    check_work_types_exist(c, types);
    check_duplicates(c, actor, ctx_.sealer.lookup_hash(valid.id_number), org.id, valid.employee_no, 0);
    const auto id = insert_worker(c, ctx_, actor.username, valid, org, types);
    v = shown_to(actor, load_view(c, id, true));
  });
  return v;
}

WorkerView WorkerService::update(const Actor& actor, std::int64_t id, const WorkerInput& in) {
  WorkerView v;
  ctx_.db.write([&](store::Connection& c) {
    auto row = c.query_one("SELECT name, gender, employee_no, skill_level, phone_sealed, id_sealed, org_id, org_path FROM workers "
                           "WHERE id = ?",
                           {id});
    if (!row) throw core::not_found("worker " + std::to_string(id));
    require(actor, Permission::write_workers, row->str(7));
    // Merge the change onto the current record and validate the whole, as a form would.
    core::WorkerFields fields{in.name.value_or(row->str(0)),
                              in.gender.value_or(in.id_number ? "" : row->str(1)),
                              in.employee_no.value_or(row->str(2)),
                              std::to_string(row->i64(3)),
                              in.phone.value_or(ctx_.sealer.open(row->str(4))),
                              in.id_number.value_or(ctx_.sealer.open(row->str(5)))};
    core::ValidWorker valid;
    auto problems = core::validate_worker(fields, ctx_.today(), valid);
    if (!problems.empty()) throw core::rejected(std::move(problems));
    auto org = load_org(c, row->i64(6));
    if (in.org_id && *in.org_id != org.id) {
      org = load_org(c, *in.org_id);
      require(actor, Permission::write_workers, org.path);
    }
    const auto s = seal(ctx_.sealer, valid);
    check_duplicates(c, actor, s.id_lookup, org.id, valid.employee_no, id);
    c.execute("UPDATE workers SET name = ?, gender = ?, employee_no = ?, org_id = ?, org_path = ?, phone_sealed = ?, "
              "phone_masked = ?, id_sealed = ?, id_lookup = ?, id_masked = ?, birth_date = ?, updated_at = ? WHERE id = ?",
              {valid.name, std::string(core::to_code(valid.gender)), valid.employee_no, org.id, org.path, s.phone_sealed,
               s.phone_masked, s.id_sealed, s.id_lookup, s.id_masked, valid.birth_date, ctx_.now_rfc3339(), id});
    if (in.work_type_ids) {
      check_work_types_exist(c, *in.work_type_ids);
      set_work_types(c, id, *in.work_type_ids);
    }
    boost::json::object changed;
    for (auto [field, present] : {std::pair{"name", in.name.has_value()}, {"gender", in.gender.has_value()},
                                  {"employee_no", in.employee_no.has_value()}, {"phone", in.phone.has_value()},
                                  {"id_number", in.id_number.has_value()}, {"org_id", in.org_id.has_value()},
                                  {"work_type_ids", in.work_type_ids.has_value()}})
      if (present) changed[field] = true;  // which fields changed, never their personal values
    append_audit(c, ctx_, {actor.username, "worker.update", "worker", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"changed", changed}})});
    v = shown_to(actor, load_view(c, id, true));
  });
  return v;
}

WorkerView WorkerService::change_level(const Actor& actor, std::int64_t id, const std::string& level_text,
                                       const std::string& effective_date, const std::string& note) {
  const auto level = core::parse_skill_level(level_text);
  if (!level) throw core::invalid("skill_level", "技能等级无效 (unknown skill level)");
  if (!core::is_calendar_date(effective_date)) throw core::invalid("effective_date", "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)");
  if (effective_date > ctx_.today()) throw core::invalid("effective_date", "生效日期不能晚于今天 (date is in the future)");
  if (core::utf8_length(note) > 200) throw core::invalid("note", "note must be at most 200 characters");
  WorkerView v;
  ctx_.db.write([&](store::Connection& c) {
    require(actor, Permission::write_workers, worker_path(c, id));
    record_level_change(c, ctx_, actor.username, id, *level, effective_date, note);
    v = shown_to(actor, load_view(c, id, true));
  });
  return v;
}

void record_level_change(store::Connection& c, const Context& ctx, const std::string& by, std::int64_t worker_id,
                         core::SkillLevel level, const std::string& effective_date, const std::string& note) {
  c.execute("INSERT INTO level_history(worker_id, skill_level, effective_date, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
            {worker_id, static_cast<std::int64_t>(level), effective_date, note, ctx.now_rfc3339(), by});
  // The current level is the latest by effective date, so back-dated entries do not override newer ones.
  const auto latest = c.query_one("SELECT skill_level FROM level_history WHERE worker_id = ? ORDER BY effective_date DESC, id DESC LIMIT 1",
                                  {worker_id});
  c.execute("UPDATE workers SET skill_level = ?, updated_at = ? WHERE id = ?", {latest->i64(0), ctx.now_rfc3339(), worker_id});
  append_audit(c, ctx, {by, "worker.level_change", "worker", std::to_string(worker_id),
                        skb::service::json_text(boost::json::object{{"skill_level", core::to_code(level)},
                                                                   {"effective_date", effective_date}, {"note", note}})});
}

void WorkerService::remove(const Actor& actor, std::int64_t id) {
  ctx_.db.write([&](store::Connection& c) {
    require(actor, Permission::write_workers, worker_path(c, id));
    const auto v = load_view(c, id, false);
    c.execute("UPDATE users SET worker_id = NULL WHERE worker_id = ?", {id});
    c.execute("DELETE FROM workers WHERE id = ?", {id});
    append_audit(c, ctx_, {actor.username, "worker.delete", "worker", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"name", v.name}, {"employee_no", v.employee_no}})});
  });
}

PersonalData WorkerService::reveal_personal_data(const Actor& actor, std::int64_t id) {
  PersonalData pd;
  ctx_.db.write([&](store::Connection& c) {
    auto row = c.query_one("SELECT phone_sealed, id_sealed, org_path FROM workers WHERE id = ?", {id});
    if (!row) throw core::not_found("worker " + std::to_string(id));
    require(actor, Permission::read_worker_pii, row->str(2));
    pd = {ctx_.sealer.open(row->str(0)), ctx_.sealer.open(row->str(1))};
    append_audit(c, ctx_, {actor.username, "worker.reveal_personal_data", "worker", std::to_string(id), ""});
  });
  return pd;
}

ImportOutcome WorkerService::import(const Actor& actor, const std::vector<ImportRow>& rows, bool all_or_nothing) {
  require_somewhere(actor, Permission::import_export_workers);
  if (rows.empty()) throw core::invalid("rows", "没有可导入的数据 (no rows to import)");
  if (rows.size() > 20000) throw core::invalid("rows", "一次最多导入20000行 (at most 20,000 rows per import)");
  ImportOutcome outcome;
  ctx_.db.write([&](store::Connection& c) {
    std::map<std::string, std::int64_t> type_ids;
    for (const auto& wt : load_work_types(c)) {
      type_ids[wt.name] = wt.id;
      type_ids[wt.code] = wt.id;
    }
    std::map<std::string, std::optional<core::Org>> orgs;
    std::set<std::string> seen_ids, seen_numbers;
    struct Ready {
      core::ValidWorker worker;
      core::Org org;
      std::vector<std::int64_t> types;
    };
    std::vector<Ready> ready;
    std::vector<core::FieldProblem> problems;
    for (size_t i = 0; i < rows.size(); ++i) {
      const int row_no = static_cast<int>(i + 1);
      const auto& r = rows[i];
      core::ValidWorker valid;
      auto row_problems = core::validate_worker({r.name, r.gender, r.employee_no, r.skill_level, r.phone, r.id_number},
                                                ctx_.today(), valid);
      const std::string org_text(core::trim(r.org));
      std::optional<core::Org> org;
      if (org_text.empty()) {
        row_problems.push_back({0, "org", "required", "单位不能为空"});
      } else {
        auto it = orgs.find(org_text);
        if (it == orgs.end()) it = orgs.emplace(org_text, find_org_by_name_or_code(c, org_text)).first;
        org = it->second;
        if (!org) row_problems.push_back({0, "org", "unknown_org", "找不到单位“" + org_text + "”，或名称不唯一（请填写单位代码）"});
        else if (!actor.can(Permission::write_workers, org->path) || !actor.can(Permission::import_export_workers, org->path))
          row_problems.push_back({0, "org", "forbidden_org", "无权向单位“" + org_text + "”导入职工"});
      }
      std::vector<std::int64_t> types;
      for (const auto& t : core::split_list(r.work_types)) {
        auto it = type_ids.find(t);
        if (it == type_ids.end()) row_problems.push_back({0, "work_types", "unknown_work_type", "未知工种“" + t + "”"});
        else types.push_back(it->second);
      }
      if (row_problems.empty()) {
        const auto lookup = ctx_.sealer.lookup_hash(valid.id_number);
        const auto number_key = std::to_string(org->id) + "\n" + valid.employee_no;
        if (!seen_ids.insert(lookup).second) row_problems.push_back({0, "id_number", "duplicate_in_file", "身份证号在文件中重复"});
        else if (auto other = c.query_one("SELECT org_path FROM workers WHERE id_lookup = ?", {lookup}))
          row_problems.push_back(actor.can(Permission::read_workers, other->str(0))
                                     ? core::FieldProblem{0, "id_number", "already_registered", "该身份证号已登记"}
                                     : core::FieldProblem{0, "id_number", "id_number_unavailable", kIdUnavailable});
        if (!seen_numbers.insert(number_key).second) row_problems.push_back({0, "employee_no", "duplicate_in_file", "工号在文件中重复"});
        else if (c.query_one("SELECT 1 FROM workers WHERE org_id = ? AND employee_no = ?", {org->id, valid.employee_no}))
          row_problems.push_back({0, "employee_no", "already_registered", "本单位已有该工号"});
      }
      if (row_problems.empty()) {
        ready.push_back({std::move(valid), *org, std::move(types)});
      } else {
        for (auto& p : row_problems) {
          p.row = row_no;
          problems.push_back(std::move(p));
        }
      }
    }
    if (!problems.empty() && all_or_nothing) {
      throw core::import_rejected(std::move(problems));
    }
    for (const auto& r : ready) insert_worker(c, ctx_, actor.username, r.worker, r.org, r.types);
    append_audit(c, ctx_, {actor.username, "worker.import", "worker", "",
                           skb::service::json_text(boost::json::object{{"imported", ready.size()},
                                                                      {"rejected_rows", problems.size()}})});
    outcome.imported = static_cast<int>(ready.size());
    outcome.problems = std::move(problems);
  });
  return outcome;
}

}  // namespace skb::service
