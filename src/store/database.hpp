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
};

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

  // Why the store cannot take writes, as last seen: "" when the last write committed, else the code of
  // the error that stopped it (storage_full, storage_read_only, storage_unavailable). No I/O.
  std::string write_problem() const;
  // Writes for real (a tiny probe row, committed durably) and checks the free space, then returns
  // write_problem(): what a readiness check asks before sending work here.
  virtual std::string probe_write() = 0;

 protected:
  // Adapters call these after each commit or failed write.
  void note_write_ok() { write_problem_.store(0, std::memory_order_relaxed); }
  void note_write_problem(const std::string& code);

 private:
  std::atomic<int> write_problem_{0};
};

// Whether an error's code says the store itself failed (full, read-only, I/O), rather than the request.
bool is_storage_problem(const std::string& code);

// "sqlite:./data/skillbrain.db", "sqlite::memory:"; throws core::Error for an unknown scheme.
std::unique_ptr<Database> open_database(const std::string& url);

}  // namespace skb::store
