#include "service/people/scope_sql.hpp"

namespace skb::service {

std::string subtree_condition(const std::string& column, const std::vector<std::string>& scope, store::Params& params) {
  if (scope.empty()) return "(1 = 0)";
  std::string sql = "(";
  for (size_t i = 0; i < scope.size(); ++i) {
    sql += (i ? " OR (" : "(") + column + " >= ? AND " + column + " < ?)";
    params.push_back(scope[i]);
    params.push_back(scope[i].substr(0, scope[i].size() - 1) + "0");
  }
  return sql + ")";
}

std::string like_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace skb::service
