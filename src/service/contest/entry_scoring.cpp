#include "service/contest/entry_scoring.hpp"

#include "core/contest/scoring.hpp"

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
  std::optional<double> seconds;
  bool missing_time = false;
  for (const auto& c : r.components) {
    (c.kind == core::ComponentKind::practical ? practical : theory) += c.score;
    if (!c.timed) continue;
    if (c.seconds) seconds = seconds.value_or(0) + *c.seconds;
    else missing_time = true;
  }
  if (missing_time) seconds.reset();
  return {r.entry.id, r.total, practical, theory, seconds, r.disqualified};
}

TimeAllowances load_time_allowances(store::Connection& c, std::int64_t event_id) {
  TimeAllowances out;
  for (const auto& r : c.query("SELECT venue_id, component_id, seconds FROM time_allowances WHERE event_id = ?", {event_id}))
    out[r.i64(0)][r.i64(1)] = r.f64(2);
  return out;
}

bool scored_against_field(const EventView& event) {
  if (event.summary.standardise_venues) return true;
  for (const auto& comp : event.components)
    for (const auto& a : comp.aspects)
      if (a.kind == core::AspectKind::time && a.max_mark > 0) return true;
  return false;
}

void apply_field_scores(const EventView& event, const std::vector<EntryResult*>& field, const TimeAllowances& allowances) {
  size_t flat = 0;  // index of the component's first aspect in EntryResult::aspects
  bool rescored = false;
  for (size_t ci = 0; ci < event.components.size(); flat += event.components[ci].aspects.size(), ++ci) {
    const auto& comp = event.components[ci];
    for (size_t ai = 0; ai < comp.aspects.size(); ++ai) {
      const auto& aspect = comp.aspects[ai];
      if (aspect.kind != core::AspectKind::time) continue;
      std::vector<core::TimedResult> times;
      for (auto* r : field) {
        auto& cs = r->components.at(ci);
        cs.timed = true;
        cs.seconds.reset();
        if (const auto raw = r->aspects.at(flat + ai).seconds) {
          double allowance = 0;
          if (r->entry.venue_id)
            if (auto v = allowances.find(*r->entry.venue_id); v != allowances.end())
              if (auto a = v->second.find(comp.id); a != v->second.end()) allowance = a->second;
          cs.seconds = std::max(0.0, *raw - allowance);
        }
        times.push_back({cs.seconds, r->disqualified});
      }
      if (!(aspect.max_mark > 0) || !comp.time_limit_seconds) continue;
      const auto marks = core::time_scores(times, *comp.time_limit_seconds, aspect.max_mark);
      for (size_t k = 0; k < field.size(); ++k) {
        auto& r = *field[k];
        r.aspects[flat + ai].score = marks[k];
        const std::vector<core::AspectScore> slice(r.aspects.begin() + static_cast<std::ptrdiff_t>(flat),
                                                   r.aspects.begin() + static_cast<std::ptrdiff_t>(flat + comp.aspects.size()));
        auto cs = core::sum_component(comp.id, comp.max_mark, comp.weight, slice);
        cs.kind = comp.kind;
        cs.timed = true;
        cs.seconds = r.components[ci].seconds;
        r.components[ci] = cs;
      }
      rescored = true;
    }
  }
  if (event.summary.standardise_venues && field.size() > 1) {
    std::vector<core::VenueComponents> venues;
    for (auto* r : field) venues.push_back({r->entry.venue_id.value_or(0), r->disqualified, &r->components});
    core::standardise_by_venue(venues);
    rescored = true;
  }
  if (rescored)
    for (auto* r : field) r->total = core::round2(core::total_score(event.summary.total_mode, r->components));
}

}  // namespace skb::service
