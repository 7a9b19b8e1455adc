#include "service/entry_scoring.hpp"

#include "core/scoring.hpp"

namespace skb::service {

core::Aspect to_core(const AspectDef& a) { return {a.id, a.kind, a.max_mark, a.step, a.bands, a.disqualifies}; }

std::map<std::int64_t, EntryMarks> load_event_marks(store::Connection& c, std::int64_t event_id, std::int64_t& last_seq) {
  std::map<std::int64_t, EntryMarks> out;
  last_seq = 0;
  for (const auto& r : c.query("SELECT entry_id, aspect_id, judge_user_id, value, seq FROM marks WHERE event_id = ? ORDER BY seq", {event_id})) {
    apply_mark(out[r.i64(0)], r.i64(1), r.i64(2), r.f64(3), r.i64(4));
    last_seq = r.i64(4);
  }
  for (const auto& r : c.query("SELECT entry_id, aspect_id, MAX(up_to_seq) FROM flag_resolutions WHERE event_id = ? GROUP BY entry_id, aspect_id",
                               {event_id}))
    out[r.i64(0)][r.i64(1)].resolved_up_to = r.i64(2);
  return out;
}

bool apply_mark(EntryMarks& marks, std::int64_t aspect_id, std::int64_t judge_id, double value, std::int64_t seq) {
  auto& log = marks[aspect_id];
  auto [it, inserted] = log.by_judge.try_emplace(judge_id, value, seq);
  if (!inserted) {
    if (it->second.second >= seq) return false;
    it->second = {value, seq};
  }
  log.last_seq = std::max(log.last_seq, seq);
  return true;
}

EntryResult score_entry(const EventView& event, const EntryView& entry, const EntryMarks& marks) {
  EntryResult r;
  r.entry = entry;
  r.complete = true;
  for (const auto& comp : event.components) {
    std::vector<core::AspectScore> scores;
    for (const auto& a : comp.aspects) {
      core::AspectMarks am{a.id, {}};
      const AspectLog* log = nullptr;
      if (auto it = marks.find(a.id); it != marks.end()) {
        log = &it->second;
        for (const auto& [judge, mark] : log->by_judge) am.values.push_back(mark.first);
      }
      auto score = core::score_aspect(to_core(a), am, a.kind == core::AspectKind::judgement ? event.summary.min_judges : 1);
      // A flag the chief judge resolved stays resolved until a newer mark arrives for that aspect.
      if (score.flagged && log && log->resolved_up_to >= log->last_seq) score.flagged = false;
      scores.push_back(score);
    }
    auto cs = core::sum_component(comp.id, comp.max_mark, comp.weight, scores);
    cs.kind = comp.kind;
    r.complete = r.complete && cs.complete;
    r.flagged = r.flagged || cs.flagged;
    r.disqualified = r.disqualified || cs.disqualified;
    r.components.push_back(cs);
    r.aspects.insert(r.aspects.end(), scores.begin(), scores.end());
  }
  r.total = core::round2(core::total_score(event.summary.total_mode, r.components));
  return r;
}

core::RankInput rank_input(const EntryResult& r) {
  double practical = 0, theory = 0;
  for (const auto& c : r.components) (c.kind == core::ComponentKind::practical ? practical : theory) += c.score;
  return {r.entry.id, r.total, practical, theory, std::nullopt, r.disqualified};
}

}  // namespace skb::service
