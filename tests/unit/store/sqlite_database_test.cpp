// The Store conformance suite: the same behaviour on every store kind (SQLite in memory and on disk;
// PostgreSQL joins this list when its adapter lands).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "core/platform/error.hpp"
#include "store/database.hpp"

using namespace skb;

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = GetParam();
    if (url_ == "file") {
      dir_ = std::filesystem::temp_directory_path() / ("skb-store-" + std::to_string(::getpid()) + "-" +
                                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      url_ = "sqlite:" + (dir_ / "t.db").string();
    }
    db_ = store::open_database(url_);
    db_->migrate();
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::string url_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_P(StoreConformance, MigrationsAreAppliedOnce) { EXPECT_EQ(db_->migrate(), 0); }

TEST_P(StoreConformance, CommittedWritesAreVisibleToReads) {
  db_->write([](store::Connection& c) {
    c.execute("INSERT INTO work_types(code, name, description, created_at) VALUES (?, ?, ?, ?)",
              {std::string("ELEC"), std::string("电工"), std::string(""), std::string("t")});
  });
  std::string name;
  db_->read([&](store::Connection& c) { name = c.query_one("SELECT name FROM work_types WHERE code = ?", {std::string("ELEC")})->str(0); });
  EXPECT_EQ(name, "电工");
}

TEST_P(StoreConformance, AThrowingWriteLeavesNothingBehind) {
  EXPECT_THROW(db_->write([](store::Connection& c) {
    c.execute("INSERT INTO work_types(code, name, description, created_at) VALUES ('A', 'a', '', 't')");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  std::int64_t count = -1;
  db_->read([&](store::Connection& c) { count = c.query_one("SELECT COUNT(*) FROM work_types")->i64(0); });
  EXPECT_EQ(count, 0);
}

TEST_P(StoreConformance, ConstraintViolationsAreConflicts) {
  auto insert = [](store::Connection& c) {
    c.execute("INSERT INTO work_types(code, name, description, created_at) VALUES ('A', 'a', '', 't')");
  };
  db_->write(insert);
  try {
    db_->write(insert);
    FAIL() << "expected a conflict";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::conflict);
  }
}

TEST_P(StoreConformance, ReturningIdAndNullsRoundTrip) {
  std::int64_t id = 0;
  db_->write([&](store::Connection& c) {
    id = c.insert_returning_id("INSERT INTO orgs(parent_id, name, kind, code, path, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, '', 't', 't') RETURNING id",
                               {nullptr, std::string("温州市总工会"), std::string("city_union"), nullptr});
  });
  EXPECT_GT(id, 0);
  db_->read([&](store::Connection& c) {
    auto row = c.query_one("SELECT parent_id, code FROM orgs WHERE id = ?", {id});
    EXPECT_TRUE(row->is_null(0));
    EXPECT_FALSE(row->opt_i64(0));
    EXPECT_EQ(row->str(1), "");
  });
}

// Group commit: many writers at once share commits, yet each write stands or falls on its own — a
// failing one takes back only its own rows — and every write that returned is there.
TEST_P(StoreConformance, ConcurrentWritesCommitIndependently) {
  constexpr int kThreads = 16, kEach = 40;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string code = "T" + std::to_string(t) + "-" + std::to_string(i);
        try {
          db_->write([&](store::Connection& c) {
            c.execute("INSERT INTO work_types(code, name, description, created_at) VALUES (?, ?, '', 't')", {code, code});
            // Every fifth write fails after writing: its row must not survive, nobody else's may be lost.
            if (i % 5 == 4) throw core::invalid("x", "deliberate");
          });
        } catch (const core::Error&) {
          ++failed;
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), kThreads * kEach / 5);
  db_->read([&](store::Connection& c) {
    EXPECT_EQ(c.query_one("SELECT COUNT(*) FROM work_types WHERE code LIKE 'T%'")->i64(0), kThreads * kEach * 4 / 5);
    EXPECT_FALSE(c.query_one("SELECT 1 FROM work_types WHERE code = 'T3-4'").has_value());
    EXPECT_TRUE(c.query_one("SELECT 1 FROM work_types WHERE code = 'T3-3'").has_value());
  });
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values("sqlite::memory:", "file"),
                         [](const auto& info) { return info.param == "file" ? std::string("OnDisk") : std::string("InMemory"); });
