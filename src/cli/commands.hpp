#pragma once
// The `skillbrain` command line: serve, migrate, demo, create-admin, import, export, verify-audit,
// version. main.cpp passes in the wiring (which store, which routes); the commands call service/.
#include <functional>
#include <memory>
#include <string>

#include "http/handlers/handlers.hpp"
#include "http/router.hpp"
#include "service/services.hpp"
#include "store/database.hpp"

namespace skb::cli {

struct Wiring {
  std::function<std::unique_ptr<store::Database>(const std::string& url)> open_database;
  std::function<void(http::Router&, service::Services&, const http::ServerInfo&)> add_routes;
  std::string version;
};

int run(int argc, char** argv, const Wiring& wiring);

struct ServeOptions {
  std::string host = "0.0.0.0";
  int port = 8080;
  std::string web_root = "web/dist";
  int threads = 0;
  bool access_log = true;
  bool secure_cookies = false;
  double simulate_judges = 0;  // marks a second given by simulated judges (demo big screens); 0 = off
};
int serve(service::Services& services, const Wiring& wiring, const ServeOptions& options);

}  // namespace skb::cli
