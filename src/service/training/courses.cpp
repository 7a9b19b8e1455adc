#include "service/training/courses.hpp"

#include <boost/json.hpp>

#include <map>
#include <set>

#include "core/people/personal_data.hpp"
#include "core/platform/text.hpp"
#include "core/training/course.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/people/workers.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"
#include "service/training/evidence.hpp"

namespace skb::service {
namespace {

using core::Permission;

constexpr const char* kCourseColumns =
    "c.id, c.org_id, o.name, c.work_type_id, w.name, c.name, c.provider, c.mode, c.hours, c.starts_on, c.ends_on, c.org_path, "
    "(SELECT COUNT(*) FROM training_records t WHERE t.course_id = c.id), "
    "(SELECT COUNT(*) FROM training_records t WHERE t.course_id = c.id AND t.status = 'completed') "
    "FROM courses c JOIN orgs o ON o.id = c.org_id JOIN work_types w ON w.id = c.work_type_id";

CourseView course_from(store::Connection& c, const store::Row& r) {
  CourseView v{r.i64(0), r.i64(1), r.i64(3), r.str(2), r.str(4), r.str(5), r.str(6), r.str(7), r.str(9), r.str(10), r.f64(8), {},
               r.i64(12), r.i64(13)};
  for (const auto& d : c.query("SELECT cd.dimension_id FROM course_dimensions cd JOIN dimensions d ON d.id = cd.dimension_id "
                               "WHERE cd.course_id = ? ORDER BY d.position, d.id",
                               {v.id}))
    v.dimension_ids.push_back(d.i64(0));
  return v;
}

struct LoadedCourse {
  CourseView view;
  std::string org_path;
};

// The course, if the actor manages training where it is run: not_found for an unknown id, forbidden otherwise.
LoadedCourse load_course(store::Connection& c, const Actor& actor, std::int64_t course_id) {
  auto r = c.query_one(std::string("SELECT ") + kCourseColumns + " WHERE c.id = ?", {course_id});
  if (!r) throw core::not_found("course " + std::to_string(course_id));
  require(actor, Permission::manage_training, r->str(11));
  return {course_from(c, *r), r->str(11)};
}

// A worker the actor manages training for: not_found for an unknown id, forbidden otherwise.
void require_trainee(store::Connection& c, const Actor& actor, std::int64_t worker_id) {
  auto w = c.query_one("SELECT org_path FROM workers WHERE id = ?", {worker_id});
  if (!w) throw core::not_found("worker " + std::to_string(worker_id));
  require(actor, Permission::manage_training, w->str(0));
}

std::optional<double> opt_f64(const store::Row& r, size_t i) { return r.is_null(i) ? std::nullopt : std::optional(r.f64(i)); }
std::optional<std::string> opt_str(const store::Row& r, size_t i) { return r.is_null(i) ? std::nullopt : std::optional(r.str(i)); }

TrainingRecordView record_view(store::Connection& c, std::int64_t course_id, std::int64_t worker_id) {
  auto r = c.query_one("SELECT w.id, w.name, w.employee_no, o.name, t.status, t.enrolled_at, t.completed_on, t.hours, t.score "
                       "FROM training_records t JOIN workers w ON w.id = t.worker_id JOIN orgs o ON o.id = w.org_id "
                       "WHERE t.course_id = ? AND t.worker_id = ?",
                       {course_id, worker_id});
  if (!r) throw core::not_found("training record");
  return {r->i64(0), r->str(1), r->str(2), r->str(3), r->str(4), r->str(5), opt_str(*r, 6), opt_f64(*r, 7), opt_f64(*r, 8)};
}

// Enrols when needed; true when the record is new.
bool ensure_record(store::Connection& c, const Context& ctx, std::int64_t course_id, std::int64_t worker_id) {
  const auto now = ctx.now_rfc3339();
  auto inserted = c.query_one("INSERT INTO training_records(course_id, worker_id, status, enrolled_at, updated_at) "
                              "VALUES (?, ?, 'enrolled', ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                              {course_id, worker_id, now, now});
  return inserted.has_value();
}

store::Value nullable(const std::optional<double>& v) { return v ? store::Value(*v) : store::Value(nullptr); }

// Writes the completion and brings the worker's talent record up to date.
void write_completion(store::Connection& c, const Context& ctx, std::int64_t course_id, std::int64_t worker_id, const core::ValidCompletion& v) {
  ensure_record(c, ctx, course_id, worker_id);
  c.execute("UPDATE training_records SET status = ?, completed_on = ?, hours = ?, score = ?, updated_at = ? WHERE course_id = ? AND worker_id = ?",
            {std::string(core::to_code(v.status)), v.completed_on ? store::Value(*v.completed_on) : store::Value(nullptr), nullable(v.hours),
             nullable(v.score), ctx.now_rfc3339(), course_id, worker_id});
  auto id = c.query_one("SELECT id FROM training_records WHERE course_id = ? AND worker_id = ?", {course_id, worker_id});
  refresh_training_evidence(c, ctx, id->i64(0));
}

}  // namespace

std::vector<CourseView> CourseService::list(const Actor& actor, std::optional<std::int64_t> work_type_id, const std::string& query) const {
  require_somewhere(actor, Permission::manage_training);
  std::vector<CourseView> out;
  ctx_.db.read([&](store::Connection& c) {
    store::Params params;
    std::string sql = std::string("SELECT ") + kCourseColumns + " WHERE " + subtree_condition("c.org_path", actor.scope(Permission::manage_training), params);
    if (work_type_id) {
      sql += " AND c.work_type_id = ?";
      params.push_back(*work_type_id);
    }
    if (const auto q = core::trim(query); !q.empty()) {
      sql += " AND (c.name LIKE ? ESCAPE '\\' OR c.provider LIKE ? ESCAPE '\\')";
      const auto like = "%" + like_escape(std::string(q)) + "%";
      params.push_back(like);
      params.push_back(like);
    }
    sql += " ORDER BY c.starts_on DESC, c.id DESC LIMIT 500";
    for (const auto& r : c.query(sql, params)) out.push_back(course_from(c, r));
  });
  return out;
}

CourseView CourseService::create(const Actor& actor, const CourseInput& in) {
  auto problems = core::validate_course({in.name, in.provider, in.mode, in.starts_on, in.ends_on, in.hours});
  if (!problems.empty()) throw core::rejected(std::move(problems));
  if (in.dimension_ids.size() > 50) throw core::invalid("dimension_ids", "能力维度过多 (at most 50)");
  std::int64_t id = 0;
  ctx_.db.write([&](store::Connection& c) {
    const auto org = load_org(c, in.org_id);
    require(actor, Permission::manage_training, org.path);
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {in.work_type_id})) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    std::set<std::int64_t> dims(in.dimension_ids.begin(), in.dimension_ids.end());
    for (auto d : dims)
      if (!c.query_one("SELECT 1 FROM dimensions WHERE id = ? AND work_type_id = ?", {d, in.work_type_id}))
        throw core::invalid("dimension_ids", "能力维度不属于该工种 (the dimension is not the work type's)");
    const auto mode = *core::parse_course_mode(in.mode);
    id = c.query_one("INSERT INTO courses(org_id, org_path, work_type_id, name, provider, mode, hours, starts_on, ends_on, created_by, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     {org.id, org.path, in.work_type_id, std::string(core::trim(in.name)), std::string(core::trim(in.provider)),
                      std::string(core::to_code(mode)), in.hours, in.starts_on, in.ends_on, actor.username, ctx_.now_rfc3339()})
             ->i64(0);
    for (auto d : dims) c.execute("INSERT INTO course_dimensions(course_id, dimension_id) VALUES (?, ?)", {id, d});
    append_audit(c, ctx_, {actor.username, "course.create", "course", std::to_string(id),
                           json_text(boost::json::object{{"org_id", org.id}, {"work_type_id", in.work_type_id}, {"hours", in.hours}})});
  });
  return get(actor, id);
}

CourseView CourseService::get(const Actor& actor, std::int64_t course_id) const {
  CourseView out;
  ctx_.db.read([&](store::Connection& c) { out = load_course(c, actor, course_id).view; });
  return out;
}

std::vector<TrainingRecordView> CourseService::records(const Actor& actor, std::int64_t course_id) const {
  std::vector<TrainingRecordView> out;
  ctx_.db.read([&](store::Connection& c) {
    load_course(c, actor, course_id);
    // Only the workers the actor may read: a course can hold workers of other enterprises.
    for (const auto& r : c.query("SELECT w.id, w.name, w.employee_no, o.name, t.status, t.enrolled_at, t.completed_on, t.hours, t.score, w.org_path "
                                 "FROM training_records t JOIN workers w ON w.id = t.worker_id JOIN orgs o ON o.id = w.org_id "
                                 "WHERE t.course_id = ? ORDER BY t.id",
                                 {course_id}))
      if (actor.can(Permission::read_workers, r.str(9)) || actor.can(Permission::manage_training, r.str(9)))
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), opt_str(r, 6), opt_f64(r, 7), opt_f64(r, 8)});
  });
  return out;
}

TrainingRecordView CourseService::enrol(const Actor& actor, std::int64_t course_id, std::int64_t worker_id, bool& created) {
  TrainingRecordView out;
  ctx_.db.write([&](store::Connection& c) {
    load_course(c, actor, course_id);
    require_trainee(c, actor, worker_id);
    created = ensure_record(c, ctx_, course_id, worker_id);
    if (created)
      append_audit(c, ctx_, {actor.username, "training.enrol", "course", std::to_string(course_id),
                             json_text(boost::json::object{{"worker_id", worker_id}})});
    out = record_view(c, course_id, worker_id);
  });
  return out;
}

TrainingRecordView CourseService::record(const Actor& actor, std::int64_t course_id, std::int64_t worker_id, const CompletionInput& in) {
  TrainingRecordView out;
  ctx_.db.write([&](store::Connection& c) {
    const auto course = load_course(c, actor, course_id);
    require_trainee(c, actor, worker_id);
    core::ValidCompletion valid;
    auto problems = core::validate_completion({in.status, in.completed_on, in.hours, in.score}, course.view.hours, course.view.starts_on,
                                              ctx_.today(), valid);
    if (!problems.empty()) throw core::rejected(std::move(problems));
    write_completion(c, ctx_, course_id, worker_id, valid);
    append_audit(c, ctx_, {actor.username, "training.record", "course", std::to_string(course_id),
                           json_text(boost::json::object{{"worker_id", worker_id}, {"status", core::to_code(valid.status)}})});
    out = record_view(c, course_id, worker_id);
  });
  return out;
}

CompletionImport CourseService::import_completions(const Actor& actor, std::int64_t course_id, const std::vector<CompletionRow>& rows,
                                                   bool all_or_nothing) {
  if (rows.empty()) throw core::invalid("rows", "没有可导入的数据 (no rows to import)");
  if (rows.size() > 20000) throw core::invalid("rows", "一次最多导入20000行 (at most 20,000 rows per import)");
  CompletionImport outcome;
  ctx_.db.write([&](store::Connection& c) {
    const auto course = load_course(c, actor, course_id);
    struct Ready {
      std::int64_t worker_id;
      core::ValidCompletion completion;
    };
    std::vector<Ready> ready;
    std::vector<core::FieldProblem> problems;
    std::set<std::int64_t> seen;
    const auto today = ctx_.today();
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      std::vector<core::FieldProblem> row_problems;
      const auto name = std::string(core::trim(r.name));
      const auto id_number = core::normalize_national_id(core::trim(r.id_number));
      std::optional<std::int64_t> worker_id;
      if (id_number.empty()) {
        row_problems.push_back({0, "id_number", "required", "身份证号不能为空"});
      } else {
        auto w = c.query_one("SELECT id, name, org_path FROM workers WHERE id_lookup = ?", {ctx_.sealer.lookup_hash(id_number)});
        // Unknown and out of scope read the same, so a list cannot probe who is registered elsewhere.
        if (!w || !actor.can(Permission::manage_training, w->str(2))) {
          row_problems.push_back({0, "id_number", "unknown_worker", "找不到该身份证号的职工，或不在您的管理范围内"});
        } else if (!name.empty() && name != w->str(1)) {
          row_problems.push_back({0, "name", "name_mismatch", "姓名与该身份证号登记的职工不符"});
        } else if (!seen.insert(w->i64(0)).second) {
          row_problems.push_back({0, "id_number", "duplicate_in_file", "该职工在文件中重复"});
        } else {
          worker_id = w->i64(0);
        }
      }
      core::ValidCompletion valid;
      for (auto& p : core::validate_completion({r.completion.status, r.completion.completed_on, r.completion.hours, r.completion.score},
                                               course.view.hours, course.view.starts_on, today, valid))
        row_problems.push_back(std::move(p));
      if (row_problems.empty()) {
        ready.push_back({*worker_id, valid});
      } else {
        for (auto& p : row_problems) {
          p.row = static_cast<int>(i + 1);
          problems.push_back(std::move(p));
        }
      }
    }
    if (!problems.empty() && all_or_nothing) {
      throw core::import_rejected(std::move(problems));
    }
    for (const auto& r : ready) write_completion(c, ctx_, course_id, r.worker_id, r.completion);
    append_audit(c, ctx_, {actor.username, "training.import", "course", std::to_string(course_id),
                           json_text(boost::json::object{{"imported", ready.size()}, {"rejected_rows", problems.size()}})});
    outcome.imported = static_cast<int>(ready.size());
    outcome.problems = std::move(problems);
  });
  return outcome;
}

WorkerTraining CourseService::worker_training(const Actor& actor, std::int64_t worker_id) const {
  WorkerTraining out;
  ctx_.db.read([&](store::Connection& c) {
    require_worker_reader(c, actor, worker_id);
    std::map<int, double, std::greater<>> by_year;
    for (const auto& r : c.query("SELECT c.id, c.name, c.provider, c.mode, w.name, t.status, t.completed_on, t.hours, t.score "
                                 "FROM training_records t JOIN courses c ON c.id = t.course_id JOIN work_types w ON w.id = c.work_type_id "
                                 "WHERE t.worker_id = ? ORDER BY COALESCE(t.completed_on, c.starts_on) DESC, t.id DESC",
                                 {worker_id})) {
      WorkerCourse wc{r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), opt_str(r, 6), opt_f64(r, 7), opt_f64(r, 8)};
      if (wc.completed_on && wc.hours && wc.status == "completed") by_year[std::stoi(wc.completed_on->substr(0, 4))] += *wc.hours;
      out.items.push_back(std::move(wc));
    }
    for (const auto& [year, hours] : by_year) out.hours_by_year.emplace_back(year, hours);
  });
  return out;
}

}  // namespace skb::service
