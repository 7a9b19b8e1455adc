#pragma once
// The realtime hub (DESIGN.md, "Data flow of a mark"): keeps every event's live boards, fed by tailing
// the mark log in seq order after each commit (never by the order requests finish), and pushes
// coalesced changes — at most one per publish interval per board — to every subscribed screen.
// Viewers resume from their last event id; a viewer too slow to keep up is told to resync.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>

#include "service/boards/json.hpp"
#include "service/boards/state.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

// Where a stream's framed events go (the HTTP layer's connection). Called with the hub's lock held:
// must not block and must not call back into the hub.
class BoardSink {
 public:
  enum class Result { ok, gone, overflow };
  virtual ~BoardSink() = default;
  virtual Result push(std::shared_ptr<const std::string> framed) = 0;
  // Drops whatever is queued and sends this instead (a resync and a fresh snapshot).
  virtual void replace(std::shared_ptr<const std::string> framed) = 0;
};

struct BoardRequest {
  const Actor* actor = nullptr;  // nullptr: a spectator without a session
  std::string board_id;          // "e12" or "e12-v3"
  std::optional<std::int64_t> org_id;  // only entrants inside this organisation's subtree
  bool want_public = false;            // a judge or organiser asking for the spectators' view
};

class BoardHub {
 public:
  struct Options {
    std::chrono::milliseconds publish_interval{90};  // ≈ 10 pushes per second per board at most
    std::chrono::minutes history{20};                // how far back Last-Event-ID can resume
    std::int64_t snapshot_every = 5000;              // marks applied to an event before a new snapshot
  };
  BoardHub(const Context& ctx, Options options);
  explicit BoardHub(const Context& ctx) : BoardHub(ctx, Options{}) {}
  ~BoardHub();
  BoardHub(const BoardHub&) = delete;
  BoardHub& operator=(const BoardHub&) = delete;

  // Rebuilds the boards of competitions under way from the store, then follows the log.
  void start();
  void stop();

  std::string list_json(const Actor* actor, std::optional<std::int64_t> competition_id);
  std::string snapshot_json(const BoardRequest& request);
  // A page of rows in display order, and one entrant's row: O(log n) on the board, for big boards
  // and for clients that only need a rank.
  std::string page_json(const BoardRequest& request, std::size_t offset, std::size_t limit);
  // One row by its public row id (EntryView::board_row_id); boards never take or show entry ids.
  std::string entrant_json(const BoardRequest& request, const std::string& row_id);
  struct Stream {
    std::string first;  // framed events to send before any push (a snapshot or the changes missed)
    std::uint64_t id = 0;
  };
  Stream subscribe(const BoardRequest& request, const std::string& last_event_id, std::shared_ptr<BoardSink> sink);
  void unsubscribe(std::uint64_t id);
  std::size_t subscribers() const;

  // 封榜 and the ceremony's reveal (organisers and chief judges of the event); answers as JSON.
  std::string freeze(const Actor& actor, const std::string& board_id);
  std::string reveal(const Actor& actor, const std::string& board_id);
  std::string unfreeze(const Actor& actor, const std::string& board_id);

  // Writes a snapshot of every loaded event now (also done as marks accumulate); returns how many.
  int write_snapshots();
  // Waits until every mark committed so far is applied and published (tests, benchmarks).
  void sync();

 private:
  struct History {
    std::uint64_t push = 0;
    std::chrono::steady_clock::time_point at;
    std::vector<std::int64_t> rows;
    std::int64_t ticker_before = 0, ticker_seq = 0;  // newest ticker item sent before and with this push
  };
  struct ViewState {
    std::uint64_t push = 0;
    std::unordered_map<std::int64_t, Placed> placed;  // as last published
    boost::json::value venues, frozen;                // as last published
    std::int64_t ticker_seq = 0;
    std::deque<History> history;
  };
  struct Subscriber {
    BoardView view;
    std::string org_path;  // "" = everyone
    std::shared_ptr<BoardSink> sink;
  };
  struct Resolved {
    BoardView view;
    std::string org_path;
  };

  void run();
  void tail();
  void reload(const std::set<std::int64_t>& event_ids);
  void load_competitions(const std::set<std::int64_t>& competition_ids);
  void publish_due(std::chrono::steady_clock::time_point now, std::chrono::steady_clock::time_point& next);
  void publish(std::int64_t event_id);
  void maintain();
  EventBoards& loaded(std::int64_t event_id, std::unique_lock<std::mutex>& lock);
  Resolved resolve(const BoardRequest& request, std::unique_lock<std::mutex>& lock);
  std::vector<BoardView> views_of(const EventBoards& b) const;
  std::string snapshot_text(const EventBoards& b, const BoardView& v, const std::string& org_path) const;
  std::string stream_id(std::uint64_t push) const;
  std::string changes_text(const EventBoards& b, const BoardView& v, const ViewState& s, const std::vector<std::int64_t>& rows,
                           std::int64_t ticker_after, const std::string& org_path) const;
  std::string org_path_of(std::optional<std::int64_t> org_id) const;
  int snapshot_events(std::int64_t min_new_marks);  // events with at least this many marks since their last
  void write_snapshot(std::int64_t event_id, const std::string& marks, std::int64_t seq);

  const Context& ctx_;
  Options options_;
  std::string epoch_;  // distinguishes this run's stream ids from an earlier run's

  mutable std::mutex mutex_;  // boards, views, subscribers
  std::map<std::int64_t, std::unique_ptr<EventBoards>> events_;
  std::map<BoardView, ViewState> views_;
  std::map<BoardView, std::map<std::uint64_t, Subscriber>> subscribers_;
  std::map<std::uint64_t, BoardView> subscriber_view_;
  std::uint64_t next_subscriber_ = 1;
  std::set<std::int64_t> dirty_events_;
  std::map<std::int64_t, std::chrono::steady_clock::time_point> last_publish_;
  std::map<std::int64_t, std::int64_t> snapshot_seq_;
  std::int64_t applied_seq_ = 0;  // the mark log has been applied up to here

  std::mutex wake_mutex_;  // hints from the change feed
  std::condition_variable wake_;
  bool stopping_ = false;
  bool marks_pending_ = false;
  std::set<std::int64_t> events_pending_, competitions_pending_;
  std::uint64_t sync_requested_ = 0, sync_done_ = 0;
  std::condition_variable synced_;

  int listen_token_ = 0;
  std::thread thread_;
};

}  // namespace skb::service
