#pragma once
// The HTTP server (Boost.Beast): keep-alive sessions on a small pool of I/O threads, API handlers run
// on a separate worker pool so a slow database call never stalls reading or writing other sockets.
// Limits on header and body sizes, timeouts on every read, security headers on every answer, an access
// log, and a graceful stop on SIGINT/SIGTERM that lets requests in flight finish.
#include <cstdint>
#include <memory>
#include <string>

#include "http/router.hpp"
#include "http/static_files.hpp"

namespace skb::http {

struct ServerOptions {
  std::string host = "0.0.0.0";
  std::uint16_t port = 8080;  // 0 = any free port
  int io_threads = 0;         // 0 = the number of cores
  int worker_threads = 0;     // 0 = max(64, 8 × cores): handlers block on the database, and concurrent writes share a commit
  std::size_t body_limit = 2 * 1024 * 1024;
  std::size_t import_body_limit = 32 * 1024 * 1024;  // POST …/import
  int read_timeout_seconds = 30;
  int heartbeat_seconds = 15;  // server-sent events: a comment-free heartbeat event when idle
  bool access_log = true;
};

class Server {
 public:
  Server(const Router& router, const StaticFiles& files, ServerOptions options);
  ~Server();
  // Binds and listens; returns the port (useful with port 0).
  std::uint16_t listen();
  // Serves until SIGINT/SIGTERM or stop(); returns after in-flight requests finished.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace skb::http
