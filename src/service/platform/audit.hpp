#pragma once
// Appends to and checks the hash-chained audit log. Appends happen inside the caller's write
// transaction, so an entry exists exactly when the change it records was committed.
#include <optional>
#include <string>
#include <vector>

#include "core/platform/audit_chain.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct AuditRecord {
  std::string actor;
  std::string action;     // "worker.create"
  std::string entity;     // "worker"
  std::string entity_id;
  std::string detail;     // JSON text, without personal data
};

void append_audit(store::Connection& conn, const Context& ctx, const AuditRecord& record);

struct AuditCheck {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_bad_seq;
};
AuditCheck verify_audit(const Context& ctx);

struct AuditPage {
  std::vector<core::AuditEntry> items;
  std::optional<std::int64_t> next_before_seq;
  std::int64_t total = 0;
};
// Newest first; `before_seq` continues a page.
AuditPage list_audit(const Context& ctx, int limit, std::optional<std::int64_t> before_seq);

}  // namespace skb::service
