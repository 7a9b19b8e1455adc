#pragma once
// 信息留痕: the audit log is a hash chain. Each entry's hash covers the previous entry's hash and the
// entry's canonical text, so editing, inserting or deleting any entry breaks every later link.
// The hash function is passed in (SHA-256 in production) so the domain stays free of crypto libraries.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace skb::core {

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;          // RFC 3339 UTC
  std::string actor;       // username or "system"
  std::string action;      // "worker.create"
  std::string entity;      // "worker"
  std::string entity_id;
  std::string detail;      // JSON text
  std::string prev_hash;   // hex
  std::string hash;        // hex
};

using HashFn = std::function<std::string(const std::string&)>;

// The exact bytes that are hashed: fields joined by newlines, each length-prefixed so no field can
// borrow bytes from its neighbour.
std::string canonical_text(const AuditEntry& entry);
std::string chain_hash(const AuditEntry& entry, const HashFn& hash);

// Verifies a run of entries in sequence order, starting after `start_prev_hash`.
// Returns the seq of the first entry whose link or hash is wrong, or nullopt when all hold.
std::optional<std::int64_t> first_broken(const std::vector<AuditEntry>& entries, const std::string& start_prev_hash,
                                         const HashFn& hash);

inline const std::string kGenesisHash(64, '0');

}  // namespace skb::core
