#pragma once
// Submits exam sessions whose time is up even when no page asks again (a phone switched off at the
// deadline), so results and the grading queue do not wait for the candidate to come back.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/exams/sessions.hpp"

namespace skb::service {

class ExamSweeper {
 public:
  explicit ExamSweeper(ExamSessionService& sessions, std::chrono::seconds every = std::chrono::seconds(5)) : sessions_(sessions), every_(every) {}
  ~ExamSweeper() { stop(); }
  void start();
  void stop();

 private:
  ExamSessionService& sessions_;
  std::chrono::seconds every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace skb::service
