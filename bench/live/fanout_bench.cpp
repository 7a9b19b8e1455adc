// Fan-out (issue benchmark 4): V viewers (default 5,000) hold GET /api/v1/boards/{board}/stream open
// while judges post single marks to the board's event, open-loop at R marks/s (default 1,000) over a
// pool of --posters connections (default 4; a mark that finds them all busy waits and counts as late).
// Each viewer parses the chunked server-sent events (`event:` and `data:` lines) and notes when each
// `snapshot` or `changes` event arrived and its board "seq". Each mark's receipt gives its seq and
// acknowledgement time. The latency of a mark at a viewer is the arrival time of the first event whose
// seq is ≥ the mark's seq, minus the mark's acknowledgement time, for every mark acknowledged inside the
// window and every viewer (or every k-th viewer, --sample-every). The server's CPU (from /proc/PID/stat)
// and RSS (VmRSS, sampled every 250 ms) are read over the same window.
// Prints "name value unit" lines. Everything is bounded: connecting (--connect-timeout), the window
// (--warmup + --duration), and a drain (--drain) after the last mark.
//   skb_bench_fanout --url http://127.0.0.1:PORT --board e1 --event 1 --accounts judge11:pw,...
//                    [--viewers 5000] [--rate 1000] [--posters 4] [--duration 20] [--warmup 2]
//                    [--drain 3] [--threads 1] [--server-pid PID] [--sample-every 1]
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <thread>

#include "common.hpp"

using namespace live;
using asio::awaitable;
using asio::use_awaitable;

namespace {

std::int64_t now_ns() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }

std::int64_t seq_in(std::string_view text) {
  const auto at = text.find("\"seq\":");
  if (at == std::string_view::npos) return -1;
  std::int64_t v = 0;
  bool any = false;
  for (auto i = at + 6; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) v = v * 10 + (text[i] - '0'), any = true;
  return any ? v : -1;
}

struct Arrival {
  std::int64_t seq, at_ns;
};

// One viewer: a raw socket, an incremental parser for the HTTP head, chunked framing and SSE lines.
// Only the first bytes of each line are kept (enough for "event: x" and the "seq" near the start of
// the data); the rest of a line is skipped with memchr.
struct Viewer {
  explicit Viewer(asio::io_context& ioc) : socket(ioc) {}
  tcp::socket socket;
  enum class Stage { head, size, data, crlf, done } stage = Stage::head;
  std::string head, size_line, line, event;
  std::size_t chunk_left = 0, crlf_left = 0;
  std::int64_t seq = -1;
  std::vector<Arrival> arrivals;
  std::uint64_t bytes = 0, snapshots = 0, changes = 0, resyncs = 0, heartbeats = 0;
  bool ok_status = false, closed = false, ended = false;  // ended: the server closed it, or it failed, before we did

  void feed(const char* p, std::size_t n, std::int64_t at) {
    bytes += n;
    while (n > 0) {
      switch (stage) {
        case Stage::head: {
          const auto old = head.size();
          head.append(p, std::min<std::size_t>(n, 16384));
          const auto end = head.find("\r\n\r\n", old >= 3 ? old - 3 : 0);
          if (end == std::string::npos) {
            if (head.size() >= 16384) stage = Stage::done;
            return;
          }
          ok_status = head.rfind("HTTP/1.1 200", 0) == 0 && head.find("chunked") != std::string::npos;
          if (!ok_status) {
            stage = Stage::done;
            return;
          }
          const auto used = end + 4 - old;
          p += used, n -= used;
          head.clear();
          stage = Stage::size;
          break;
        }
        case Stage::size: {
          const void* nl = std::memchr(p, '\n', n);
          const auto len = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - p) : n;
          size_line.append(p, len);
          if (!nl) return;
          p += len + 1, n -= len + 1;
          chunk_left = std::strtoull(size_line.c_str(), nullptr, 16);
          size_line.clear();
          stage = chunk_left == 0 ? Stage::done : Stage::data;
          break;
        }
        case Stage::data: {
          const auto k = std::min(n, chunk_left);
          sse(p, k, at);
          p += k, n -= k, chunk_left -= k;
          if (chunk_left == 0) stage = Stage::crlf, crlf_left = 2;
          break;
        }
        case Stage::crlf: {
          const auto k = std::min(n, crlf_left);
          p += k, n -= k, crlf_left -= k;
          if (crlf_left == 0) stage = Stage::size;
          break;
        }
        case Stage::done:
          return;
      }
    }
  }

  void sse(const char* p, std::size_t n, std::int64_t at) {
    while (n > 0) {
      const void* nl = std::memchr(p, '\n', n);
      const auto len = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - p) : n;
      const std::size_t cap = event == "snapshot" ? 8192 : 96;  // a snapshot's seq follows its board header
      if (line.size() < cap) line.append(p, std::min(len, cap - line.size()));
      if (!nl) return;
      p += len + 1, n -= len + 1;
      on_line(at);
      line.clear();
    }
  }

  void on_line(std::int64_t at) {
    if (line.empty()) {  // end of an event
      if (event == "snapshot" || event == "changes") {
        if (seq >= 0) arrivals.push_back({seq, at});
        (event == "snapshot" ? snapshots : changes)++;
      } else if (event == "resync") {
        ++resyncs;
      } else if (event == "heartbeat") {
        ++heartbeats;
      }
      event.clear();
      seq = -1;
    } else if (line.rfind("event: ", 0) == 0) {
      event = line.substr(7);
    } else if (line.rfind("data: ", 0) == 0 && (event == "snapshot" || event == "changes")) {
      seq = seq_in(line);
    }
  }
};

// Reactor-style reads: wait for readability, then drain the socket into one buffer per thread, so
// 5,000 idle viewers cost no buffer memory in the client.
std::atomic<bool> g_stopping{false};

void watch(Viewer& v, std::vector<char>& buffer) {
  v.socket.async_wait(tcp::socket::wait_read, [&v, &buffer](boost::system::error_code ec) {
    if (ec) {
      v.closed = true;
      v.ended = !g_stopping;
      return;
    }
    const auto at = now_ns();
    for (int i = 0; i < 8; ++i) {
      const auto n = v.socket.read_some(asio::buffer(buffer), ec);
      if (ec == asio::error::would_block) break;
      if (ec) {
        v.closed = true;
        v.ended = !g_stopping;
        return;
      }
      v.feed(buffer.data(), n, at);
      if (v.stage == Viewer::Stage::done) {
        v.ended = true;
        return;
      }
      if (n < buffer.size()) break;
    }
    watch(v, buffer);
  });
}

struct Receipt {
  std::int64_t seq, ack_ns, sent_ns;
};

// Marks go out open-loop: mark n is due at start + n/rate and leaves on any idle connection of a pool
// (--posters connections, the judges' tokens shared round-robin). A mark that finds every connection
// busy waits for one and counts as late; the rate then falls short, which the figures show.
struct PostConn {
  std::unique_ptr<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  const Judge* judge = nullptr;
  std::mt19937_64 rng;
  bool busy = false, dead = false;
};

struct Posting {
  std::deque<PostConn> conns;
  std::unique_ptr<asio::steady_timer> idle;  // cancelled whenever a connection becomes idle
  std::vector<Receipt> receipts;
  std::uint64_t errors = 0, late = 0, failed = 0;
  int busy = 0, peak_busy = 0;
  std::int64_t max_lag_ns = 0;
  std::string first_error;
};

awaitable<void> send_one(Posting& s, PostConn& c, std::string body) {
  try {
    http::request<http::string_body> req{http::verb::post, "/api/v1/marks", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer " + c.judge->token);
    req.set(http::field::content_type, "application/json");
    req.keep_alive(true);
    req.body() = std::move(body);
    req.prepare_payload();
    const auto sent = now_ns();
    c.stream->expires_after(std::chrono::seconds(10));
    co_await http::async_write(*c.stream, req, use_awaitable);
    http::response<http::string_body> res;
    co_await http::async_read(*c.stream, c.buffer, res, use_awaitable);
    const auto ack = now_ns();
    const auto seq = seq_in(res.body());
    if ((res.result_int() == 201 || res.result_int() == 200) && seq >= 0) {
      s.receipts.push_back({seq, ack, sent});
    } else if (s.errors++ == 0) {
      s.first_error = std::to_string(res.result_int()) + " " + res.body().substr(0, 300);
    }
  } catch (const std::exception& e) {
    c.dead = true;
    if (s.failed++ == 0) s.first_error = std::string("connection lost: ") + e.what();
  }
  c.busy = false;
  --s.busy;
  s.idle->cancel();
}

awaitable<void> post_marks(tcp::endpoint at, Posting& s, double rate, Clock::time_point start, Clock::time_point end,
                           std::string nonce) {
  const auto executor = co_await asio::this_coro::executor;
  for (auto& c : s.conns) {
    c.stream = std::make_unique<beast::tcp_stream>(executor);
    c.stream->expires_after(std::chrono::seconds(10));
    co_await c.stream->async_connect(at, use_awaitable);
    c.stream->socket().set_option(tcp::no_delay(true));
  }
  s.idle = std::make_unique<asio::steady_timer>(executor);
  asio::steady_timer timer(executor);
  boost::system::error_code ec;
  std::size_t next = 0;
  const auto pick = [&]() -> PostConn* {
    for (std::size_t i = 0; i < s.conns.size(); ++i) {
      auto& c = s.conns[(next + i) % s.conns.size()];
      if (!c.busy && !c.dead) {
        next = (next + i + 1) % s.conns.size();
        return &c;
      }
    }
    return nullptr;
  };
  for (std::uint64_t n = 0;; ++n) {
    const auto due = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(static_cast<double>(n) / rate));
    if (due >= end || Clock::now() >= end) break;
    if (due > Clock::now()) {
      timer.expires_at(due);
      co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
    }
    PostConn* c = nullptr;
    while (!(c = pick()) && Clock::now() < end) {
      s.idle->expires_at(end);
      co_await s.idle->async_wait(asio::redirect_error(use_awaitable, ec));
    }
    if (!c) break;
    const auto lag = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - due).count();
    s.max_lag_ns = std::max<std::int64_t>(s.max_lag_ns, lag);
    s.late += lag > 5'000'000;  // left more than 5 ms after it was due
    const auto& t = c->judge->targets[c->rng() % c->judge->targets.size()];
    const auto& a = (*t.aspects)[c->rng() % t.aspects->size()];
    std::string body = R"({"marks":[)";
    append_mark(body, nonce + "-" + std::to_string(n), t.entry_id, a.id, value_for(a, c->rng));
    body += "]}";
    c->busy = true;
    s.peak_busy = std::max(s.peak_busy, ++s.busy);
    asio::co_spawn(executor, send_one(s, *c, std::move(body)), asio::detached);
  }
  const auto give_up = Clock::now() + std::chrono::seconds(11);
  while (s.busy > 0 && Clock::now() < give_up) {
    s.idle->expires_at(give_up);
    co_await s.idle->async_wait(asio::redirect_error(use_awaitable, ec));
  }
  for (auto& c : s.conns) c.stream->socket().shutdown(tcp::socket::shutdown_both, ec);
}

// Latency histogram: 10 µs buckets up to 20 s.
struct Histogram {
  static constexpr std::int64_t kBucketNs = 10'000, kBuckets = 2'000'000;
  std::vector<std::uint64_t> counts = std::vector<std::uint64_t>(kBuckets + 1, 0);
  std::uint64_t total = 0, early = 0;  // early: the event reached the viewer before the POST's answer
  std::int64_t max_ns = 0;
  void add(std::int64_t ns) {
    if (ns < 0) ++early, ns = 0;
    max_ns = std::max(max_ns, ns);
    ++counts[static_cast<std::size_t>(std::min(ns / kBucketNs, kBuckets))];
    ++total;
  }
  double percentile_ms(double p) const {
    if (total == 0) return 0;
    const auto want = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if ((seen += counts[i]) >= std::max<std::uint64_t>(want, 1)) return static_cast<double>(i + 1) * kBucketNs / 1e6;
    return static_cast<double>(max_ns) / 1e6;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const Args args{argc, argv};
  const auto at = loopback_endpoint(args.get("url", ""));
  const auto board = args.get("board", "e1");
  const auto event_id = static_cast<std::int64_t>(args.num("event", 1));
  const auto accounts = parse_accounts(args.get("accounts", ""));
  const int viewers_n = static_cast<int>(args.num("viewers", 5000));
  const double rate = args.num("rate", 1000);
  const int posters_n = static_cast<int>(args.num("posters", 4));
  const double duration = args.num("duration", 20), warmup = args.num("warmup", 2), drain = args.num("drain", 3);
  const double connect_timeout = args.num("connect-timeout", 120);
  const int threads = std::max(1, static_cast<int>(args.num("threads", 1)));
  const int server_pid = static_cast<int>(args.num("server-pid", 0));
  const int sample_every = std::max(1, static_cast<int>(args.num("sample-every", 1)));
  if (duration <= 0 || duration > 300 || rate <= 0 || viewers_n < 1 || viewers_n > 60000 || posters_n < 1)
    die("bad --duration, --rate, --viewers or --posters");

  std::deque<Judge> judges;
  for (const auto& [user, password] : accounts) {
    auto& j = judges.emplace_back();
    j.username = user;
    j.token = login(at, user, password);
    load_tasks(at, j, event_id);
  }
  const double rss_start = server_pid ? rss_mib(server_pid) : 0;

  // Viewers: connect in waves of 256 at a time, each sends its GET and starts reading.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int i = 0; i < threads; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
  std::vector<std::vector<char>> buffers(static_cast<std::size_t>(threads), std::vector<char>(256 * 1024));
  std::vector<std::unique_ptr<Viewer>> viewers;
  viewers.reserve(static_cast<std::size_t>(viewers_n));
  const std::string get = "GET /api/v1/boards/" + board + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
  std::atomic<int> connected{0}, connect_failed{0};
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& c : contexts) guards.push_back(asio::make_work_guard(*c));
  std::vector<std::thread> pool;
  for (auto& c : contexts)
    pool.emplace_back([&c] {
      pthread_setname_np(pthread_self(), "viewers");
      c->run();
    });

  const auto connect_start = Clock::now();
  const auto connect_deadline = connect_start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(connect_timeout));
  for (int i = 0; i < viewers_n; ++i) {
    while (i - connected.load() - connect_failed.load() >= 256 && Clock::now() < connect_deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto t = static_cast<std::size_t>(i % threads);
    auto& v = *viewers.emplace_back(std::make_unique<Viewer>(*contexts[t]));
    v.arrivals.reserve(static_cast<std::size_t>(12 * (warmup + duration + drain) + 16));
    asio::post(*contexts[t], [&v, &at, &get, &buffer = buffers[t], &connected, &connect_failed] {
      v.socket.async_connect(at, [&v, &get, &buffer, &connected, &connect_failed](boost::system::error_code ec) {
        if (!ec) asio::write(v.socket, asio::buffer(get), ec);
        if (ec) {
          v.closed = true;
          ++connect_failed;
          return;
        }
        v.socket.non_blocking(true);
        ++connected;
        watch(v, buffer);
      });
    });
  }
  // Wait for every viewer's first snapshot (read without locks: counters only grow; a stale read
  // only delays this loop).
  auto snapshots_in = [&] {
    int n = 0;
    for (const auto& v : viewers) n += __atomic_load_n(&v->snapshots, __ATOMIC_RELAXED) > 0;
    return n;
  };
  int ready = 0;
  while ((ready = snapshots_in()) + connect_failed.load() < viewers_n && Clock::now() < connect_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const double connect_s = seconds_since(connect_start);
  std::fprintf(stderr, "viewers: %d connected, %d with a snapshot, %d failed, in %.1f s\n", connected.load(), ready,
               connect_failed.load(), connect_s);
  std::this_thread::sleep_for(std::chrono::seconds(1));  // let the snapshot burst settle
  const double rss_viewers = server_pid ? rss_mib(server_pid) : 0;

  // Posters on their own thread, so viewer parsing never delays an acknowledgement's timestamp.
  asio::io_context post_ioc(1);
  Posting posting;
  for (int i = 0; i < posters_n; ++i) {
    auto& c = posting.conns.emplace_back();
    c.judge = &judges[static_cast<std::size_t>(i) % judges.size()];
    c.rng.seed(static_cast<std::uint64_t>(i) * 104729 + 3);
  }
  const auto start = Clock::now() + std::chrono::milliseconds(100);
  const auto window_start = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmup));
  const auto end = window_start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
  const auto nonce = std::to_string(::getpid()) + "f" + std::to_string(std::random_device{}() % 1000000);
  std::atomic<int> poster_failed{0};
  asio::co_spawn(post_ioc, post_marks(at, posting, rate, start, end, nonce), [&poster_failed](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      ++poster_failed;
      std::fprintf(stderr, "posting failed: %s\n", x.what());
    }
  });
  std::thread post_thread([&] {
    pthread_setname_np(pthread_self(), "posters");
    post_ioc.run();
  });

  // Bytes the viewers received, summed on their own threads.
  auto bytes_now = [&] {
    std::atomic<std::uint64_t> sum{0};
    std::atomic<int> left{static_cast<int>(contexts.size())};
    for (std::size_t t = 0; t < contexts.size(); ++t)
      asio::post(*contexts[t], [&, t] {
        std::uint64_t b = 0;
        for (std::size_t i = t; i < viewers.size(); i += contexts.size()) b += viewers[i]->bytes;
        sum += b;
        --left;
      });
    while (left.load() > 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
    return sum.load();
  };

  // Server CPU and RSS over the window.
  std::this_thread::sleep_until(window_start);
  const double cpu0 = server_pid ? cpu_seconds(server_pid) : 0, self0 = cpu_seconds(::getpid());
  const auto bytes0 = bytes_now();
  double rss_peak = 0, rss_sum = 0;
  int rss_samples = 0;
  while (Clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    if (server_pid) {
      const double r = rss_mib(server_pid);
      rss_peak = std::max(rss_peak, r), rss_sum += r, ++rss_samples;
    }
  }
  const double cpu1 = server_pid ? cpu_seconds(server_pid) : 0, self1 = cpu_seconds(::getpid());
  const auto bytes1 = bytes_now();
  post_thread.join();
  std::this_thread::sleep_for(std::chrono::duration<double>(drain));
  g_stopping = true;
  for (std::size_t t = 0; t < contexts.size(); ++t)
    asio::post(*contexts[t], [&, t] {
      for (std::size_t i = t; i < viewers.size(); i += contexts.size()) {
        boost::system::error_code ec;
        if (!viewers[i]->closed) viewers[i]->socket.close(ec);
      }
    });
  guards.clear();
  for (auto& th : pool) th.join();

  // Marks acknowledged inside the window, by seq; each viewer's arrivals as a running maximum of seq.
  std::vector<Receipt> marks;
  std::uint64_t post_errors = 0;
  std::vector<std::uint32_t> post_us;
  const auto ws = std::chrono::duration_cast<std::chrono::nanoseconds>(window_start.time_since_epoch()).count();
  const auto we = std::chrono::duration_cast<std::chrono::nanoseconds>(end.time_since_epoch()).count();
  post_errors = posting.errors + posting.failed + static_cast<std::uint64_t>(poster_failed.load());
  if (!posting.first_error.empty()) std::fprintf(stderr, "poster error: %s\n", posting.first_error.c_str());
  for (const auto& r : posting.receipts) {
    if (r.ack_ns < ws || r.ack_ns > we) continue;
    marks.push_back(r);
    post_us.push_back(static_cast<std::uint32_t>((r.ack_ns - r.sent_ns) / 1000));
  }
  std::sort(marks.begin(), marks.end(), [](const Receipt& a, const Receipt& b) { return a.seq < b.seq; });
  std::sort(post_us.begin(), post_us.end());
  Histogram h;
  std::uint64_t missing = 0, sampled = 0, resyncs = 0, ended = 0, events_in_window = 0, snapshots = 0;
  for (std::size_t i = 0; i < viewers.size(); ++i) {
    auto& v = *viewers[i];
    resyncs += v.resyncs, ended += v.ended, snapshots += v.snapshots;
    for (const auto& a : v.arrivals) events_in_window += a.at_ns >= ws && a.at_ns <= we;
    if (i % static_cast<std::size_t>(sample_every) != 0 || v.snapshots == 0) continue;
    ++sampled;
    std::int64_t running = -1;
    for (auto& a : v.arrivals) running = std::max(running, a.seq), a.seq = running;
    std::size_t k = 0;
    for (const auto& m : marks) {
      while (k < v.arrivals.size() && v.arrivals[k].seq < m.seq) ++k;
      if (k == v.arrivals.size()) {
        missing += 1;
        continue;
      }
      h.add(v.arrivals[k].at_ns - m.ack_ns);
    }
  }

  std::printf("viewers %d viewers\n", viewers_n);
  std::printf("viewers_ready %d viewers\n", ready);
  std::printf("connect_s %.2f s\n", connect_s);
  std::printf("viewers_sampled %llu viewers\n", static_cast<unsigned long long>(sampled));
  std::printf("marks_per_s %.1f marks/s\n", static_cast<double>(marks.size()) / duration);
  std::printf("post_p50_ms %.3f ms\n", percentile(post_us, 50) / 1000);
  std::printf("post_p99_ms %.3f ms\n", percentile(post_us, 99) / 1000);
  std::printf("post_errors %llu requests\n", static_cast<unsigned long long>(post_errors));
  std::printf("post_late %llu marks\n", static_cast<unsigned long long>(posting.late));
  std::printf("post_max_lag_ms %.1f ms\n", static_cast<double>(posting.max_lag_ns) / 1e6);
  std::printf("posters_peak_busy %d connections\n", posting.peak_busy);
  std::printf("latency_p50_ms %.2f ms\n", h.percentile_ms(50));
  std::printf("latency_p99_ms %.2f ms\n", h.percentile_ms(99));
  std::printf("latency_p999_ms %.2f ms\n", h.percentile_ms(99.9));
  std::printf("latency_max_ms %.2f ms\n", static_cast<double>(h.max_ns) / 1e6);
  std::printf("latency_samples %llu marks×viewers\n", static_cast<unsigned long long>(h.total));
  std::printf("latency_missing %llu marks×viewers\n", static_cast<unsigned long long>(missing));
  std::printf("latency_early %llu marks×viewers\n", static_cast<unsigned long long>(h.early));
  std::printf("events_per_viewer_s %.2f events/s\n", static_cast<double>(events_in_window) / viewers_n / duration);
  std::printf("received_mib_s %.1f MiB/s\n", static_cast<double>(bytes1 - bytes0) / (1 << 20) / duration);
  std::printf("resyncs %llu events\n", static_cast<unsigned long long>(resyncs));
  std::printf("snapshots %llu events\n", static_cast<unsigned long long>(snapshots));
  std::printf("streams_ended %llu viewers\n", static_cast<unsigned long long>(ended));
  if (server_pid) {
    std::printf("server_cpu %.1f %%core\n", 100 * (cpu1 - cpu0) / duration);
    std::printf("server_rss_start_mib %.1f MiB\n", rss_start);
    std::printf("server_rss_viewers_mib %.1f MiB\n", rss_viewers);
    std::printf("server_rss_mean_mib %.1f MiB\n", rss_samples ? rss_sum / rss_samples : 0.0);
    std::printf("server_rss_peak_mib %.1f MiB\n", rss_peak);
  }
  std::printf("client_cpu %.1f %%core\n", 100 * (self1 - self0) / duration);
  return 0;
}
