// The live boards are derived state: rebuilt from a snapshot plus the log's tail they must equal the
// boards rebuilt from the whole log, and both must follow marks recorded after the snapshot.
#include <boost/json.hpp>

#include "service/demo/competition.hpp"
#include "service/demo/organisations.hpp"
#include <gtest/gtest.h>

#include "service/services.hpp"
#include "store/database.hpp"

namespace skb::testing {
namespace {

namespace json = boost::json;

// The small demo on its own database (the demo brings its organisations and work types).
class BoardHubTest : public ::testing::Test {
 protected:
  BoardHubTest() {
    db_->migrate();
    service::seed_demo(s_->ctx, 200);
    service::seed_demo_competition(*s_, 12);
    db_->read([&](store::Connection& c) {
      const auto root = c.query_one("SELECT id, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1");
      admin_.user_id = c.query_one("SELECT MIN(id) FROM users")->i64(0);
      admin_.username = "test";
      admin_.grants.push_back({core::Role::admin, root->i64(0), root->str(1), ""});
    });
  }

  std::unique_ptr<store::Database> db_ = store::open_database("sqlite::memory:");
  service::Sealer sealer_{std::string(32, 'k')};
  std::unique_ptr<service::Services> s_ = std::make_unique<service::Services>(service::Context{*db_, sealer_});
  service::Actor admin_;

  // What a board shows, without the ticker (a snapshot keeps marks, not the history of the ticker).
  json::object board(const std::string& id) {
    service::BoardHub hub(s_->ctx);
    hub.start();
    auto v = json::parse(hub.snapshot_json({&admin_, id, std::nullopt, false})).as_object();
    v.erase("ticker");
    return v;
  }

  // Marks every aspect of the first few entrants of event 1 that nobody marked yet, as one judge.
  int mark_the_rest() {
    int recorded = 0;
    db_->write([&](store::Connection& c) {
      const auto event = service::load_event(c, 1);
      service::Marker marker{admin_.user_id, "test", "judge", [](const service::MarkTarget&, const service::AspectDef&, std::int64_t) { return true; }};
      std::vector<service::MarkInput> marks;
      for (const auto& entry : service::load_entries(c, 1)) {
        if (entry.status == "withdrawn" || marks.size() > 20) continue;
        for (const auto& comp : event.components)
          for (const auto& a : comp.aspects)
            if (a.kind != core::AspectKind::deduction)
              marks.push_back({"t-" + std::to_string(entry.id) + "-" + std::to_string(a.id), entry.id, a.id,
                               a.kind == core::AspectKind::judgement ? 3.0 : 0.0});
      }
      recorded = static_cast<int>(service::record_marks(c, s_->ctx, marker, marks).size());
    });
    return recorded;
  }
};

TEST_F(BoardHubTest, SnapshotPlusTailEqualsTheWholeLog) {
  {
    service::BoardHub hub(s_->ctx);
    hub.start();
    EXPECT_GE(hub.write_snapshots(), 3);  // the demo's three events
  }
  const auto at_snapshot = board("e1");
  ASSERT_GT(mark_the_rest(), 0);
  const auto from_snapshot = board("e1");
  db_->write([](store::Connection& c) { c.execute("DELETE FROM board_snapshots"); });
  const auto from_log = board("e1");
  EXPECT_EQ(from_snapshot, from_log);
  EXPECT_NE(from_snapshot.at("rows"), at_snapshot.at("rows")) << "the marks after the snapshot show";
  EXPECT_GT(from_snapshot.at("seq").as_int64(), at_snapshot.at("seq").as_int64());
}

TEST_F(BoardHubTest, RanksAndTotalsMatchTheStandings) {
  const auto shown = board("e1");
  const auto standings = s_->judging.standings(admin_, 1, std::nullopt);
  const auto& rows = shown.at("rows").as_array();
  ASSERT_EQ(rows.size(), standings.results.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i].as_object();
    EXPECT_EQ(row.at("row_id").as_string(), standings.results[i].entry.board_row_id);  // never the entry id
    EXPECT_EQ(row.if_contains("entry_id"), nullptr);
    EXPECT_EQ(row.at("rank").to_number<int>(), standings.results[i].rank);
    EXPECT_DOUBLE_EQ(row.at("total").to_number<double>(), standings.results[i].total);
  }
}

// A viewer's connection as the hub sees it; `cap` pushes fit before it reports overflow.
class RecordingSink : public service::BoardSink {
 public:
  explicit RecordingSink(size_t cap) : cap_(cap) {}
  Result push(std::shared_ptr<const std::string> framed) override {
    if (pushed.size() >= cap_) return Result::overflow;
    pushed.push_back(*framed);
    return Result::ok;
  }
  void replace(std::shared_ptr<const std::string> framed) override { replaced.push_back(*framed); }
  std::vector<std::string> pushed, replaced;

 private:
  size_t cap_;
};

TEST_F(BoardHubTest, MarksReachSubscribersInOneCoalescedPushAndASlowViewerIsResynced) {
  service::BoardHub hub(s_->ctx);
  hub.start();
  hub.sync();  // the boards as loaded are published before anyone listens
  auto fast = std::make_shared<RecordingSink>(100);
  auto slow = std::make_shared<RecordingSink>(0);
  const auto first = hub.subscribe({nullptr, "e1", std::nullopt, false}, "", fast);
  hub.subscribe({nullptr, "e1", std::nullopt, false}, "", slow);
  EXPECT_TRUE(first.first.starts_with("id: ")) << first.first.substr(0, 40);
  EXPECT_NE(first.first.find("event: snapshot"), std::string::npos);
  ASSERT_GT(mark_the_rest(), 1);  // many marks in one commit
  s_->ctx.changes->marks_committed();
  hub.sync();
  ASSERT_EQ(fast->pushed.size(), 1u) << "one push carries every mark applied since the last";
  EXPECT_NE(fast->pushed[0].find("event: changes"), std::string::npos);
  const auto data = json::parse(fast->pushed[0].substr(fast->pushed[0].find("data: ") + 6)).as_object();
  EXPECT_GT(data.at("rows").as_array().size(), 1u);
  ASSERT_EQ(slow->replaced.size(), 1u);
  EXPECT_TRUE(slow->replaced[0].starts_with("event: resync")) << "told to resync";
  EXPECT_NE(slow->replaced[0].find("event: snapshot"), std::string::npos) << "with a fresh snapshot";
  EXPECT_EQ(hub.subscribers(), 2u);
}

}  // namespace
}  // namespace skb::testing
