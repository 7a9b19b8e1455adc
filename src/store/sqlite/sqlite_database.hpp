#pragma once
// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged commit
// survives a crash. One writer connection (SQLite has one writer at a time anyway) and a small pool of
// reader connections that read in parallel with it. Concurrent writes share one commit (group
// commit), each still all-or-nothing on its own. ":memory:" uses the single writer connection.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace skb::store {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const std::string& path, int readers = 8);
  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  void write(const std::function<void(Connection&)>& work) override;
  void read(const std::function<void(Connection&)>& work) override;
  int migrate() override;
  std::string kind() const override { return "sqlite"; }
  void probe() override;
  // Below this much free space on the database's file system the store reports storage_full.
  static constexpr unsigned long long kMinFreeBytes = 1ull << 20;

 private:
  struct Job;
  void commit_batch(const std::vector<Job*>& batch);
  void note_outcome(const std::vector<Job*>& batch);

  std::string path_;
  std::mutex write_mutex_;  // guards the queue below; the writer connection belongs to the leader
  std::condition_variable write_cv_;
  std::vector<Job*> queue_;
  bool leading_ = false;
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  bool in_memory_ = false;
};

}  // namespace skb::store
