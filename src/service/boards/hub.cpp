#include "service/boards/hub.hpp"
#include "service/platform/json_text.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

#include "core/platform/error.hpp"

namespace skb::service {
namespace json = boost::json;
using Steady = std::chrono::steady_clock;

namespace {

bool inside(const BoardEntrant& e, const std::string& org_path) { return org_path.empty() || e.org_path.starts_with(org_path); }

}  // namespace

BoardHub::BoardHub(const Context& ctx, Options options) : ctx_(ctx), options_(options) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, ms, 36);
  epoch_.assign(buf, end);
}

BoardHub::~BoardHub() { stop(); }

void BoardHub::start() {
  listen_token_ = ctx_.changes->listen([this](const Change& c) {
    std::lock_guard lock(wake_mutex_);
    if (c.kind == Change::Kind::marks) marks_pending_ = true;
    if (c.kind == Change::Kind::event) events_pending_.insert(c.id);
    if (c.kind == Change::Kind::competition) competitions_pending_.insert(c.id);
    wake_.notify_one();
  });
  // The log position first, then the boards: marks committed in between are applied twice, harmlessly.
  std::set<std::int64_t> competitions;
  ctx_.db.read([&](store::Connection& c) {
    applied_seq_ = c.query_one("SELECT COALESCE(MAX(seq), 0) FROM marks")->i64(0);
    for (const auto& r : c.query("SELECT id FROM competitions WHERE status IN ('registration', 'running', 'marking_closed', 'published')"))
      competitions.insert(r.i64(0));
  });
  load_competitions(competitions);
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, b] : events_) snapshot_seq_[id] = b->seq();
  }
  thread_ = std::thread([this] { run(); });
}

void BoardHub::stop() {
  {
    std::lock_guard lock(wake_mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  synced_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (listen_token_) ctx_.changes->unlisten(listen_token_);
}

void BoardHub::sync() {
  std::unique_lock lock(wake_mutex_);
  if (!thread_.joinable() || stopping_) return;
  const auto target = ++sync_requested_;
  wake_.notify_one();
  synced_.wait(lock, [&] { return sync_done_ >= target || stopping_; });
}

void BoardHub::run() {
  auto next = Steady::now() + std::chrono::seconds(1);
  auto next_maintenance = Steady::now() + std::chrono::seconds(30);
  std::unique_lock lock(wake_mutex_);
  while (!stopping_) {
    wake_.wait_until(lock, next, [&] {
      return stopping_ || marks_pending_ || !events_pending_.empty() || !competitions_pending_.empty() || sync_requested_ != sync_done_;
    });
    if (stopping_) break;
    marks_pending_ = false;
    auto events = std::exchange(events_pending_, {});
    auto competitions = std::exchange(competitions_pending_, {});
    const auto sync_target = sync_requested_;
    const bool forced = sync_target != sync_done_;
    lock.unlock();
    try {
      if (!competitions.empty()) load_competitions(competitions);
      if (!events.empty()) reload(events);
      tail();  // also on the periodic wake: marks written by another process show up within a second
      const auto now = Steady::now();
      next = now + std::chrono::seconds(1);
      if (forced) {
        std::lock_guard state(mutex_);
        for (auto id : std::exchange(dirty_events_, {})) publish(id), last_publish_[id] = now;
      }
      publish_due(now, next);
      if (now >= next_maintenance) {
        maintain();
        next_maintenance = now + std::chrono::seconds(30);
      }
    } catch (const std::exception& e) {
      spdlog::error("live boards: {}", e.what());
    }
    lock.lock();
    sync_done_ = sync_target;
    synced_.notify_all();
  }
}

void BoardHub::load_competitions(const std::set<std::int64_t>& competition_ids) {
  std::set<std::int64_t> events;
  ctx_.db.read([&](store::Connection& c) {
    for (auto id : competition_ids)
      for (const auto& r : c.query("SELECT id FROM events WHERE competition_id = ?", {id})) events.insert(r.i64(0));
  });
  reload(events);
}

void BoardHub::reload(const std::set<std::int64_t>& event_ids) {
  for (auto id : event_ids) {
    std::unique_ptr<EventBoards> b;
    try {
      ctx_.db.read([&](store::Connection& c) { b = EventBoards::load(c, id, ctx_.sealer); });
    } catch (const core::Error& e) {
      if (e.kind() != core::ErrorKind::not_found) throw;
    }
    std::lock_guard lock(mutex_);
    if (b) {
      events_[id] = std::move(b);
      dirty_events_.insert(id);
    } else {
      events_.erase(id);
    }
  }
}

void BoardHub::tail() {
  constexpr std::int64_t kBatch = 5000;
  for (;;) {
    std::vector<LoggedMark> batch;
    ctx_.db.read([&](store::Connection& c) {
      for (const auto& r : c.query("SELECT seq, event_id, entry_id, aspect_id, judge_user_id, value, recorded_at FROM marks "
                                   "WHERE seq > ? ORDER BY seq LIMIT ?",
                                   {applied_seq_, kBatch}))
        batch.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4), r.f64(5), r.str(6)});
    });
    if (batch.empty()) return;
    std::set<std::int64_t> unknown;
    {
      std::lock_guard lock(mutex_);
      for (const auto& m : batch) {
        auto it = events_.find(m.event_id);
        if (it == events_.end()) {
          unknown.insert(m.event_id);
        } else if (it->second->apply(m)) {
          dirty_events_.insert(m.event_id);
        }
      }
      applied_seq_ = batch.back().seq;
    }
    if (!unknown.empty()) reload(unknown);  // loads them with every mark they have
    if (static_cast<std::int64_t>(batch.size()) < kBatch) return;
  }
}

void BoardHub::publish_due(Steady::time_point now, Steady::time_point& next) {
  std::lock_guard lock(mutex_);
  for (auto it = dirty_events_.begin(); it != dirty_events_.end();) {
    auto& last = last_publish_[*it];
    if (now - last >= options_.publish_interval) {
      publish(*it);
      last = now;
      it = dirty_events_.erase(it);
    } else {
      next = std::min(next, last + options_.publish_interval);
      ++it;
    }
  }
}

std::vector<BoardView> BoardHub::views_of(const EventBoards& b) const {
  const auto id = b.event().summary.id;
  std::vector<BoardView> out{{id, std::nullopt, false}, {id, std::nullopt, true}};
  for (const auto& [venue, name] : b.venues()) {
    out.push_back({id, venue, false});
    out.push_back({id, venue, true});
  }
  return out;
}

void BoardHub::publish(std::int64_t event_id) {
  auto found = events_.find(event_id);
  if (found == events_.end()) return;
  auto& b = *found->second;
  const auto dirty = b.take_dirty();
  const auto now = Steady::now();
  for (const auto& v : views_of(b)) {
    auto& s = views_[v];
    std::vector<std::int64_t> changed;
    std::set<std::int64_t> present;
    for (const auto& [e, placed] : placed_rows(b, v)) {
      const auto id = e->entry.id;
      present.insert(id);
      auto it = s.placed.find(id);
      if (it == s.placed.end() || it->second != placed || dirty.count(id)) {
        changed.push_back(id);
        s.placed[id] = placed;
      }
    }
    for (auto it = s.placed.begin(); it != s.placed.end();) {
      if (present.count(it->first)) {
        ++it;
        continue;
      }
      changed.push_back(it->first);  // withdrawn: sent as removed
      it = s.placed.erase(it);
    }
    json::value venues = venues_json(b, v.public_view), frozen = frozen_json(b);
    const auto ticker = visible_ticker(b, v, s.ticker_seq);
    if (changed.empty() && ticker.empty() && venues == s.venues && frozen == s.frozen) continue;
    const auto ticker_before = s.ticker_seq;
    ++s.push;
    if (!ticker.empty()) s.ticker_seq = ticker.front()->seq;
    s.venues = std::move(venues);
    s.frozen = std::move(frozen);
    s.history.push_back({s.push, now, changed, ticker_before, s.ticker_seq});
    while (!s.history.empty() && now - s.history.front().at > options_.history) s.history.pop_front();

    auto subs = subscribers_.find(v);
    if (subs == subscribers_.end()) continue;
    std::map<std::string, std::shared_ptr<const std::string>> by_org;  // rendered once per filter
    for (auto it = subs->second.begin(); it != subs->second.end();) {
      auto& text = by_org[it->second.org_path];
      if (!text) text = std::make_shared<const std::string>(changes_text(b, v, s, changed, ticker_before, it->second.org_path));
      const auto result = it->second.sink->push(text);
      if (result == BoardSink::Result::gone) {
        it = subs->second.erase(it);
        continue;
      }
      if (result == BoardSink::Result::overflow)
        it->second.sink->replace(std::make_shared<const std::string>(
            sse_frame("", "resync", R"({"reason":"slow_client"})") +
            sse_frame(stream_id(s.push), "snapshot", snapshot_text(b, v, it->second.org_path))));
      ++it;
    }
  }
}

std::string BoardHub::stream_id(std::uint64_t push) const { return epoch_ + "-" + std::to_string(push); }

std::string BoardHub::snapshot_text(const EventBoards& b, const BoardView& v, const std::string& org_path) const {
  json::array rows;
  for (const auto& [e, placed] : placed_rows(b, v))
    if (inside(*e, org_path)) rows.push_back(row_json(b, *e, placed, v.public_view));
  json::array ticker;
  for (const auto* t : visible_ticker(b, v, 0)) {
    auto e = b.entrants().find(t->entry_id);
    if (e != b.entrants().end() && inside(e->second, org_path)) ticker.push_back(ticker_item_json(b, *t));
  }
  return skb::service::json_text(json::object{{"board", board_header_json(b, v)}, {"seq", b.seq()}, {"live", !v.public_view},
                                      {"frozen", frozen_json(b)}, {"venues", venues_json(b, v.public_view)},
                                      {"rows", std::move(rows)}, {"ticker", std::move(ticker)}});
}

std::string BoardHub::changes_text(const EventBoards& b, const BoardView& v, const ViewState& s, const std::vector<std::int64_t>& ids,
                                   std::int64_t ticker_after, const std::string& org_path) const {
  json::array rows, removed;
  for (auto id : ids) {
    auto e = b.entrants().find(id);
    auto placed = s.placed.find(id);
    if (e == b.entrants().end() || placed == s.placed.end()) {
      removed.push_back(json::value(board_row_id(ctx_.sealer, id)));
    } else if (inside(e->second, org_path)) {
      rows.push_back(row_json(b, e->second, placed->second, v.public_view));
    }
  }
  json::array ticker;
  for (const auto* t : visible_ticker(b, v, ticker_after)) {
    auto e = b.entrants().find(t->entry_id);
    if (e != b.entrants().end() && inside(e->second, org_path)) ticker.push_back(ticker_item_json(b, *t));
  }
  return sse_frame(stream_id(s.push), "changes",
                   skb::service::json_text(json::object{{"seq", b.seq()}, {"live", !v.public_view}, {"rows", std::move(rows)},
                                                {"removed", std::move(removed)}, {"venues", s.venues}, {"frozen", s.frozen},
                                                {"ticker", std::move(ticker)}}));
}

EventBoards& BoardHub::loaded(std::int64_t event_id, std::unique_lock<std::mutex>& lock) {
  if (auto it = events_.find(event_id); it != events_.end()) return *it->second;
  lock.unlock();
  std::unique_ptr<EventBoards> b;
  ctx_.db.read([&](store::Connection& c) { b = EventBoards::load(c, event_id, ctx_.sealer); });  // throws not_found
  lock.lock();
  auto [it, inserted] = events_.try_emplace(event_id, std::move(b));
  if (inserted) dirty_events_.insert(event_id);
  return *it->second;
}

BoardHub::Resolved BoardHub::resolve(const BoardRequest& request, std::unique_lock<std::mutex>& lock) {
  const auto id = parse_board_id(request.board_id);
  auto& b = loaded(id.event_id, lock);
  if (id.venue_id && !b.venues().count(*id.venue_id)) throw core::not_found("board " + request.board_id);
  const auto& path = b.event().org_path;
  const Actor* a = request.actor;
  const bool judge = a && b.judges().count(a->user_id);
  const bool in_scope = a && a->can(core::Permission::read_competitions, path);
  // Not yet under way: only those preparing it know the board exists.
  if (!boards_public(b.competition_status()) && !in_scope && !judge) throw core::not_found("board " + request.board_id);
  const bool live = a && (judge || a->can(core::Permission::manage_competitions, path) || a->can(core::Permission::lead_judging, path));
  Resolved r{{id.event_id, id.venue_id, !live || request.want_public}, {}};
  return r;
}

std::string BoardHub::snapshot_json(const BoardRequest& request) {
  std::string org_path = org_path_of(request.org_id);
  std::unique_lock lock(mutex_);
  const auto r = resolve(request, lock);
  return snapshot_text(*events_.at(r.view.event_id), r.view, org_path);
}

namespace {
Placed placed_on(const core::Board& board, const core::Board::Row& row, const EntryResult& result) {
  if (result.disqualified) return {0, false};
  return {row.rank, board.count_at_or_above(row.key) - board.count_above(row.key) > 1};
}
}  // namespace

std::string BoardHub::page_json(const BoardRequest& request, std::size_t offset, std::size_t limit) {
  std::unique_lock lock(mutex_);
  const auto r = resolve(request, lock);
  const auto& b = *events_.at(r.view.event_id);
  const auto& board = b.board(r.view.venue_id, r.view.public_view);
  json::array rows;
  for (const auto& row : board.page(offset, limit)) {
    auto e = b.entrants().find(row.id);
    if (e == b.entrants().end()) continue;
    rows.push_back(service::row_json(b, e->second, placed_on(board, row, b.result(e->second, r.view.public_view)), r.view.public_view));
  }
  return skb::service::json_text(json::object{{"seq", b.seq()}, {"live", !r.view.public_view}, {"offset", offset}, {"total", board.size()},
                                      {"rows", std::move(rows)}});
}

std::string BoardHub::entrant_json(const BoardRequest& request, const std::string& row_id) {
  std::unique_lock lock(mutex_);
  const auto r = resolve(request, lock);
  const auto& b = *events_.at(r.view.event_id);
  const auto& board = b.board(r.view.venue_id, r.view.public_view);
  const auto entry_id = b.entry_of_row(row_id);
  if (!entry_id) throw core::not_found("row on board " + request.board_id);
  auto e = b.entrants().find(*entry_id);
  const auto key = board.key_of(*entry_id);
  if (e == b.entrants().end() || !key) throw core::not_found("row on board " + request.board_id);
  const core::Board::Row row{*entry_id, *key, board.rank(*entry_id)};
  return skb::service::json_text(json::object{
      {"seq", b.seq()}, {"live", !r.view.public_view},
      {"row", service::row_json(b, e->second, placed_on(board, row, b.result(e->second, r.view.public_view)), r.view.public_view)}});
}

BoardHub::Stream BoardHub::subscribe(const BoardRequest& request, const std::string& last_event_id, std::shared_ptr<BoardSink> sink) {
  std::string org_path = org_path_of(request.org_id);
  std::unique_lock lock(mutex_);
  const auto r = resolve(request, lock);
  const auto& b = *events_.at(r.view.event_id);
  auto& s = views_[r.view];
  Stream out;
  // Resume: "epoch-push" from this run, with history back to it; else a fresh snapshot.
  std::optional<std::uint64_t> from;
  if (const auto dash = last_event_id.rfind('-'); dash != std::string::npos && last_event_id.substr(0, dash) == epoch_) {
    std::uint64_t push = 0;
    const auto text = std::string_view(last_event_id).substr(dash + 1);
    if (auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), push); ec == std::errc() && p == text.data() + text.size())
      if (push <= s.push && (push == s.push || (!s.history.empty() && s.history.front().push <= push + 1))) from = push;
  }
  if (from && *from < s.push) {
    std::set<std::int64_t> rows;
    std::int64_t ticker_after = 0;
    bool first = true;
    for (const auto& h : s.history) {
      if (h.push <= *from) continue;
      if (first) ticker_after = h.ticker_before, first = false;
      rows.insert(h.rows.begin(), h.rows.end());
    }
    out.first = changes_text(b, r.view, s, {rows.begin(), rows.end()}, ticker_after, org_path);
  } else if (!from) {
    out.first = sse_frame(stream_id(s.push), "snapshot", snapshot_text(b, r.view, org_path));
  }
  out.id = next_subscriber_++;
  subscribers_[r.view][out.id] = Subscriber{r.view, org_path, std::move(sink)};
  subscriber_view_[out.id] = r.view;
  return out;
}

void BoardHub::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto v = subscriber_view_.find(id);
  if (v == subscriber_view_.end()) return;
  if (auto subs = subscribers_.find(v->second); subs != subscribers_.end()) subs->second.erase(id);
  subscriber_view_.erase(v);
}

std::size_t BoardHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return subscriber_view_.size();
}

std::string BoardHub::org_path_of(std::optional<std::int64_t> org_id) const {
  if (!org_id) return {};
  std::string path;
  ctx_.db.read([&](store::Connection& c) {
    auto r = c.query_one("SELECT path FROM orgs WHERE id = ?", {*org_id});
    if (!r) throw core::invalid("org", "组织不存在 (no such organisation)");
    path = r->str(0);
  });
  return path;
}

void BoardHub::maintain() {
  snapshot_events(options_.snapshot_every);
  std::lock_guard lock(mutex_);
  const auto now = Steady::now();
  for (auto& [view, s] : views_)  // views without pushes lately are trimmed here, not in publish
    while (!s.history.empty() && now - s.history.front().at > options_.history) s.history.pop_front();
}

int BoardHub::write_snapshots() { return snapshot_events(0); }

int BoardHub::snapshot_events(std::int64_t min_new_marks) {
  std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> due;  // taken under the lock, written outside it
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, b] : events_)
      if (b->seq() - snapshot_seq_[id] >= min_new_marks) due.emplace_back(id, b->marks_snapshot(), b->seq());
  }
  for (const auto& [id, marks, seq] : due) write_snapshot(id, marks, seq);
  return static_cast<int>(due.size());
}

void BoardHub::write_snapshot(std::int64_t event_id, const std::string& marks, std::int64_t seq) {
  ctx_.db.write([&](store::Connection& c) {
    c.execute("INSERT INTO board_snapshots(event_id, up_to_seq, marks, taken_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT(event_id) DO UPDATE SET up_to_seq = excluded.up_to_seq, marks = excluded.marks, taken_at = excluded.taken_at",
              {event_id, seq, marks, ctx_.now_rfc3339()});
  });
  std::lock_guard lock(mutex_);
  snapshot_seq_[event_id] = seq;
}

}  // namespace skb::service
