#pragma once
// Tells derived state (the live boards) that committed data changed: new marks in the log, or an
// event's entries, scheme, flags, lock or status. Called after the transaction commits, never inside.
// Only a hint to look again: listeners read what changed from the store, in log order.
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace skb::service {

struct Change {
  enum class Kind { marks, event, competition } kind = Kind::marks;
  std::int64_t id = 0;  // the event or competition; 0 for marks
};

class ChangeFeed {
 public:
  using Listener = std::function<void(const Change&)>;
  void marks_committed() { publish({Change::Kind::marks, 0}); }
  void event_changed(std::int64_t event_id) { publish({Change::Kind::event, event_id}); }
  void competition_changed(std::int64_t competition_id) { publish({Change::Kind::competition, competition_id}); }
  // Returns a token for unlisten.
  int listen(Listener listener);
  void unlisten(int token);

 private:
  void publish(const Change& change);
  std::mutex mutex_;
  std::vector<std::pair<int, Listener>> listeners_;
  int next_token_ = 1;
};

}  // namespace skb::service
