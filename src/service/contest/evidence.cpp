#include "service/contest/evidence.hpp"

#include <algorithm>
#include <map>

#include "service/contest/entry_scoring.hpp"

namespace skb::service {
namespace {

std::string scope_of(std::int64_t entry_id) { return "entry:" + std::to_string(entry_id); }

}  // namespace

std::vector<EvidenceInput> derive_entry_evidence(store::Connection& c, const EventView& event, std::int64_t entry_id) {
  std::vector<EvidenceInput> out;
  auto status = c.query_one("SELECT status FROM entries WHERE id = ?", {entry_id});
  if (!status || status->str(0) == "withdrawn") return out;
  EntryMarks marks;
  std::map<std::int64_t, std::string> latest_at;  // aspect → when its newest mark was recorded
  for (const auto& r : c.query("SELECT aspect_id, judge_user_id, value, seq, recorded_at FROM marks WHERE entry_id = ? ORDER BY seq", {entry_id})) {
    apply_mark(marks, r.i64(0), r.i64(1), r.f64(2), r.i64(3));
    latest_at[r.i64(0)] = r.str(4);
  }
  if (marks.empty()) return out;
  for (const auto& r : c.query("SELECT aspect_id, MAX(up_to_seq) FROM flag_resolutions WHERE entry_id = ? GROUP BY aspect_id", {entry_id}))
    marks[r.i64(0)].resolved_up_to = r.i64(1);
  EntryView entry;
  entry.id = entry_id;
  const auto result = score_entry(event, entry, marks);
  std::vector<std::int64_t> members;
  for (const auto& r : c.query("SELECT worker_id FROM entry_members WHERE entry_id = ? ORDER BY worker_id", {entry_id})) members.push_back(r.i64(0));
  size_t index = 0;
  for (const auto& comp : event.components)
    for (const auto& a : comp.aspects) {
      const auto& score = result.aspects.at(index++);
      // Theory marks are exam scores whose items are evidence of their own; time and deductions are
      // measured against the field or are penalties, not a share of a task's marks.
      if (comp.kind == core::ComponentKind::theory) continue;
      if (a.kind != core::AspectKind::measurement && a.kind != core::AspectKind::judgement) continue;
      if (!score.complete || score.flagged || a.max_mark <= 0 || !latest_at.count(a.id)) continue;
      for (auto worker : members)
        out.push_back({worker, event.summary.work_type_id, a.dimension_id, "aspect:" + std::to_string(a.id),
                       std::clamp(score.score / a.max_mark, 0.0, 1.0), kJudgedAspectWeight, 0.0, latest_at[a.id],
                       event.competition_name + " · " + event.summary.name + " · " + a.name, "event:" + std::to_string(event.summary.id)});
    }
  return out;
}

void refresh_entry_evidence(store::Connection& c, const Context& ctx, const EventView& event, std::int64_t entry_id) {
  replace_evidence(c, ctx, "aspect", scope_of(entry_id), derive_entry_evidence(c, event, entry_id));
}

void refresh_event_evidence(store::Connection& c, const Context& ctx, std::int64_t event_id) {
  const auto event = load_event(c, event_id);
  for (const auto& r : c.query("SELECT id FROM entries WHERE event_id = ? ORDER BY id", {event_id})) refresh_entry_evidence(c, ctx, event, r.i64(0));
}

std::vector<DerivedEvidence> derive_all_contest_evidence(store::Connection& c) {
  std::vector<DerivedEvidence> out;
  for (const auto& ev : c.query("SELECT DISTINCT event_id FROM marks ORDER BY event_id")) {
    const auto event = load_event(c, ev.i64(0));
    for (const auto& r : c.query("SELECT id FROM entries WHERE event_id = ? ORDER BY id", {ev.i64(0)}))
      out.push_back({scope_of(r.i64(0)), derive_entry_evidence(c, event, r.i64(0))});
  }
  return out;
}

}  // namespace skb::service
