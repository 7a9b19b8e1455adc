#include "service/talent/portrait_refresh.hpp"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "service/talent/portraits.hpp"

namespace skb::service {

int refresh_stale_portraits(const Context& ctx, std::chrono::hours older_than, int limit, int batch) {
  const auto cutoff = format_rfc3339(ctx.clock() - older_than);
  int done = 0;
  while (done < limit) {
    std::vector<std::pair<std::int64_t, std::int64_t>> stale;  // (worker, work type)
    ctx.db.read([&](store::Connection& c) {
      for (const auto& r : c.query("SELECT worker_id, work_type_id FROM portrait_scores WHERE dimension_id = 0 AND refreshed_at < ? "
                                   "ORDER BY refreshed_at LIMIT ?",
                                   {cutoff, static_cast<std::int64_t>(std::min(batch, limit - done))}))
        stale.emplace_back(r.i64(0), r.i64(1));
    });
    if (stale.empty()) break;
    ctx.db.write([&](store::Connection& c) {
      for (const auto& [worker, work_type] : stale) refresh_portrait(c, ctx, worker, work_type);
    });
    done += static_cast<int>(stale.size());
  }
  return done;
}

void PortraitRefresher::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, every_, [this] { return stopping_; })) {
      lock.unlock();
      try {
        // A week without new evidence moves a portrait by little; a day's worth of rounds catches up a city.
        if (const int n = refresh_stale_portraits(ctx_, std::chrono::hours(24 * 7), per_round_); n > 0)
          spdlog::info("portraits: refreshed {} that had aged a week", n);
      } catch (const std::exception& e) {
        spdlog::error("portrait refresh: {}", e.what());
      }
      lock.lock();
    }
  });
}

void PortraitRefresher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace skb::service
