#pragma once
// The live state of one event's boards: scheme, entrants, every entrant's marks as the log stands,
// their results, and order-statistic boards (core::Board) overall and per venue. While the event is
// frozen (封榜) a second, public set of boards holds each entrant's result at the freeze, or the live
// one once revealed. Built from the store (snapshot + log); afterwards fed mark by mark in log order.
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/boards/board.hpp"
#include "service/contest/entry_scoring.hpp"

namespace skb::service {

struct LoggedMark {
  std::int64_t seq = 0, event_id = 0, entry_id = 0, aspect_id = 0, judge_id = 0;
  double value = 0;
  std::string at;
};

struct TickerItem {
  std::int64_t seq = 0;
  std::string at;
  std::int64_t entry_id = 0;
  std::int64_t component_id = 0;
  double score = 0;
};

struct Freeze {
  std::int64_t seq = 0;
  std::string at;
  std::vector<std::int64_t> revealed;  // in reveal order
};

// One entrant as a board shows them.
struct BoardEntrant {
  EntryView entry;
  std::string org_path;
  EntryResult live;
  std::int64_t live_seq = 0;  // the newest mark on this entrant
  std::optional<EntryResult> frozen;  // the result at the freeze, while frozen and not revealed
  std::int64_t frozen_seq = 0;        // the newest mark on this entrant up to the freeze
};

class EventBoards {
 public:
  // Reads everything from the store in one read transaction. Uses the event's snapshot when one
  // exists (and predates no freeze), then the log after it.
  // Entrants' public row ids (EntryView::board_row_id) come from `sealer`.
  static std::unique_ptr<EventBoards> load(store::Connection& conn, std::int64_t event_id, const Sealer& sealer);
  // The entry behind a public row id, if it is on this event's boards.
  std::optional<std::int64_t> entry_of_row(const std::string& row_id) const;

  // Applies one mark of the log (seq increasing); false when it changed nothing (a replay).
  bool apply(const LoggedMark& mark);

  const EventView& event() const { return event_; }
  const std::string& competition_status() const { return competition_status_; }
  const std::map<std::int64_t, std::string>& venues() const { return venues_; }  // id → name
  const std::map<std::int64_t, BoardEntrant>& entrants() const { return entrants_; }
  const std::set<std::int64_t>& judges() const { return judges_; }  // users assigned to the event
  std::int64_t seq() const { return seq_; }
  const std::optional<Freeze>& freeze() const { return freeze_; }
  const std::deque<TickerItem>& ticker() const { return ticker_; }

  // The board to read: overall (no venue) or one venue's; public = what spectators may see.
  const core::Board& board(std::optional<std::int64_t> venue, bool public_view) const;
  // The result a view shows for an entrant; public while frozen shows the frozen one until revealed.
  const EntryResult& result(const BoardEntrant& e, bool public_view) const;
  bool pending(const BoardEntrant& e, bool public_view) const;  // results after the freeze not shown
  std::int64_t row_seq(const BoardEntrant& e, bool public_view) const;

  // Entrants changed since the last call (marks applied, loaded).
  std::set<std::int64_t> take_dirty();

  // The latest mark per entrant, aspect and judge, for a snapshot (JSON text) and the seq it reflects.
  std::string marks_snapshot() const;

 private:
  void rescore(BoardEntrant& e);
  // Every entrant again, when timed tasks score against the field: one time can move everyone's marks.
  void rescore_field();
  void place(const BoardEntrant& e);
  core::BoardKey key_of(const EntryResult& r) const;

  EventView event_;
  std::string competition_status_;
  std::map<std::int64_t, std::string> venues_;
  std::map<std::int64_t, BoardEntrant> entrants_;
  std::map<std::string, std::int64_t> entry_of_row_;  // public row id → entry id
  std::map<std::int64_t, EntryMarks> marks_;
  std::set<std::int64_t> judges_;
  TimeAllowances allowances_;
  bool field_scored_ = false;  // some timed task is scored relative to the fastest
  bool loading_ = false;       // replaying the log: the field is rescored once at the end
  std::int64_t seq_ = 0;
  std::optional<Freeze> freeze_;
  std::deque<TickerItem> ticker_;
  std::set<std::int64_t> dirty_;
  core::Board live_all_;
  std::map<std::int64_t, core::Board> live_venue_;
  core::Board public_all_;
  std::map<std::int64_t, core::Board> public_venue_;
  static const core::Board kEmpty;
};

inline constexpr std::size_t kTickerLength = 20;

}  // namespace skb::service
