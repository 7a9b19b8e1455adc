#include "service/boards/state.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>

namespace skb::service {

const core::Board EventBoards::kEmpty;

std::optional<std::int64_t> EventBoards::entry_of_row(const std::string& row_id) const {
  auto it = entry_of_row_.find(row_id);
  return it == entry_of_row_.end() ? std::nullopt : std::optional(it->second);
}

std::unique_ptr<EventBoards> EventBoards::load(store::Connection& c, std::int64_t event_id, const Sealer& sealer) {
  auto b = std::make_unique<EventBoards>();
  b->event_ = load_event(c, event_id);
  b->allowances_ = load_time_allowances(c, event_id);
  b->field_scored_ = scored_against_field(b->event_);
  b->loading_ = true;
  b->competition_status_ = std::string(core::to_code(b->event_.competition_status));
  for (const auto& r : c.query("SELECT v.id, v.name FROM venues v JOIN event_venues ev ON ev.venue_id = v.id WHERE ev.event_id = ? ORDER BY v.id",
                               {event_id}))
    b->venues_[r.i64(0)] = r.str(1);
  for (const auto& r : c.query("SELECT DISTINCT user_id FROM judge_assignments WHERE event_id = ?", {event_id})) b->judges_.insert(r.i64(0));
  std::map<std::int64_t, std::string> org_path;
  for (const auto& r : c.query("SELECT e.id, o.path FROM entries e JOIN orgs o ON o.id = e.org_id WHERE e.event_id = ?", {event_id}))
    org_path[r.i64(0)] = r.str(1);
  for (auto& entry : load_entries(c, event_id)) {
    if (entry.status == "withdrawn") continue;
    if (entry.venue_id && !b->venues_.count(*entry.venue_id)) b->venues_[*entry.venue_id] = entry.venue_name;
    const auto id = entry.id;
    entry.board_row_id = board_row_id(sealer, id);
    b->entry_of_row_[entry.board_row_id] = id;
    b->entrants_[id] = BoardEntrant{std::move(entry), org_path[id], {}, 0, std::nullopt, 0};
  }
  if (auto f = c.query_one("SELECT frozen_seq, frozen_at FROM board_freezes WHERE event_id = ?", {event_id})) {
    b->freeze_ = Freeze{f->i64(0), f->str(1), {}};
    for (const auto& r : c.query("SELECT entry_id FROM board_reveals WHERE event_id = ? ORDER BY step", {event_id}))
      b->freeze_->revealed.push_back(r.i64(0));
  }
  // A snapshot saves replaying the log up to it; one taken after the freeze cannot say what was frozen.
  std::int64_t from_seq = 0;
  if (auto s = c.query_one("SELECT up_to_seq, marks FROM board_snapshots WHERE event_id = ?", {event_id});
      s && (!b->freeze_ || b->freeze_->seq >= s->i64(0))) {
    from_seq = s->i64(0);
    const auto parsed = boost::json::parse(s->str(1));
    for (const auto& m : parsed.as_array()) {
      const auto& a = m.as_array();
      const auto entry = a[0].to_number<std::int64_t>(), seq = a[4].to_number<std::int64_t>();
      apply_mark(b->marks_[entry], a[1].to_number<std::int64_t>(), a[2].to_number<std::int64_t>(), a[3].to_number<double>(), seq);
      if (auto e = b->entrants_.find(entry); e != b->entrants_.end()) e->second.live_seq = std::max(e->second.live_seq, seq);
    }
    b->seq_ = from_seq;
  }
  for (const auto& r : c.query("SELECT entry_id, aspect_id, MAX(up_to_seq) FROM flag_resolutions WHERE event_id = ? GROUP BY entry_id, aspect_id",
                               {event_id}))
    b->marks_[r.i64(0)][r.i64(1)].resolved_up_to = r.i64(2);
  for (auto& [id, e] : b->entrants_) b->rescore(e);

  bool captured = false;
  const auto capture = [&] {
    if (b->field_scored_) b->rescore_field();
    for (auto& [id, e] : b->entrants_) e.frozen = e.live, e.frozen_seq = e.live_seq;
    for (auto id : b->freeze_->revealed)
      if (auto e = b->entrants_.find(id); e != b->entrants_.end()) e->second.frozen.reset();
    captured = true;
  };
  if (b->freeze_ && b->freeze_->seq <= from_seq) capture();
  for (const auto& r : c.query("SELECT seq, entry_id, aspect_id, judge_user_id, value, recorded_at FROM marks WHERE event_id = ? AND seq > ? ORDER BY seq",
                               {event_id, from_seq})) {
    if (b->freeze_ && !captured && r.i64(0) > b->freeze_->seq) capture();
    b->apply({r.i64(0), event_id, r.i64(1), r.i64(2), r.i64(3), r.f64(4), r.str(5)});
  }
  if (b->freeze_ && !captured) capture();
  b->loading_ = false;
  if (b->field_scored_) b->rescore_field();
  for (const auto& [id, e] : b->entrants_) b->place(e), b->dirty_.insert(id);
  return b;
}

bool EventBoards::apply(const LoggedMark& m) {
  seq_ = std::max(seq_, m.seq);
  if (!apply_mark(marks_[m.entry_id], m.aspect_id, m.judge_id, m.value, m.seq)) return false;
  auto it = entrants_.find(m.entry_id);
  if (it == entrants_.end()) return false;  // withdrawn: kept in the marks, off the boards
  auto& e = it->second;
  const auto before = e.live.components;
  const bool whole_field = field_scored_ && !loading_;
  if (whole_field) rescore_field();
  else rescore(e);
  e.live_seq = m.seq;
  dirty_.insert(e.entry.id);
  // The ticker tells of tasks finished (or re-scored once finished), not of every single mark.
  for (size_t i = 0; i < e.live.components.size() && i < before.size(); ++i) {
    const auto& now = e.live.components[i];
    const auto& was = before[i];
    if (now.complete && (!was.complete || now.score != was.score)) {
      ticker_.push_front({m.seq, m.at, e.entry.id, now.component_id, now.score});
      if (ticker_.size() > kTickerLength) ticker_.pop_back();
    }
  }
  if (!whole_field) {
    place(e);
    return true;
  }
  for (const auto& [id, other] : entrants_) place(other), dirty_.insert(id);
  return true;
}

void EventBoards::rescore(BoardEntrant& e) {
  static const EntryMarks kNone;
  auto it = marks_.find(e.entry.id);
  e.live = score_entry(event_, e.entry, it == marks_.end() ? kNone : it->second);
  // Alone, an entrant's timed task gets its time less the venue's allowance (marks need the field).
  if (!field_scored_) apply_field_scores(event_, {&e.live}, allowances_);
}

void EventBoards::rescore_field() {
  std::vector<EntryResult*> field;
  for (auto& [id, e] : entrants_) {
    static const EntryMarks kNone;
    auto it = marks_.find(id);
    e.live = score_entry(event_, e.entry, it == marks_.end() ? kNone : it->second);
    field.push_back(&e.live);
  }
  apply_field_scores(event_, field, allowances_);
}

core::BoardKey EventBoards::key_of(const EntryResult& r) const { return core::competition_key(rank_input(r), event_.summary.tie_breaks); }

void EventBoards::place(const BoardEntrant& e) {
  const auto live = key_of(e.live);
  live_all_.upsert(e.entry.id, live);
  if (e.entry.venue_id) live_venue_[*e.entry.venue_id].upsert(e.entry.id, live);
  if (!freeze_) return;
  const auto shown = key_of(result(e, true));
  public_all_.upsert(e.entry.id, shown);
  if (e.entry.venue_id) public_venue_[*e.entry.venue_id].upsert(e.entry.id, shown);
}

const core::Board& EventBoards::board(std::optional<std::int64_t> venue, bool public_view) const {
  const bool frozen_view = public_view && freeze_;
  if (!venue) return frozen_view ? public_all_ : live_all_;
  const auto& boards = frozen_view ? public_venue_ : live_venue_;
  auto it = boards.find(*venue);
  return it == boards.end() ? kEmpty : it->second;
}

const EntryResult& EventBoards::result(const BoardEntrant& e, bool public_view) const {
  return public_view && freeze_ && e.frozen ? *e.frozen : e.live;
}

bool EventBoards::pending(const BoardEntrant& e, bool public_view) const {
  return public_view && freeze_ && e.frozen && e.live_seq > e.frozen_seq;
}

std::int64_t EventBoards::row_seq(const BoardEntrant& e, bool public_view) const {
  return public_view && freeze_ && e.frozen ? e.frozen_seq : e.live_seq;
}

std::set<std::int64_t> EventBoards::take_dirty() { return std::exchange(dirty_, {}); }

std::string EventBoards::marks_snapshot() const {
  boost::json::array out;
  for (const auto& [entry, aspects] : marks_)
    for (const auto& [aspect, log] : aspects)
      for (const auto& [judge, mark] : log.by_judge) out.push_back(boost::json::array{entry, aspect, judge, mark.first, mark.second});
  return skb::service::json_text(out);
}

}  // namespace skb::service
