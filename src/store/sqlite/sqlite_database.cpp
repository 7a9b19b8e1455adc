#include "store/sqlite/sqlite_database.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/statvfs.h>

#include <filesystem>
#include <unordered_map>

#include "core/platform/error.hpp"
#include "store/migrations.hpp"

namespace skb::store {
namespace {

// The store's own failures are 503s with a plain message (store::storage_error); the raw SQLite text
// goes to the log.
core::Error error_from(int code, const std::string& msg) {
  StoreProblem problem = StoreProblem::none;
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT: return core::conflict("constraint", msg);
    case SQLITE_FULL: problem = StoreProblem::full; break;
    case SQLITE_READONLY: problem = StoreProblem::read_only; break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL: problem = StoreProblem::io_error; break;
    default: return core::Error(core::ErrorKind::internal, "database_error", msg);
  }
  spdlog::error("store: {}", msg);
  return storage_error(problem);
}

core::Error db_error(sqlite3* db, const std::string& what) {
  return error_from(sqlite3_extended_errcode(db), what + ": " + sqlite3_errmsg(db));
}

// The store's own problem behind a failed job, if it was one.
StoreProblem problem_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const core::Error& err) {
    return storage_problem_of(err);
  } catch (...) {
  }
  return StoreProblem::none;
}

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

std::string expand_ddl(std::string sql) {
  const std::string token = "{{ID}}";
  for (size_t at; (at = sql.find(token)) != std::string::npos;) sql.replace(at, token.size(), "INTEGER PRIMARY KEY");
  return sql;
}

}  // namespace

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool read_only) {
    const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      core::Error e = db_error(db_, "cannot open database " + path);
      sqlite3_close(db_);
      throw e;
    }
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA foreign_keys=ON");
    if (!read_only) {
      exec("PRAGMA journal_mode=WAL");
      exec("PRAGMA synchronous=FULL");
    } else {
      // Readers map the file instead of copying each page through read() into a 2 MB cache: the analytics
      // walk hundreds of thousands of rows, and the pages are then the OS page cache's, shared by all.
      exec("PRAGMA mmap_size=1073741824");
    }
  }
  ~SqliteConnection() override {
    statements_.clear();
    sqlite3_close(db_);
  }

  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw error_from(sqlite3_extended_errcode(db_) ? sqlite3_extended_errcode(db_) : rc, sql + ": " + msg);
    }
  }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* s = prepare(sql, params);
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(s);
    for (;;) {
      const int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        throw db_error(db_, "query failed");
      }
      std::vector<Value> values;
      values.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(s, c)) {
          case SQLITE_INTEGER: values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(s, c))); break;
          case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(s, c)); break;
          case SQLITE_NULL: values.emplace_back(nullptr); break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
            values.emplace_back(std::string(text, static_cast<size_t>(sqlite3_column_bytes(s, c))));
          }
        }
      }
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(s);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* s = prepare(sql, params);
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) throw db_error(db_, "statement failed");
    return sqlite3_changes64(db_);
  }

 private:
  // Statements are prepared once per connection and reused: the SQL text is the cache key.
  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    auto it = statements_.find(std::string(sql));
    if (it == statements_.end()) {
      if (statements_.size() > 256) statements_.clear();  // bound the cache under many distinct filters
      sqlite3_stmt* raw = nullptr;
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr) !=
          SQLITE_OK)
        throw db_error(db_, "cannot prepare '" + std::string(sql) + "'");
      it = statements_.emplace(std::string(sql), Stmt(raw)).first;
    }
    sqlite3_stmt* s = it->second.get();
    sqlite3_clear_bindings(s);
    for (size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i + 1);
      const Value& v = params[i];
      if (auto p = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(s, at, *p);
      else if (auto d = std::get_if<double>(&v)) sqlite3_bind_double(s, at, *d);
      else if (auto t = std::get_if<std::string>(&v))
        sqlite3_bind_text(s, at, t->data(), static_cast<int>(t->size()), SQLITE_TRANSIENT);
      else sqlite3_bind_null(s, at);
    }
    return s;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Stmt> statements_;
};

SqliteDatabase::SqliteDatabase(const std::string& path, int readers) : path_(path) {
  in_memory_ = path == ":memory:" || path.empty();
  if (!in_memory_) {
    const auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
  }
  writer_ = std::make_unique<SqliteConnection>(in_memory_ ? ":memory:" : path, false);
  const auto serial = next_database_serial();
  writer_->database_serial = serial;
  if (!in_memory_)
    for (int i = 0; i < readers; ++i) {
      idle_readers_.push_back(std::make_unique<SqliteConnection>(path, true));
      idle_readers_.back()->database_serial = serial;
    }
}

SqliteDatabase::~SqliteDatabase() = default;

// Group commit: writers queue their work; whoever finds no commit under way leads, running every
// queued piece of work in one transaction (each inside its own savepoint, so one that fails takes
// only itself back) and paying for one fsync. Nobody returns before the COMMIT that holds their work.
struct SqliteDatabase::Job {
  const std::function<void(Connection&)>* work = nullptr;
  std::exception_ptr error;
  bool done = false;
};

void SqliteDatabase::write(const std::function<void(Connection&)>& work) {
  Job job{&work, nullptr, false};
  std::unique_lock lock(write_mutex_);
  queue_.push_back(&job);
  while (!job.done) {
    if (leading_) {
      write_cv_.wait(lock);
      continue;
    }
    leading_ = true;
    std::vector<Job*> batch;
    batch.swap(queue_);
    lock.unlock();
    commit_batch(batch);
    note_outcome(batch);
    lock.lock();
    leading_ = false;
    for (auto* j : batch) j->done = true;
    write_cv_.notify_all();
  }
  if (job.error) std::rethrow_exception(job.error);
}

void SqliteDatabase::commit_batch(const std::vector<Job*>& batch) {
  const auto fail_all = [&](std::exception_ptr e) {
    for (auto* j : batch)
      if (!j->error) j->error = e;
  };
  try {
    writer_->exec("BEGIN IMMEDIATE");
  } catch (...) {
    fail_all(std::current_exception());
    return;
  }
  const bool alone = batch.size() == 1;
  for (auto* j : batch) {
    try {
      if (!alone) writer_->exec("SAVEPOINT job");
      (*j->work)(*writer_);
      if (!alone) writer_->exec("RELEASE job");
    } catch (...) {
      j->error = std::current_exception();
      if (!writer_->in_transaction()) {  // SQLite gave the whole transaction up (disk full, I/O error)
        fail_all(j->error);
        return;
      }
      try {
        if (alone) {
          writer_->exec("ROLLBACK");
          return;
        }
        writer_->exec("ROLLBACK TO job");
        writer_->exec("RELEASE job");
      } catch (...) {
        if (writer_->in_transaction()) try { writer_->exec("ROLLBACK"); } catch (...) {}
        fail_all(std::current_exception());
        return;
      }
    }
  }
  try {
    writer_->exec("COMMIT");
  } catch (...) {
    const auto e = std::current_exception();
    if (writer_->in_transaction()) try { writer_->exec("ROLLBACK"); } catch (...) {}
    fail_all(e);
  }
}

void SqliteDatabase::note_outcome(const std::vector<Job*>& batch) {
  StoreProblem problem = StoreProblem::none;
  bool committed = false;
  for (auto* j : batch) {
    if (!j->error) committed = true;
    else if (problem == StoreProblem::none) problem = problem_of(j->error);
  }
  if (problem != StoreProblem::none || committed) note_write_problem(problem);
}

void SqliteDatabase::probe() {
  if (!in_memory_) {
    // Refuse work before the disk is so full that a commit half-fails: keep a margin for the WAL.
    struct statvfs fs {};
    const auto dir = std::filesystem::absolute(path_).parent_path();
    if (statvfs(dir.c_str(), &fs) == 0 && static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize < kMinFreeBytes) {
      note_write_problem(StoreProblem::full);
      return;
    }
  }
  try {
    write([](Connection& c) {
      c.execute("INSERT INTO store_probe(id, probes) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET probes = store_probe.probes + 1");
    });
  } catch (const core::Error&) {  // noted by write(); anything else is not the store's state
  }
}

void SqliteDatabase::read(const std::function<void(Connection&)>& work) {
  if (in_memory_) {  // one connection: reads queue with the writes
    write(work);
    return;
  }
  std::unique_ptr<SqliteConnection> conn;
  {
    std::unique_lock lock(pool_mutex_);
    pool_cv_.wait(lock, [&] { return !idle_readers_.empty(); });
    conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  auto give_back = [&] {
    std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(std::move(conn));
    pool_cv_.notify_one();
  };
  try {
    conn->exec("BEGIN");
    work(*conn);
    conn->exec("COMMIT");
  } catch (...) {
    try { conn->exec("ROLLBACK"); } catch (...) {}
    give_back();
    throw;
  }
  give_back();
}

int SqliteDatabase::migrate() {
  int applied = 0;
  write([&](Connection& c) {
    c.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
              "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    const auto row = c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    const auto current = row ? row->i64(0) : 0;
    for (const auto& m : all_migrations()) {
      if (m.version <= current) continue;
      writer_->exec(expand_ddl(std::string(m.sql)));
      c.execute("INSERT INTO schema_migrations(version, name) VALUES (?, ?)",
                {std::int64_t{m.version}, std::string(m.name)});
      ++applied;
    }
  });
  return applied;
}

}  // namespace skb::store
