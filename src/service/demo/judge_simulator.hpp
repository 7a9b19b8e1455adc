#pragma once
// Judges at work, simulated, so the demo's big screens move: marks what is still unmarked in running
// competitions, as the judges assigned to it (through the same rules and mark log as real judges),
// a few marks a second, until everything is marked or it is stopped. Opt-in: `serve --simulate-judges`.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/services.hpp"

namespace skb::service {

class JudgeSimulator {
 public:
  JudgeSimulator(Services& services, double marks_per_second) : services_(services), per_second_(marks_per_second) {}
  ~JudgeSimulator() { stop(); }
  void start();
  void stop();

 private:
  void run();
  Services& services_;
  double per_second_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace skb::service
