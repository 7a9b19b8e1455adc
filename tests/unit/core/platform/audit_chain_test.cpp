#include "core/platform/audit_chain.hpp"

#include <gtest/gtest.h>

#include <functional>

using namespace skb::core;

namespace {
// Any deterministic function shows the chain logic; production uses SHA-256.
const HashFn kHash = [](const std::string& s) { return std::to_string(std::hash<std::string>{}(s)); };

std::vector<AuditEntry> chain(int n) {
  std::vector<AuditEntry> out;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e{i, "2026-11-24T00:00:00Z", "admin", "worker.create", "worker", std::to_string(i), "{}", prev, ""};
    e.hash = chain_hash(e, kHash);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}
}  // namespace

TEST(AuditChain, AnIntactChainVerifies) { EXPECT_FALSE(first_broken(chain(5), kGenesisHash, kHash)); }

TEST(AuditChain, EditingAnEntryIsFoundAtThatEntry) {
  auto entries = chain(5);
  entries[2].detail = "{\"tampered\":true}";
  EXPECT_EQ(first_broken(entries, kGenesisHash, kHash), 3);
}

TEST(AuditChain, DeletingAnEntryIsFound) {
  auto entries = chain(5);
  entries.erase(entries.begin() + 1);
  EXPECT_EQ(first_broken(entries, kGenesisHash, kHash), 3);
}

TEST(AuditChain, FieldsCannotBorrowBytesFromEachOther) {
  AuditEntry a{1, "t", "ab", "c", "e", "1", "{}", kGenesisHash, ""};
  AuditEntry b{1, "t", "a", "bc", "e", "1", "{}", kGenesisHash, ""};
  EXPECT_NE(canonical_text(a), canonical_text(b));
}
