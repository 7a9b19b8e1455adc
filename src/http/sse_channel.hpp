#pragma once
// One viewer's server-sent-event connection as the live-board hub sees it: a queue of framed events,
// capped so a slow viewer never holds the others back (over the cap the hub sends it a resync and a
// fresh snapshot instead of everything it missed). The server's session drains it on its I/O thread.
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "service/boards/hub.hpp"

namespace skb::http {

class SseChannel : public service::BoardSink {
 public:
  explicit SseChannel(std::size_t cap_bytes = 512 * 1024) : cap_bytes_(cap_bytes) {}
  Result push(std::shared_ptr<const std::string> framed) override;
  void replace(std::shared_ptr<const std::string> framed) override;

  // Session side. `wake` is called (from any thread) whenever something is queued.
  void attach(std::function<void()> wake);
  std::vector<std::shared_ptr<const std::string>> take();
  bool has_pending();
  void close();  // the connection ended: later pushes answer `gone`

  std::function<void()> on_close;  // unsubscribes from the hub

 private:
  std::mutex mutex_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  std::size_t cap_bytes_;
  bool closed_ = false;
  std::function<void()> wake_;
};

}  // namespace skb::http
