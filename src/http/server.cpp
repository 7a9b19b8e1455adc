#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <thread>

#include "core/platform/text.hpp"
#include "http/sse_channel.hpp"

namespace skb::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr const char* kSecurityHeaders[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
     "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"},
};

Request to_request(const bhttp::request<bhttp::string_body>& in, const std::string& client) {
  Request r;
  r.method = std::string(in.method_string());
  r.client = client;
  const std::string target(in.target());
  if (target.find_first_of("?%") == std::string::npos) {
    r.path = target;  // nothing to decode: skip the URL parser on the hot path
  } else if (auto parsed = boost::urls::parse_origin_form(target)) {
    r.path = parsed->path();
    for (auto param : parsed->params()) r.query[param.key] = param.value;
  } else {
    r.path = target.substr(0, target.find('?'));
  }
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(field.value());
  }
  r.body = in.body();
  return r;
}

bhttp::response<bhttp::string_body> to_beast(Response&& r, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "skillbrain");
  if (!r.content_type.empty()) out.set(bhttp::field::content_type, r.content_type);
  for (const auto& h : kSecurityHeaders) out.set(h[0], h[1]);
  for (auto& [name, value] : r.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  out.body() = head ? std::string() : std::move(r.body);
  out.prepare_payload();
  return out;
}

Response plain_error(int status, const std::string& code, const std::string& message) {
  return error_response(status, code, message);
}

}  // namespace

struct Server::Impl {
  Impl(const Router& r, const StaticFiles& f, ServerOptions o)
      : router(r), files(f), options(std::move(o)),
        io_threads(options.io_threads > 0 ? options.io_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
        contexts(make_contexts(io_threads)),
        ioc(*contexts.front()),
        workers(static_cast<size_t>(options.worker_threads > 0 ? options.worker_threads : std::max(64, 8 * io_threads))),
        acceptor(ioc), signals(ioc, SIGINT, SIGTERM) {
    for (auto& c : contexts) guards.push_back(asio::make_work_guard(*c));
  }

  // One single-threaded io_context per I/O thread: a connection lives on one thread for its whole
  // life, so its session needs no strand and no locks (the accept loop deals connections round-robin).
  static std::vector<std::unique_ptr<asio::io_context>> make_contexts(int n) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    for (int i = 0; i < n; ++i) out.push_back(std::make_unique<asio::io_context>(1));
    return out;
  }

  const Router& router;
  const StaticFiles& files;
  ServerOptions options;
  int io_threads;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  asio::io_context& ioc;  // the first context: accepting, signals, shutdown
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  size_t next_context = 0;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};

  Response answer(Request& req) {
    if (router.handles(req.path)) return router.dispatch(req);
    if (req.method != "GET" && req.method != "HEAD") return plain_error(405, "method_not_allowed", "only GET here");
    if (auto r = files.serve(req.path)) return std::move(*r);
    return plain_error(404, "not_found", "no such page");
  }

  // Spectators' board reads touch only the in-memory boards (no session to look up, no database once the
  // board is loaded): answered on the I/O thread, they skip two thread hand-offs. Streams still go to the
  // pool, which subscribes them.
  static bool answers_inline(const Request& req) {
    return req.method == "GET" && req.path.starts_with("/api/v1/boards/") && !req.path.ends_with("/stream") &&
           req.headers.count("authorization") == 0 && req.headers.count("cookie") == 0;
  }

  awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    const auto endpoint = stream.socket().remote_endpoint(ec);
    const std::string client = ec ? "?" : endpoint.address().to_string();
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(16 * 1024);
      // The largest limit first (Beast checks Content-Length against it as soon as the header is read),
      // narrowed below once the target is known.
      parser.body_limit(options.import_body_limit);
      stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
          ec == asio::error::connection_reset || ec == asio::error::operation_aborted)
        break;
      std::optional<Response> early;
      if (ec == bhttp::error::body_limit) {
        early = plain_error(413, "body_too_large", "请求体过大 (request body too large)");
      } else if (ec == bhttp::error::header_limit) {
        early = plain_error(431, "headers_too_large", "请求头过大 (request headers too large)");
      } else if (ec) {
        early = plain_error(400, "bad_request", "无法解析的 HTTP 请求 (malformed HTTP request)");
      } else {
        const auto target = parser.get().target();
        const bool import = parser.get().method() == bhttp::verb::post && target.ends_with("/import");
        if (!import) parser.body_limit(options.body_limit);
        const auto declared = parser.content_length();
        if (!import && declared && *declared > options.body_limit)
          early = plain_error(413, "body_too_large", "请求体过大 (request body too large)");
        if (!early) {
          co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
          if (ec == beast::error::timeout || ec == asio::error::eof || ec == asio::error::connection_reset) break;
          if (ec == bhttp::error::body_limit)
            early = plain_error(413, "body_too_large", "请求体过大 (request body too large)");
          else if (ec)
            early = plain_error(400, "bad_request", "无法解析的 HTTP 请求体 (malformed request body)");
        }
      }

      const auto started = std::chrono::steady_clock::now();
      auto& message = parser.get();
      const bool keep_alive = !early && message.keep_alive() && !stopping;
      const bool head = message.method() == bhttp::verb::head;
      Request req = to_request(message, client);
      Response res;
      if (early) {
        res = std::move(*early);
      } else if (req.path != "/api/v1/health" && router.handles(req.path) && !answers_inline(req)) {
        // Handlers may block on the database: run them on the worker pool, resume here afterwards.
        ++in_flight;
        res = co_await asio::co_spawn(workers, [&]() -> awaitable<Response> { co_return answer(req); }, use_awaitable);
        --in_flight;
      } else {
        res = answer(req);
      }
      if (res.stream) {
        if (options.access_log) spdlog::info("{} {} {} stream opened", client, core::escape_for_log(req.method), core::escape_for_log(req.path));
        co_await stream_events(stream, std::move(res));
        break;
      }
      const int status = res.status;
      auto out = to_beast(std::move(res), message.version(), keep_alive, head);
      const auto bytes = out.body().size();
      stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      co_await bhttp::async_write(stream, out, asio::redirect_error(use_awaitable, ec));
      if (options.access_log) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        spdlog::info("{} {} {} {} {}B {:.1f}ms", client, core::escape_for_log(req.method), core::escape_for_log(req.path), status, bytes, ms);
      }
      if (ec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // Server-sent events: chunked, the first events at once, then whatever the hub queues (the hub
  // coalesces, so one write carries everything pending), and a heartbeat when nothing happens.
  awaitable<void> stream_events(beast::tcp_stream& stream, Response res) {
    auto channel = res.stream;
    auto executor = stream.get_executor();
    auto timer = std::make_shared<asio::steady_timer>(executor);
    channel->attach([timer, executor] { asio::post(executor, [timer] { timer->cancel(); }); });
    std::string head = "HTTP/1.1 200 OK\r\nServer: skillbrain\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                       "Cache-Control: no-cache, no-store\r\nX-Accel-Buffering: no\r\nTransfer-Encoding: chunked\r\n";
    for (const auto& h : kSecurityHeaders) head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    head += "\r\n";
    // The first events are often a whole snapshot: keep one copy only, not one per step.
    auto first = std::make_shared<std::string>("retry: 3000\n\n");
    first->append(res.body);
    res.body.clear();
    res.body.shrink_to_fit();
    std::vector<std::shared_ptr<const std::string>> items{std::move(first)};
    boost::system::error_code ec;
    stream.expires_never();
    bool head_sent = false;
    auto next_heartbeat = std::chrono::steady_clock::now() + std::chrono::seconds(options.heartbeat_seconds);
    while (!stopping) {
      if (items.empty() && !channel->has_pending()) {
        timer->expires_at(next_heartbeat);
        co_await timer->async_wait(asio::redirect_error(use_awaitable, ec));
        if (stopping) break;
      }
      auto more = channel->take();
      items.insert(items.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
      const auto now = std::chrono::steady_clock::now();
      if (items.empty() && now < next_heartbeat) continue;
      if (items.empty())
        items.push_back(std::make_shared<const std::string>("event: heartbeat\ndata: {\"time\":\"" + service::format_rfc3339(std::chrono::system_clock::now()) + "\"}\n\n"));
      next_heartbeat = now + std::chrono::seconds(options.heartbeat_seconds);
      std::size_t size = 0;
      for (const auto& i : items) size += i->size();
      char prefix[32];
      const int n = std::snprintf(prefix, sizeof prefix, "%zx\r\n", size);
      std::vector<asio::const_buffer> buffers;
      if (!head_sent) buffers.push_back(asio::buffer(head)), head_sent = true;
      buffers.push_back(asio::buffer(prefix, static_cast<size_t>(n)));
      for (const auto& i : items) buffers.push_back(asio::buffer(*i));
      buffers.push_back(asio::buffer("\r\n", 2));
      stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));  // a viewer that stops reading is let go
      co_await asio::async_write(stream, buffers, asio::redirect_error(use_awaitable, ec));
      stream.expires_never();
      items.clear();
      if (ec) break;
    }
    channel->close();
    if (channel->on_close) channel->on_close();
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      auto& target = *contexts[next_context++ % contexts.size()];
      tcp::socket socket = co_await acceptor.async_accept(target, asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;  // e.g. too many open files: keep serving the connections we have
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, session(std::move(socket)), asio::detached);
    }
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    spdlog::info("stopping: no new connections; finishing {} request(s) in flight", in_flight.load());
    boost::system::error_code ec;
    acceptor.close(ec);
    // Wait (at most 10 s) for requests in flight, then stop the I/O threads.
    auto timer = std::make_shared<asio::steady_timer>(ioc);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, timer, deadline, poll] {
      if (in_flight.load() == 0 || std::chrono::steady_clock::now() > deadline) {
        for (auto& c : contexts) c->stop();
        *poll = nullptr;
        return;
      }
      timer->expires_after(std::chrono::milliseconds(20));
      timer->async_wait([poll](const boost::system::error_code&) { if (*poll) (*poll)(); });
    };
    asio::post(ioc, [poll] { (*poll)(); });
  }
};

Server::Server(const Router& router, const StaticFiles& files, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, files, std::move(options))) {}

Server::~Server() {
  impl_->workers.join();
}

std::uint16_t Server::listen() {
  auto& a = impl_->acceptor;
  const tcp::endpoint endpoint(asio::ip::make_address(impl_->options.host), impl_->options.port);
  a.open(endpoint.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(endpoint);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::run() {
  impl_->signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) impl_->begin_stop();
  });
  asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl_->contexts.size(); ++i) threads.emplace_back([this, i] { impl_->contexts[i]->run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->workers.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_stop(); });
}

}  // namespace skb::http
