#include "store/database.hpp"

#include "core/error.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace skb::store {

std::int64_t Row::i64(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = values_.at(i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto s = std::get_if<std::string>(&v)) return std::stod(*s);
  return 0;
}

std::string Row::str(size_t i) const {
  const Value& v = values_.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::unique_ptr<Database> open_database(const std::string& url) {
  if (url.starts_with("sqlite:")) return std::make_unique<SqliteDatabase>(url.substr(7));
  throw core::Error(core::ErrorKind::invalid, "bad_database_url",
                    "unsupported database URL '" + url + "' (expected sqlite:PATH; postgres is a later step)");
}

}  // namespace skb::store
