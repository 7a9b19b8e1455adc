// Durable marks over HTTP (issue benchmark 3): C connections (default 64), each signed in as one of the
// given judges (connections share a judge's token round-robin), post POST /api/v1/marks back to back
// on a kept-alive connection: one mark per request ({"marks":[one]}, --mode single) or the whole sheet
// of one entrant, every aspect of its event (--mode sheet, as the judge's phone sends it). Every mark
// has a fresh client_id; entrants and aspects are drawn at random from the judge's tasks, so a judge
// often amends an earlier mark (allowed). The server acknowledges only after the SQLite commit that
// holds the mark. Requests completing inside the window (after --warmup) count.
// Prints "name value unit" lines: marks/s, requests/s, p50/p99/max latency of a request, errors,
// and the server's CPU if --server-pid is given.
//   skb_bench_marks --url http://127.0.0.1:PORT --accounts judge11:pw,judge12:pw --connections 64
//                   --duration 10 --warmup 2 --mode single|sheet [--threads 1] [--server-pid PID]
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "common.hpp"

using namespace live;
using asio::awaitable;
using asio::use_awaitable;

namespace {

struct Shared {
  tcp::endpoint at;
  bool sheet = false;
  std::string nonce;
  Clock::time_point window_start, window_end;
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> errors{0};
  std::mutex first_error_mutex;
  std::string first_error;
};

struct Tally {
  std::vector<std::uint32_t> latency_us;  // requests completed inside the window
  std::uint64_t marks = 0, requests = 0;
};

awaitable<void> client(Shared& s, const Judge& judge, int index, Tally& tally) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(std::chrono::seconds(10));
  co_await stream.async_connect(s.at, use_awaitable);
  stream.socket().set_option(tcp::no_delay(true));
  std::mt19937_64 rng(static_cast<std::uint64_t>(index) * 7919 + 17);
  http::request<http::string_body> req{http::verb::post, "/api/v1/marks", 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::authorization, "Bearer " + judge.token);
  req.set(http::field::content_type, "application/json");
  req.keep_alive(true);
  beast::flat_buffer buffer;
  std::uint64_t n = 0;
  std::string body, client_id;
  while (!s.stop.load(std::memory_order_relaxed)) {
    const auto& t = judge.targets[rng() % judge.targets.size()];
    body.assign(R"({"marks":[)");
    std::size_t count = 0;
    const auto add = [&](const Aspect& a) {
      client_id = s.nonce + "-" + std::to_string(index) + "-" + std::to_string(n++);
      if (count++) body.push_back(',');
      append_mark(body, client_id, t.entry_id, a.id, value_for(a, rng));
    };
    if (s.sheet) {
      for (const auto& a : *t.aspects) add(a);
    } else {
      add((*t.aspects)[rng() % t.aspects->size()]);
    }
    body.append("]}");
    req.body() = body;
    req.prepare_payload();
    const auto sent = Clock::now();
    stream.expires_after(std::chrono::seconds(10));
    co_await http::async_write(stream, req, use_awaitable);
    http::response<http::string_body> res;
    co_await http::async_read(stream, buffer, res, use_awaitable);
    const auto done = Clock::now();
    if (res.result_int() != 201 && res.result_int() != 200) {
      if (s.errors++ == 0) {
        std::lock_guard lock(s.first_error_mutex);
        s.first_error = std::to_string(res.result_int()) + " " + res.body().substr(0, 300);
      }
      continue;
    }
    if (sent >= s.window_start && done <= s.window_end) {
      tally.latency_us.push_back(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(done - sent).count()));
      tally.marks += count;
      ++tally.requests;
    }
  }
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args{argc, argv};
  Shared s;
  s.at = loopback_endpoint(args.get("url", ""));
  const auto accounts = parse_accounts(args.get("accounts", ""));
  const int connections = static_cast<int>(args.num("connections", 64));
  const double duration = args.num("duration", 10), warmup = args.num("warmup", 2);
  const int threads = std::max(1, static_cast<int>(args.num("threads", 1)));
  const int server_pid = static_cast<int>(args.num("server-pid", 0));
  const auto mode = args.get("mode", "single");
  if (mode != "single" && mode != "sheet") die("--mode single|sheet");
  s.sheet = mode == "sheet";
  if (duration <= 0 || duration > 300) die("--duration: 0 < seconds ≤ 300");
  s.nonce = std::to_string(::getpid()) + "x" + std::to_string(std::random_device{}() % 1000000);

  std::deque<Judge> judges;
  for (const auto& [user, password] : accounts) {
    auto& j = judges.emplace_back();
    j.username = user;
    j.token = login(s.at, user, password);
    load_tasks(s.at, j);
  }

  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int i = 0; i < threads; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
  std::vector<Tally> tallies(static_cast<std::size_t>(connections));
  const auto start = Clock::now();
  s.window_start = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmup));
  s.window_end = s.window_start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
  std::atomic<int> failed{0};
  for (int i = 0; i < connections; ++i)
    asio::co_spawn(*contexts[static_cast<std::size_t>(i % threads)],
                   client(s, judges[static_cast<std::size_t>(i) % judges.size()], i, tallies[static_cast<std::size_t>(i)]),
                   [&failed](std::exception_ptr e) {
                     if (!e) return;
                     try {
                       std::rethrow_exception(e);
                     } catch (const std::exception& x) {
                       if (failed++ == 0) std::fprintf(stderr, "connection failed: %s\n", x.what());
                     }
                   });
  std::vector<std::thread> pool;
  for (auto& c : contexts) pool.emplace_back([&c] { c->run(); });

  std::this_thread::sleep_until(s.window_start);
  const double cpu0 = server_pid ? cpu_seconds(server_pid) : 0, self0 = cpu_seconds(::getpid());
  std::this_thread::sleep_until(s.window_end);
  const double cpu1 = server_pid ? cpu_seconds(server_pid) : 0, self1 = cpu_seconds(::getpid());
  s.stop = true;
  for (auto& t : pool) t.join();

  std::vector<std::uint32_t> all;
  std::uint64_t marks = 0, requests = 0;
  for (auto& t : tallies) {
    all.insert(all.end(), t.latency_us.begin(), t.latency_us.end());
    marks += t.marks;
    requests += t.requests;
  }
  std::sort(all.begin(), all.end());
  std::printf("marks_per_s %.1f marks/s\n", static_cast<double>(marks) / duration);
  std::printf("requests_per_s %.1f req/s\n", static_cast<double>(requests) / duration);
  std::printf("marks_per_request %.2f marks\n", requests ? static_cast<double>(marks) / static_cast<double>(requests) : 0.0);
  std::printf("p50_ms %.3f ms\n", percentile(all, 50) / 1000);
  std::printf("p99_ms %.3f ms\n", percentile(all, 99) / 1000);
  std::printf("max_ms %.3f ms\n", all.empty() ? 0.0 : all.back() / 1000.0);
  std::printf("errors %llu requests\n", static_cast<unsigned long long>(s.errors.load()));
  std::printf("failed_connections %d connections\n", failed.load());
  if (server_pid) std::printf("server_cpu %.1f %%core\n", 100 * (cpu1 - cpu0) / duration);
  std::printf("client_cpu %.1f %%core\n", 100 * (self1 - self0) / duration);
  if (!s.first_error.empty()) std::fprintf(stderr, "first error: %s\n", s.first_error.c_str());
  return failed.load() == connections ? 1 : 0;
}
