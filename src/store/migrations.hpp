#pragma once
// The schema's history: migrations/NNNN_name.sql, embedded at build time, applied in order.
// DDL is portable but for a few tokens each adapter expands: {{ID}} = an auto-increment primary key.
#include <string_view>
#include <vector>

namespace skb::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& all_migrations();

}  // namespace skb::store
