// Wiring only: which store, which routes. Everything else is a library the tests link too.
#include "cli/commands.hpp"
#include "http/handlers/handlers.hpp"
#include "store/database.hpp"

int main(int argc, char** argv) {
  skb::cli::Wiring wiring;
  wiring.open_database = [](const std::string& url) { return skb::store::open_database(url); };
  wiring.add_routes = [](skb::http::Router& router, skb::service::Services& services, const skb::http::ServerInfo& info) {
    skb::http::add_all_routes(router, services, info);
  };
  wiring.version = SKB_VERSION;
  return skb::cli::run(argc, argv, wiring);
}
