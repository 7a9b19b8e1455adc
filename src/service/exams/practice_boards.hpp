#pragma once
// 练兵排行榜: practice leaderboards per work type, period (day, week, all time) and organisation
// subtree, each a core::Board built from the attempts on first use and kept current after every
// submitted attempt. Points: right answers in the period; fewer seconds first among equal points.
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "core/boards/board.hpp"
#include "store/database.hpp"

namespace skb::service {

struct PracticeBoardKey {
  std::int64_t work_type_id = 0;
  std::string since_day;  // first day counted (China time, YYYY-MM-DD); "" for all time
  std::string org_path;   // subtree; "" for everyone
  friend auto operator<=>(const PracticeBoardKey&, const PracticeBoardKey&) = default;
};

// The first day of a period containing `today`: day → today, week → its Monday, all → "".
std::string period_start(const std::string& period, const std::string& today);

class PracticeBoards {
 public:
  // Runs `read` with the board for `key`, built from the store when first asked for.
  template <typename F>
  auto with_board(store::Connection& c, const PracticeBoardKey& key, F&& read) {
    std::lock_guard lock(mutex_);
    return read(board(c, key));
  }
  // After a worker's attempt is committed: refresh their entry on every board built so far that counts it.
  void attempt_committed(store::Connection& c, std::int64_t worker_id, std::int64_t work_type_id, const std::string& worker_org_path,
                         const std::string& day);

 private:
  core::Board& board(store::Connection& c, const PracticeBoardKey& key);
  std::mutex mutex_;
  std::map<PracticeBoardKey, core::Board> boards_;
};

// Seconds are packed into the key as well as the points, so both can be read back from a board row.
std::pair<int, int> points_and_seconds(const core::BoardKey& key);

}  // namespace skb::service
