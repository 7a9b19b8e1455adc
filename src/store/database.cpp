#include "store/database.hpp"

#include "core/error.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace skb::store {
namespace {
constexpr const char* kProblems[] = {"", "storage_full", "storage_read_only", "storage_unavailable"};
}  // namespace

std::string Database::write_problem() const { return kProblems[write_problem_.load(std::memory_order_relaxed)]; }

void Database::note_write_problem(const std::string& code) {
  for (int i = 1; i < 4; ++i)
    if (code == kProblems[i]) write_problem_.store(i, std::memory_order_relaxed);
}

bool is_storage_problem(const std::string& code) { return code.starts_with("storage_"); }


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
