#include "service/assessments/assessments.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "core/people/org.hpp"
#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"

namespace skb::service {
namespace {

using core::Permission;

constexpr int kMinGroup = 5;  // the smallest group whose means a worker may see

constexpr const char* kSelect =
    "SELECT a.id, a.org_id, o.name, a.work_type_id, w.name, a.exam_id, a.event_id, COALESCE(ev.name, ''), a.title, a.created_at, a.org_path "
    "FROM assessments a JOIN orgs o ON o.id = a.org_id JOIN work_types w ON w.id = a.work_type_id LEFT JOIN events ev ON ev.id = a.event_id";

struct Loaded {
  AssessmentView view;
  std::string org_path;
};

Loaded view_from(store::Connection& c, const store::Row& r) {
  Loaded l;
  auto& v = l.view;
  v.id = r.i64(0);
  v.org_id = r.i64(1);
  v.org_name = r.str(2);
  v.work_type_id = r.i64(3);
  v.work_type_name = r.str(4);
  v.exam_id = r.i64(5);
  v.event_id = r.opt_i64(6);
  v.event_name = r.str(7);
  v.title = r.str(8);
  v.created_at = r.str(9);
  l.org_path = r.str(10);
  const auto exam = load_exam(c, v.exam_id);
  v.opens_at = exam.opens_at;
  v.closes_at = exam.closes_at;
  v.exam_status = exam.status;
  v.candidates = exam.candidates;
  v.submitted = exam.submitted;
  return l;
}

Loaded load(store::Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE a.id = ?", {id});
  if (!r) throw core::not_found("assessment " + std::to_string(id));
  return view_from(c, *r);
}

Loaded load_managed(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto l = load(c, id);
  require(actor, Permission::manage_assessments, l.org_path);
  return l;
}

core::AbilityEstimate estimate_of(const ScoreView& s) { return {s.theta, s.se, s.evidence, s.information}; }

// One assessed worker's result from this assessment's exam session and practical entry only.
AssessedWorker assess(store::Connection& c, const AssessmentView& a, const std::vector<std::int64_t>& dims, const store::Row& r) {
  AssessedWorker w;
  w.worker_id = r.i64(0);
  w.worker_name = r.str(1);
  w.org_name = r.str(2);
  std::vector<EvidenceScope> scopes;
  if (r.is_null(3)) {
    w.exam_status = "not_started";
  } else {
    w.exam_status = r.str(4);
    if (w.exam_status == "submitted") scopes.push_back({"exam_item", "session:" + std::to_string(r.i64(3))});
    if (!r.is_null(5)) w.exam_score = r.f64(5);
    w.exam_max = r.is_null(6) ? 0 : r.f64(6);
    w.pending_manual = r.is_null(7) ? 0 : static_cast<int>(r.i64(7));
    w.passed = w.exam_status == "submitted" && w.pending_manual == 0 && w.exam_score && w.exam_max > 0 &&
               *w.exam_score * 100 / w.exam_max >= r.f64(8);
  }
  if (a.event_id)
    if (auto e = c.query_one("SELECT m.entry_id FROM entry_members m JOIN entries e ON e.id = m.entry_id "
                             "WHERE m.event_id = ? AND m.worker_id = ? AND e.status <> 'withdrawn'",
                             {*a.event_id, w.worker_id})) {
      w.practical = true;
      scopes.push_back({"aspect", "entry:" + std::to_string(e->i64(0))});
    }
  const auto scores = score_evidence_of(c, w.worker_id, a.work_type_id, scopes);
  w.overall = scores.overall;
  std::vector<std::optional<core::AbilityEstimate>> estimates;
  for (auto d : dims) {
    auto it = scores.dimensions.find(d);
    w.dimensions.push_back(it == scores.dimensions.end() ? std::nullopt : std::optional<ScoreView>(it->second));
    estimates.push_back(it == scores.dimensions.end() ? std::nullopt : std::optional(estimate_of(it->second)));
  }
  const auto sep = core::separate(estimates);
  for (auto i : sep.strengths) w.strengths.push_back(dims[i]);
  for (auto i : sep.weaknesses) w.weaknesses.push_back(dims[i]);
  return w;
}

AssessmentReport build_report(store::Connection& c, const AssessmentView& a, std::optional<std::int64_t> only_worker) {
  AssessmentReport report;
  report.assessment = a;
  std::vector<std::int64_t> dims;
  for (const auto& r : c.query("SELECT id, name FROM dimensions WHERE work_type_id = ? ORDER BY position, id", {a.work_type_id})) {
    dims.push_back(r.i64(0));
    report.dimensions.push_back({r.i64(0), r.str(1), std::nullopt, 0, 0});
  }
  std::vector<AssessedWorker> all;
  for (const auto& r : c.query("SELECT x.worker_id, w.name, o.name, s.id, s.status, s.score, s.max_score, s.pending_manual, e.pass_percent "
                               "FROM exam_candidates x JOIN exams e ON e.id = x.exam_id JOIN workers w ON w.id = x.worker_id "
                               "JOIN orgs o ON o.id = w.org_id LEFT JOIN exam_sessions s ON s.exam_id = x.exam_id AND s.worker_id = x.worker_id "
                               "WHERE x.exam_id = ? ORDER BY w.name, w.id",
                               {a.exam_id}))
    all.push_back(assess(c, a, dims, r));
  // Ranks among the assessed with a score; the enterprise's view of each dimension.
  std::vector<const AssessedWorker*> scored;
  for (const auto& w : all)
    if (w.overall) scored.push_back(&w);
  std::stable_sort(scored.begin(), scored.end(), [](auto* x, auto* y) { return x->overall->theta > y->overall->theta; });
  std::map<std::int64_t, int> rank_of;
  for (size_t i = 0; i < scored.size(); ++i)
    rank_of[scored[i]->worker_id] = i > 0 && scored[i]->overall->theta == scored[i - 1]->overall->theta ? rank_of[scored[i - 1]->worker_id]
                                                                                                       : static_cast<int>(i + 1);
  for (auto& w : all) {
    if (auto it = rank_of.find(w.worker_id); it != rank_of.end()) w.rank = it->second;
    for (size_t d = 0; d < dims.size(); ++d) {
      auto& summary = report.dimensions[d];
      if (w.dimensions[d]) {
        summary.mean = summary.mean.value_or(0) + w.dimensions[d]->score;
        ++summary.assessed;
      }
      if (std::find(w.weaknesses.begin(), w.weaknesses.end(), dims[d]) != w.weaknesses.end()) ++summary.weak;
    }
  }
  for (auto& d : report.dimensions)
    if (d.assessed > 0) d.mean = *d.mean / d.assessed;
  std::stable_sort(all.begin(), all.end(), [](const AssessedWorker& x, const AssessedWorker& y) {
    return x.rank.value_or(1 << 30) < y.rank.value_or(1 << 30);
  });
  for (auto& w : all)
    if (!only_worker || w.worker_id == *only_worker) report.workers.push_back(std::move(w));
  return report;
}

}  // namespace

std::vector<AssessmentView> AssessmentService::list(const Actor& actor) const {
  require_somewhere(actor, Permission::manage_assessments);
  std::vector<AssessmentView> out;
  ctx_.db.read([&](store::Connection& c) {
    store::Params params;
    const auto where = " WHERE " + subtree_condition("a.org_path", actor.scope(Permission::manage_assessments), params);
    for (const auto& r : c.query(std::string(kSelect) + where + " ORDER BY a.id DESC LIMIT 500", params)) out.push_back(view_from(c, r).view);
  });
  return out;
}

AssessmentView AssessmentService::create(const Actor& actor, const AssessmentInput& in) {
  std::int64_t id = 0;
  ctx_.db.write([&](store::Connection& c) {
    if (!in.exam.org_id) throw core::invalid("org_id", "请选择考核单位 (org_id is required)");
    const auto org = load_org(c, *in.exam.org_id);
    require(actor, Permission::manage_assessments, org.path);
    if (in.event_id) {
      auto e = c.query_one("SELECT ev.work_type_id, co.org_path FROM events ev JOIN competitions co ON co.id = ev.competition_id WHERE ev.id = ?",
                           {*in.event_id});
      // An event the actor cannot see reads as one that does not exist.
      if (!e || !actor.can(Permission::read_competitions, e->str(1))) throw core::invalid("event_id", "找不到该实操项目 (no such event)");
      if (e->i64(0) != in.exam.work_type_id) throw core::invalid("event_id", "实操项目的工种与考核不同 (the event is of another work type)");
    }
    const auto exam_id = create_published_exam(c, ctx_, actor.username, in.exam, org.path, in.worker_ids);
    id = c.insert_returning_id("INSERT INTO assessments(org_id, org_path, work_type_id, title, exam_id, event_id, created_by, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               {org.id, org.path, in.exam.work_type_id, load_exam(c, exam_id, false).title, exam_id,
                                in.event_id ? store::Value(*in.event_id) : store::Value(nullptr), actor.username, ctx_.now_rfc3339()});
    append_audit(c, ctx_, {actor.username, "assessment.create", "assessment", std::to_string(id),
                           json_text(boost::json::object{{"exam_id", exam_id}, {"workers", in.worker_ids.size()}, {"event_id", in.event_id.value_or(0)}})});
  });
  return get(actor, id);
}

AssessmentView AssessmentService::get(const Actor& actor, std::int64_t id) const {
  AssessmentView out;
  ctx_.db.read([&](store::Connection& c) { out = load_managed(c, actor, id).view; });
  return out;
}

AssessmentReport AssessmentService::report(const Actor& actor, std::int64_t id) const {
  AssessmentReport out;
  ctx_.db.read([&](store::Connection& c) { out = build_report(c, load_managed(c, actor, id).view, std::nullopt); });
  return out;
}

AssessmentReport AssessmentService::worker_report(const Actor& actor, std::int64_t id, std::int64_t worker_id) const {
  AssessmentReport out;
  ctx_.db.read([&](store::Connection& c) {
    auto l = load(c, id);
    if (actor.worker_id != worker_id) require(actor, Permission::manage_assessments, l.org_path);
    if (!c.query_one("SELECT 1 FROM exam_candidates WHERE exam_id = ? AND worker_id = ?", {l.view.exam_id, worker_id}))
      throw core::not_found("worker " + std::to_string(worker_id) + " in assessment " + std::to_string(id));
    out = build_report(c, l.view, worker_id);
    // A worker sees the group's means only where the group is large enough not to give one colleague away.
    if (actor.worker_id == worker_id && !actor.can(Permission::manage_assessments, l.org_path))
      for (auto& d : out.dimensions)
        if (d.assessed < kMinGroup) d.mean.reset(), d.weak = 0;
  });
  return out;
}

std::vector<AssessmentView> AssessmentService::mine(const Actor& actor) const {
  if (!actor.worker_id) throw core::not_found("no worker record is linked to this account");
  std::vector<AssessmentView> out;
  ctx_.db.read([&](store::Connection& c) {
    for (const auto& r : c.query(std::string(kSelect) + " JOIN exam_candidates x ON x.exam_id = a.exam_id WHERE x.worker_id = ? ORDER BY a.id DESC",
                                 {*actor.worker_id}))
      out.push_back(view_from(c, r).view);
  });
  return out;
}

}  // namespace skb::service
