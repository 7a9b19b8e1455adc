#include "store/database.hpp"

#include <atomic>
#include <chrono>

#include "core/platform/error.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace skb::store {

std::string_view to_code(StoreProblem problem) {
  switch (problem) {
    case StoreProblem::none: return "";
    case StoreProblem::full: return "storage_full";
    case StoreProblem::read_only: return "storage_read_only";
    case StoreProblem::io_error: return "storage_unavailable";
  }
  return "";
}

core::Error storage_error(StoreProblem problem) {
  const char* message =
      problem == StoreProblem::full        ? "服务器存储空间已满，未能保存，请稍后重试 (the server's disk is full: nothing was saved; try again later)"
      : problem == StoreProblem::read_only ? "服务器数据库当前只读，未能保存 (the server's database is read-only: nothing was saved)"
                                           : "服务器存储暂时不可用，未能保存，请稍后重试 (the server's storage failed: nothing was saved; try again later)";
  return core::Error(core::ErrorKind::unavailable, std::string(to_code(problem)), message);
}

StoreProblem storage_problem_of(const core::Error& error) {
  for (auto p : {StoreProblem::full, StoreProblem::read_only, StoreProblem::io_error})
    if (error.code() == to_code(p)) return p;
  return StoreProblem::none;
}

StoreProblem Database::probe_write() {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  auto last = last_probe_ms_.load();
  if (now - last >= 1000 && last_probe_ms_.compare_exchange_strong(last, now)) probe();
  return write_problem();
}


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

std::uint64_t next_database_serial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}

}  // namespace skb::store
