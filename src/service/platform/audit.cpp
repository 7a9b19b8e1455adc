#include "service/platform/audit.hpp"

#include <boost/json.hpp>

#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {
const core::HashFn kSha256 = [](const std::string& s) { return sha256_hex(s); };

core::AuditEntry entry_from(const store::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.str(8)};
}
constexpr const char* kColumns = "seq, at, actor, action, entity, entity_id, detail, prev_hash, hash";
}  // namespace

void append_audit(store::Connection& conn, const Context& ctx, const AuditRecord& record) {
  core::AuditEntry e;
  if (auto last = conn.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
    e.seq = last->i64(0) + 1;
    e.prev_hash = last->str(1);
  } else {
    e.seq = 1;
    e.prev_hash = core::kGenesisHash;
  }
  e.at = ctx.now_rfc3339();
  e.actor = record.actor;
  e.action = record.action;
  e.entity = record.entity;
  e.entity_id = record.entity_id;
  e.detail = record.detail.empty() ? "{}" : record.detail;
  e.hash = core::chain_hash(e, kSha256);
  conn.execute("INSERT INTO audit_log(seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.detail, e.prev_hash, e.hash});
}

AuditCheck verify_audit(const Context& ctx) {
  AuditCheck check;
  ctx.db.read([&](store::Connection& conn) {
    // Walk in batches so a long log never sits in memory whole.
    std::string prev = core::kGenesisHash;
    std::int64_t after = 0;
    for (;;) {
      auto rows = conn.query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000",
                             {after});
      if (rows.empty()) break;
      std::vector<core::AuditEntry> batch;
      for (const auto& r : rows) batch.push_back(entry_from(r));
      if (after == 0 && batch.front().seq != 1) {
        check.ok = false;
        check.first_bad_seq = 1;
        return;
      }
      if (auto bad = core::first_broken(batch, prev, kSha256)) {
        check.ok = false;
        check.first_bad_seq = bad;
        return;
      }
      check.entries += static_cast<std::int64_t>(batch.size());
      prev = batch.back().hash;
      after = batch.back().seq;
    }
  });
  return check;
}

AuditPage list_audit(const Context& ctx, int limit, std::optional<std::int64_t> before_seq) {
  AuditPage page;
  ctx.db.read([&](store::Connection& conn) {
    page.total = conn.query_one("SELECT COUNT(*) FROM audit_log")->i64(0);
    auto rows = conn.query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?",
                           {before_seq.value_or(INT64_MAX), std::int64_t{limit} + 1});
    for (const auto& r : rows) page.items.push_back(entry_from(r));
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      page.next_before_seq = page.items.back().seq;
    }
  });
  return page;
}

}  // namespace skb::service
