#pragma once
// Portraits that no new evidence touches still age: older evidence counts less as time passes (the
// recency half-life) and the peers' mean moves. These refresh the portraits refreshed longest ago, in small
// write transactions so judges' marks never wait long behind them: on demand (`skillbrain
// refresh-portraits`) and from `serve` in the background, a batch every few minutes.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/platform/context.hpp"

namespace skb::service {

// Refreshes up to `limit` portraits (worker × work type) last refreshed more than `older_than` ago, oldest
// first, `batch` per transaction. Answers how many were refreshed.
int refresh_stale_portraits(const Context& ctx, std::chrono::hours older_than, int limit, int batch = 100);

class PortraitRefresher {
 public:
  explicit PortraitRefresher(const Context& ctx, std::chrono::seconds every = std::chrono::minutes(5), int per_round = 500)
      : ctx_(ctx), every_(every), per_round_(per_round) {}
  ~PortraitRefresher() { stop(); }
  void start();
  void stop();

 private:
  const Context& ctx_;
  std::chrono::seconds every_;
  int per_round_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace skb::service
