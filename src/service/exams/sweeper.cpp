#include "service/exams/sweeper.hpp"

#include <spdlog/spdlog.h>

namespace skb::service {

void ExamSweeper::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, every_, [this] { return stopping_; })) {
      lock.unlock();
      try {
        if (const int n = sessions_.submit_expired(); n > 0) spdlog::info("exam sweeper: submitted {} session(s) at their deadline", n);
      } catch (const std::exception& e) {
        spdlog::error("exam sweeper: {}", e.what());
      }
      lock.lock();
    }
  });
}

void ExamSweeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace skb::service
