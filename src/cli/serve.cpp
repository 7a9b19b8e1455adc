#include <spdlog/spdlog.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "core/platform/error.hpp"
#include "http/server.hpp"
#include "service/demo/judge_simulator.hpp"
#include "service/exams/sweeper.hpp"
#include "service/talent/portrait_refresh.hpp"

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
  services.boards.start();  // rebuilds the live boards from the mark log before the first request
  std::uint16_t port = 0;
  try {
    port = server.listen();
  } catch (const std::exception& e) {
    const std::string why = std::string(e.what()).substr(0, std::string(e.what()).find(" ["));  // drop Boost's source location
    throw core::Error(core::ErrorKind::invalid, "listen_failed",
                      "cannot listen on " + o.host + ":" + std::to_string(o.port) + " (" + why +
                          "); choose another port with --port or SKB_PORT");
  }
  // Tests and scripts read this exact line to find the port.
  std::printf("listening on http://%s:%u\n", o.host == "0.0.0.0" ? "127.0.0.1" : o.host.c_str(), port);
  std::fflush(stdout);
  std::optional<service::JudgeSimulator> simulator;
  if (o.simulate_judges > 0) simulator.emplace(services, o.simulate_judges).start();
  service::ExamSweeper sweeper(services.exam_sessions);
  sweeper.start();
  service::PortraitRefresher refresher(services.ctx);
  refresher.start();
  server.run();
  refresher.stop();
  sweeper.stop();
  if (simulator) simulator->stop();
  services.boards.stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace skb::cli
