#include "core/platform/audit_chain.hpp"

namespace skb::core {

std::string canonical_text(const AuditEntry& e) {
  std::string out;
  auto add = [&out](const std::string& field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += '\n';
  };
  add(std::to_string(e.seq));
  add(e.at);
  add(e.actor);
  add(e.action);
  add(e.entity);
  add(e.entity_id);
  add(e.detail);
  return out;
}

std::string chain_hash(const AuditEntry& entry, const HashFn& hash) {
  return hash(entry.prev_hash + "\n" + canonical_text(entry));
}

std::optional<std::int64_t> first_broken(const std::vector<AuditEntry>& entries, const std::string& start_prev_hash,
                                         const HashFn& hash) {
  std::string prev = start_prev_hash;
  std::int64_t expected_seq = entries.empty() ? 0 : entries.front().seq;
  for (const auto& e : entries) {
    if (e.seq != expected_seq || e.prev_hash != prev || chain_hash(e, hash) != e.hash) return e.seq;
    prev = e.hash;
    ++expected_seq;
  }
  return std::nullopt;
}

}  // namespace skb::core
