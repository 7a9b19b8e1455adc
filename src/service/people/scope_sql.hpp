#pragma once
// The SQL condition "column lies in one of these organisation subtrees", index-friendly.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace skb::service {

// " (col >= ? AND col < ?) OR …" in parentheses; a subtree "/1/4/" is the path range ["/1/4/", "/1/40")
// because '0' follows '/'. An empty scope matches nothing.
std::string subtree_condition(const std::string& column, const std::vector<std::string>& scope, store::Params& params);

// `s` with LIKE's wildcards escaped for `LIKE ? ESCAPE '\\'`.
std::string like_escape(const std::string& s);

}  // namespace skb::service
