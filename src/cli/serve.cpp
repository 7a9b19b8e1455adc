#include <spdlog/spdlog.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "http/server.hpp"

namespace skb::cli {

int serve(service::Services& services, const Wiring& wiring, const ServeOptions& o) {
  http::Router router(services);
  wiring.add_routes(router, services, {wiring.version, o.secure_cookies});
  http::StaticFiles files(o.web_root);
  http::ServerOptions options;
  options.host = o.host;
  options.port = static_cast<std::uint16_t>(o.port);
  options.io_threads = o.threads;
  options.access_log = o.access_log;
  http::Server server(router, files, options);
  const auto port = server.listen();
  // Tests and scripts read this exact line to find the port.
  std::printf("listening on http://%s:%u\n", o.host == "0.0.0.0" ? "127.0.0.1" : o.host.c_str(), port);
  std::fflush(stdout);
  server.run();
  spdlog::info("stopped");
  return 0;
}

}  // namespace skb::cli
