#pragma once
// 智能裁判设备: scoring devices and simulators submit measurement marks for their venue. Each request is
// signed: X-Device-Key (the key id), X-Timestamp (Unix seconds) and X-Signature = hex HMAC-SHA256 of
// "<timestamp>\n<body>" under the device secret. Requests outside ±5 minutes, or whose signature was
// already accepted, are refused; marks are idempotent by client_id like a judge's.
#include <optional>
#include <string>
#include <vector>

#include "service/contest/judging.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct DeviceView {
  std::int64_t id = 0;
  std::int64_t competition_id = 0;
  std::int64_t venue_id = 0;
  std::string name;
  std::string key_id;
  std::string secret;  // only when just created
  bool revoked = false;
};

struct SignedRequest {
  std::string key_id;
  std::string timestamp;
  std::string signature;
  std::string body;
};

class DeviceService {
 public:
  explicit DeviceService(const Context& ctx) : ctx_(ctx) {}
  DeviceView create(const Actor& actor, std::int64_t competition_id, std::int64_t venue_id, const std::string& name);
  std::vector<DeviceView> list(const Actor& actor, std::int64_t competition_id) const;
  void revoke(const Actor& actor, std::int64_t device_id);
  // Verifies the signature, window and replay, then records the marks (measurement aspects of entries
  // at the device's venue only) in one transaction.
  // `parse` reads the marks from the body once the signature holds (so nothing unsigned is even parsed).
  std::vector<MarkReceipt> submit(const SignedRequest& request, const std::function<std::vector<MarkInput>()>& parse);

 private:
  const Context& ctx_;
};

}  // namespace skb::service
