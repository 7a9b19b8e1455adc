#pragma once
// The Store interface: a pool of connections to one database, handed out one transaction at a time.
// Repositories (store/*_repo.hpp) speak portable SQL through it with `?` placeholders; each adapter
// (sqlite/, postgres/) translates its own dialect. Implementations are safe to use from many threads.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/platform/error.hpp"

namespace skb::store {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  std::int64_t i64(size_t i) const;
  double f64(size_t i) const;
  std::string str(size_t i) const;  // NULL reads as ""
  std::optional<std::int64_t> opt_i64(size_t i) const { return is_null(i) ? std::nullopt : std::optional(i64(i)); }
  size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

// One connection inside one transaction. Not thread-safe: it belongs to the caller until the
// transaction function returns.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;

  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
  // For `INSERT … RETURNING id`.
  std::int64_t insert_returning_id(std::string_view sql, const Params& params) { return query(sql, params).at(0).i64(0); }

  // The database this connection belongs to, unique in the process: process-wide caches keyed by a row's
  // id add it, so two databases in one process (tests open many) never share an entry.
  std::uint64_t database_serial = 0;
};

// A fresh value for Connection::database_serial, one per Database opened.
std::uint64_t next_database_serial();

// The store's own failures, as opposed to a bad request: a full disk, a read-only database or file
// system, an I/O error. Each answers 503 with a stable code and Retry-After; nothing was saved.
enum class StoreProblem { none, full, read_only, io_error };
std::string_view to_code(StoreProblem problem);  // "", storage_full, storage_read_only, storage_unavailable
core::Error storage_error(StoreProblem problem);
// The problem an error names, or none when it is not the store's own.
StoreProblem storage_problem_of(const core::Error& error);

class Database {
 public:
  virtual ~Database() = default;
  // Runs `work` in a transaction: committed (durably) when it returns, rolled back when it throws.
  // Writes are serialised; reads see one consistent snapshot.
  virtual void write(const std::function<void(Connection&)>& work) = 0;
  virtual void read(const std::function<void(Connection&)>& work) = 0;
  // Applies the migrations this database has not seen yet; returns how many were applied.
  virtual int migrate() = 0;
  virtual std::string kind() const = 0;  // "sqlite", "postgres"

  // Why the store cannot take writes, as last seen: none when the last write committed. No I/O.
  StoreProblem write_problem() const { return write_problem_.load(std::memory_order_relaxed); }
  // What a readiness check asks: writes for real (probe()) and returns write_problem(). At most one probe
  // a second; callers in between get the last answer, so an open endpoint cannot queue fsyncs.
  StoreProblem probe_write();

 protected:
  // Adapters: a durable probe write, and what each commit or failed write showed.
  virtual void probe() = 0;
  void note_write_problem(StoreProblem problem) { write_problem_.store(problem, std::memory_order_relaxed); }

 private:
  std::atomic<StoreProblem> write_problem_{StoreProblem::none};
  std::atomic<std::int64_t> last_probe_ms_{0};
};

// "sqlite:./data/skillbrain.db", "sqlite::memory:"; throws core::Error for an unknown scheme.
std::unique_ptr<Database> open_database(const std::string& url);

}  // namespace skb::store
