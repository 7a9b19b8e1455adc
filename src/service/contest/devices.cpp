#include "service/contest/devices.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/contest/competitions.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {

constexpr std::int64_t kWindowSeconds = 300;

core::Error bad_signature(const std::string& message) {
  return core::Error(core::ErrorKind::unauthenticated, "bad_signature", message);
}

std::string competition_path(store::Connection& c, std::int64_t competition_id) {
  auto r = c.query_one("SELECT org_path FROM competitions WHERE id = ?", {competition_id});
  if (!r) throw core::not_found("competition " + std::to_string(competition_id));
  return r->str(0);
}

}  // namespace

DeviceView DeviceService::create(const Actor& actor, std::int64_t competition_id, std::int64_t venue_id, const std::string& raw_name) {
  const std::string name(core::trim(raw_name));
  if (name.empty() || core::utf8_length(name) > 100) throw core::invalid("name", "设备名称必填且不超过100字 (name: 1–100 characters)");
  DeviceView v;
  ctx_.db.write([&](store::Connection& c) {
    require(actor, core::Permission::manage_competitions, competition_path(c, competition_id));
    if (!c.query_one("SELECT 1 FROM venues WHERE id = ? AND competition_id = ?", {venue_id, competition_id}))
      throw core::invalid("venue_id", "赛区不属于该竞赛 (the venue is not this competition's)");
    v.key_id = "dev_" + random_hex(8);
    v.secret = random_hex(32);
    // The device's own account: it appears in the mark log, and it can never sign in (disabled, random password).
    const auto user_id = c.insert_returning_id(
        "INSERT INTO users(username, display_name, password_hash, disabled, created_at) VALUES (?, ?, ?, 1, ?) RETURNING id",
        {"device:" + v.key_id, "设备：" + name, std::string("!device"), ctx_.now_rfc3339()});
    v.id = c.insert_returning_id(
        "INSERT INTO devices(competition_id, venue_id, name, key_id, secret_sealed, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {competition_id, venue_id, name, v.key_id, ctx_.sealer.seal(v.secret), user_id, ctx_.now_rfc3339()});
    v.competition_id = competition_id;
    v.venue_id = venue_id;
    v.name = name;
    append_audit(c, ctx_, {actor.username, "device.create", "device", std::to_string(v.id),
                           skb::service::json_text(boost::json::object{{"competition_id", competition_id}, {"venue_id", venue_id},
                                                                      {"name", name}, {"key_id", v.key_id}})});
  });
  return v;
}

std::vector<DeviceView> DeviceService::list(const Actor& actor, std::int64_t competition_id) const {
  std::vector<DeviceView> out;
  ctx_.db.read([&](store::Connection& c) {
    require(actor, core::Permission::manage_competitions, competition_path(c, competition_id));
    for (const auto& r : c.query("SELECT id, competition_id, venue_id, name, key_id, revoked FROM devices WHERE competition_id = ? ORDER BY id",
                                 {competition_id}))
      out.push_back({r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), "", r.i64(5) != 0});
  });
  return out;
}

void DeviceService::revoke(const Actor& actor, std::int64_t device_id) {
  ctx_.db.write([&](store::Connection& c) {
    auto r = c.query_one("SELECT competition_id FROM devices WHERE id = ?", {device_id});
    if (!r) throw core::not_found("device " + std::to_string(device_id));
    require(actor, core::Permission::manage_competitions, competition_path(c, r->i64(0)));
    c.execute("UPDATE devices SET revoked = 1 WHERE id = ?", {device_id});
    append_audit(c, ctx_, {actor.username, "device.revoke", "device", std::to_string(device_id), ""});
  });
}

std::vector<MarkReceipt> DeviceService::submit(const SignedRequest& req, const std::function<std::vector<MarkInput>()>& parse) {
  std::int64_t timestamp = 0;
  auto [end, ec] = std::from_chars(req.timestamp.data(), req.timestamp.data() + req.timestamp.size(), timestamp);
  if (req.key_id.empty() || req.signature.size() != 64 || ec != std::errc() || end != req.timestamp.data() + req.timestamp.size())
    throw bad_signature("缺少或错误的设备签名头 (X-Device-Key, X-Timestamp and X-Signature are required)");
  const auto now = ctx_.now_seconds();
  if (timestamp < now - kWindowSeconds || timestamp > now + kWindowSeconds)
    throw bad_signature("请求时间超出5分钟窗口，请校准设备时钟 (timestamp outside the 5-minute window)");
  std::vector<MarkReceipt> receipts;
  ctx_.db.write([&](store::Connection& c) {
    auto device = c.query_one("SELECT id, venue_id, secret_sealed, user_id, name, revoked FROM devices WHERE key_id = ?", {req.key_id});
    if (!device || device->i64(5) != 0) throw bad_signature("未知或已停用的设备 (unknown or revoked device)");
    const auto expected = hmac_sha256_hex(ctx_.sealer.open(device->str(2)), req.timestamp + "\n" + req.body);
    if (!equal_secret(expected, req.signature)) throw bad_signature("签名不正确 (signature does not match)");
    c.execute("DELETE FROM device_signatures WHERE seen_at < ?", {now - 2 * kWindowSeconds});
    if (c.execute("INSERT INTO device_signatures(signature, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING", {req.signature, now}) == 0)
      throw core::Error(core::ErrorKind::conflict, "replayed", "该请求已处理过（重放） (this signed request was already accepted)");
    const auto venue = device->i64(1);
    Marker marker{device->i64(3), "device:" + req.key_id, "device", [venue](const MarkTarget& t, const AspectDef& a, std::int64_t) {
                    // Devices measure; judgement stays with the judges. And only at their own venue.
                    return t.venue_id == venue && a.kind == core::AspectKind::measurement;
                  }};
    receipts = record_marks(c, ctx_, marker, parse());
  });
  ctx_.changes->marks_committed();
  return receipts;
}

}  // namespace skb::service
