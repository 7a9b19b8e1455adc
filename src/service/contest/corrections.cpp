#include "service/contest/corrections.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/contest/certificates.hpp"
#include "service/contest/competitions.hpp"
#include "service/contest/evidence.hpp"
#include "service/contest/judging.hpp"
#include "service/people/auth.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

using core::Permission;

constexpr const char* kSelect =
    "SELECT id, event_id, entry_id, aspect_id, judge_user_id, old_value, new_value, reason, requested_by, requested_at, "
    "chief_confirmed_by, organiser_confirmed_by, old_total, new_total, status FROM corrections";

CorrectionView view_from(const store::Row& r) {
  CorrectionView v;
  v.id = r.i64(0);
  v.event_id = r.i64(1);
  v.entry_id = r.i64(2);
  v.aspect_id = r.i64(3);
  v.judge_user_id = r.i64(4);
  if (!r.is_null(5)) v.old_value = r.f64(5);
  v.new_value = r.f64(6);
  v.reason = r.str(7);
  v.requested_by = r.str(8);
  v.requested_at = r.str(9);
  v.chief_confirmed_by = r.str(10);
  v.organiser_confirmed_by = r.str(11);
  if (!r.is_null(12)) v.old_total = r.f64(12);
  if (!r.is_null(13)) v.new_total = r.f64(13);
  v.status = r.str(14);
  return v;
}

bool is_chief(store::Connection& c, const Actor& actor, const EventView& event) {
  return c.query_one("SELECT 1 FROM judge_assignments WHERE event_id = ? AND user_id = ? AND chief = 1", {event.summary.id, actor.user_id})
             .has_value() ||
         actor.can(Permission::lead_judging, event.org_path);
}

// What every decision on a correction checks first: it exists and is pending, the actor is its chief
// judge or an organiser, and the actor has just re-entered their password.
struct Decision {
  CorrectionView correction;
  EventView event;
  bool chief = false;
  bool organiser = false;
};

Decision open_decision(store::Connection& c, const Actor& actor, std::int64_t id, const std::string& password) {
  auto row = c.query_one(std::string(kSelect) + " WHERE id = ?", {id});
  if (!row) throw core::not_found("correction " + std::to_string(id));
  Decision d{view_from(*row), load_event(c, row->i64(1)), false, false};
  d.chief = is_chief(c, actor, d.event);
  d.organiser = actor.can(Permission::manage_competitions, d.event.org_path);
  if (!d.chief && !d.organiser) throw core::forbidden();
  if (d.correction.status != "pending") throw core::conflict("decided", "该更正已处理 (already decided)");
  require_fresh_password(c, actor, password);
  return d;
}

double total_of(store::Connection& c, std::int64_t event_id, std::int64_t entry_id) {
  for (const auto& r : compute_standings(c, event_id, std::nullopt).results)
    if (r.entry.id == entry_id) return r.total;
  return 0;
}

}  // namespace

CorrectionView CorrectionService::request(const Actor& actor, std::int64_t event_id, const CorrectionInput& in) {
  const std::string reason(core::trim(in.reason));
  CorrectionView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto event = load_event(c, event_id);
    if (!is_chief(c, actor, event)) require(actor, Permission::manage_competitions, event.org_path);
    if (reason.empty() || core::utf8_length(reason) > 500) throw core::invalid("reason", "请填写更正理由（最多500字） (a reason of 1–500 characters)");
    if (!c.query_one("SELECT 1 FROM events WHERE id = ? AND locked_at IS NOT NULL", {event_id}))
      throw core::conflict("not_locked", "赛项未锁定：锁定前由裁判直接修改评分 (before the lock, judges amend their own marks)");
    const AspectDef* aspect = nullptr;
    for (const auto& comp : event.components)
      for (const auto& a : comp.aspects)
        if (a.id == in.aspect_id) aspect = &a;
    if (!aspect) throw core::invalid("aspect_id", "评分细项不属于该赛项 (the aspect is not this event's)");
    if (!c.query_one("SELECT 1 FROM entries WHERE id = ? AND event_id = ?", {in.entry_id, event_id}))
      throw core::invalid("entry_id", "参赛者不属于该赛项 (the entry is not this event's)");
    const core::Aspect scored{aspect->id, aspect->kind, aspect->max_mark, aspect->step, aspect->bands, aspect->disqualifies};
    if (auto problem = core::check_mark(scored, in.value)) throw core::invalid("value", *problem);
    const double value = core::canonical_mark(scored, in.value);
    auto old = c.query_one("SELECT value FROM marks WHERE entry_id = ? AND aspect_id = ? AND judge_user_id = ? ORDER BY seq DESC LIMIT 1",
                           {in.entry_id, in.aspect_id, in.judge_user_id});
    if (!old) throw core::invalid("judge_user_id", "该裁判没有这一项的评分 (this judge has no mark for it)");
    const auto id = c.insert_returning_id(
        "INSERT INTO corrections(event_id, entry_id, aspect_id, judge_user_id, old_value, new_value, reason, requested_by, requested_at, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending') RETURNING id",
        {event_id, in.entry_id, in.aspect_id, in.judge_user_id, old->f64(0), value, reason, actor.username, ctx_.now_rfc3339()});
    append_audit(c, ctx_, {actor.username, "correction.request", "correction", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"event_id", event_id}, {"entry_id", in.entry_id},
                                                                      {"aspect_id", in.aspect_id}, {"from", old->f64(0)},
                                                                      {"to", value}, {"reason", reason}})});
    v = view_from(*c.query_one(std::string(kSelect) + " WHERE id = ?", {id}));
  });
  return v;
}

CorrectionView CorrectionService::confirm(const Actor& actor, std::int64_t id, const std::string& password) {
  CorrectionView v;
  ctx_.db.write([&](store::Connection& c) {
    const auto d = open_decision(c, actor, id, password);
    v = d.correction;
    const auto& event = d.event;
    const bool chief = d.chief, organiser = d.organiser;
    if (v.chief_confirmed_by == actor.username || v.organiser_confirmed_by == actor.username)
      throw core::conflict("already_confirmed", "您已确认过；需另一角色确认 (you confirmed already; the other role must confirm)");
    if (chief && v.chief_confirmed_by.empty()) {
      c.execute("UPDATE corrections SET chief_confirmed_by = ? WHERE id = ?", {actor.username, id});
      v.chief_confirmed_by = actor.username;
    } else if (organiser && v.organiser_confirmed_by.empty()) {
      c.execute("UPDATE corrections SET organiser_confirmed_by = ? WHERE id = ?", {actor.username, id});
      v.organiser_confirmed_by = actor.username;
    } else {
      throw core::conflict("already_confirmed", "您的角色已确认过 (your role has confirmed already)");
    }
    append_audit(c, ctx_, {actor.username, "correction.confirm", "correction", std::to_string(id), ""});
    if (v.chief_confirmed_by.empty() || v.organiser_confirmed_by.empty()) return;
    // Both confirmed: append the corrected mark under the original judge, then let results follow.
    const double before = total_of(c, v.event_id, v.entry_id);
    const auto seq = c.insert_returning_id(
        "INSERT INTO marks(event_id, entry_id, aspect_id, judge_user_id, value, client_id, source, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'correction', ?) RETURNING seq",
        {v.event_id, v.entry_id, v.aspect_id, v.judge_user_id, v.new_value, "correction-" + std::to_string(id), ctx_.now_rfc3339()});
    const double after = total_of(c, v.event_id, v.entry_id);
    refresh_entry_evidence(c, ctx_, event, v.entry_id);
    c.execute("UPDATE corrections SET status = 'applied', applied_seq = ?, old_total = ?, new_total = ? WHERE id = ?", {seq, before, after, id});
    if (event.competition_status == core::CompetitionStatus::published) issue_certificates(c, ctx_, event.summary.competition_id);
    append_audit(c, ctx_, {actor.username, "correction.apply", "correction", std::to_string(id),
                           skb::service::json_text(boost::json::object{{"mark_seq", seq}, {"entry_id", v.entry_id}, {"aspect_id", v.aspect_id},
                                                                      {"value", v.new_value}, {"old_total", before}, {"new_total", after}})});
    v = view_from(*c.query_one(std::string(kSelect) + " WHERE id = ?", {id}));
  });
  ctx_.changes->marks_committed();
  return v;
}

CorrectionView CorrectionService::reject(const Actor& actor, std::int64_t id, const std::string& password) {
  CorrectionView v;
  ctx_.db.write([&](store::Connection& c) {
    v = open_decision(c, actor, id, password).correction;
    c.execute("UPDATE corrections SET status = 'rejected' WHERE id = ?", {id});
    append_audit(c, ctx_, {actor.username, "correction.reject", "correction", std::to_string(id), ""});
    v.status = "rejected";
  });
  return v;
}

std::vector<CorrectionView> CorrectionService::history(const Actor& actor, std::int64_t event_id) const {
  std::vector<CorrectionView> out;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, Permission::read_competitions, load_event(c, event_id).org_path);
    for (const auto& r : c.query(std::string(kSelect) + " WHERE event_id = ? ORDER BY id", {event_id})) out.push_back(view_from(r));
  });
  return out;
}

}  // namespace skb::service
