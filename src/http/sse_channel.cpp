#include "http/sse_channel.hpp"

namespace skb::http {

service::BoardSink::Result SseChannel::push(std::shared_ptr<const std::string> framed) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return Result::gone;
    if (queued_bytes_ + framed->size() > cap_bytes_) return Result::overflow;
    queued_bytes_ += framed->size();
    queue_.push_back(std::move(framed));
    wake = wake_;
  }
  if (wake) wake();
  return Result::ok;
}

void SseChannel::replace(std::shared_ptr<const std::string> framed) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    queue_.clear();
    queued_bytes_ = framed->size();
    queue_.push_back(std::move(framed));
    wake = wake_;
  }
  if (wake) wake();
}

void SseChannel::attach(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

std::vector<std::shared_ptr<const std::string>> SseChannel::take() {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<const std::string>> out(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
  queue_.clear();
  queued_bytes_ = 0;
  return out;
}

bool SseChannel::has_pending() {
  std::lock_guard lock(mutex_);
  return !queue_.empty();
}

void SseChannel::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  queue_.clear();
  wake_ = nullptr;
}

}  // namespace skb::http
