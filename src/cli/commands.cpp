#include "cli/commands.hpp"
#include "cli/verify_evidence.hpp"

#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/platform/csv.hpp"
#include "core/platform/error.hpp"
#include "service/contest/mark_trail.hpp"
#include "service/demo/assessments.hpp"
#include "service/demo/competition.hpp"
#include "service/demo/exams.hpp"
#include "service/demo/organisations.hpp"
#include "service/demo/training.hpp"
#include "service/talent/portrait_refresh.hpp"
#include "service/people/worker_sheet.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/spreadsheet.hpp"

namespace skb::cli {
namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// The data key lives beside the database file by default, never inside it.
std::string default_key_file(const std::string& db_url) {
  if (db_url.starts_with("sqlite:") && db_url != "sqlite::memory:") {
    const auto dir = std::filesystem::path(db_url.substr(7)).parent_path();
    return ((dir.empty() ? std::filesystem::path(".") : dir) / "skillbrain.key").string();
  }
  return "./data/skillbrain.key";
}

std::string read_password_from_stdin() {
  const bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << "Password: " << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

// The CLI acts as the operator of the installation: admin at the top organisation.
service::Actor system_actor(store::Database& db) {
  service::Actor a;
  a.username = std::string(service::kSystemActor);
  db.read([&](store::Connection& c) {
    if (auto root = c.query_one("SELECT id, path, name FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1"))
      a.grants.push_back({core::Role::admin, root->i64(0), root->str(1), root->str(2)});
  });
  if (a.grants.empty()) throw core::invalid("db", "the database has no organisations yet: run `skillbrain demo` or `create-admin` first");
  return a;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::invalid("file", "cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int run(int argc, char** argv, const Wiring& wiring) {
  CLI::App app{"SkillBrain 技能数字大脑 — skills competitions, judging and lifelong skill records for trade unions"};
  app.require_subcommand(1);
  app.set_version_flag("--version", wiring.version);

  std::string db_url = env_or("SKB_DB", "sqlite:./data/skillbrain.db");
  std::string key_file = env_or("SKB_SECRET_KEY_FILE", "");
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--db", db_url, "Database URL (env SKB_DB), e.g. sqlite:./data/skillbrain.db")->capture_default_str();
    cmd->add_option("--key-file", key_file, "File holding the key that seals personal data (env SKB_SECRET_KEY_FILE; default: beside the database)");
  };

  ServeOptions serve_options;
  serve_options.port = std::stoi(env_or("SKB_PORT", "8080"));
  serve_options.host = env_or("SKB_HOST", "0.0.0.0");
  serve_options.web_root = env_or("SKB_WEB_ROOT", "web/dist");
  auto* serve_cmd = app.add_subcommand("serve", "Start the HTTP server (migrates an empty database first)");
  add_common(serve_cmd);
  serve_cmd->add_option("--port", serve_options.port, "TCP port (env SKB_PORT); 0 = any free port, printed")->capture_default_str();
  serve_cmd->add_option("--host", serve_options.host, "Address to listen on (env SKB_HOST)")->capture_default_str();
  serve_cmd->add_option("--web", serve_options.web_root, "Directory of the built web front end (env SKB_WEB_ROOT)")->capture_default_str();
  serve_cmd->add_option("--threads", serve_options.threads, "I/O threads (0 = number of cores)");
  serve_cmd->add_flag("!--no-access-log", serve_options.access_log, "Do not log each request");
  serve_cmd->add_flag("--secure-cookies", serve_options.secure_cookies, "Mark cookies Secure (when served over HTTPS)");
  serve_cmd->add_option("--simulate-judges", serve_options.simulate_judges,
                        "Demo only: simulated judges give this many marks a second to what is still unmarked in running competitions")
      ->check(CLI::Range(0.0, 1000.0));
  std::string public_url = env_or("SKB_PUBLIC_URL", "");
  serve_cmd->add_option("--public-url", public_url, "Address people use to reach this server, for certificate QR codes (env SKB_PUBLIC_URL; default http://localhost:PORT)");

  auto* migrate_cmd = app.add_subcommand("migrate", "Apply database migrations");
  add_common(migrate_cmd);

  int demo_workers = 2000;
  bool demo_small = false;
  auto* demo_cmd = app.add_subcommand("demo", "Seed deterministic demo data (温州市总工会) and one account per role");
  add_common(demo_cmd);
  demo_cmd->add_option("--workers", demo_workers, "Number of demo workers")->capture_default_str()->check(CLI::Range(0, 200000));
  demo_cmd->add_flag("--small", demo_small, "A small demo (200 workers), for tests");

  std::string admin_name;
  auto* admin_cmd = app.add_subcommand("create-admin", "Create an administrator; the password is read from standard input");
  add_common(admin_cmd);
  admin_cmd->add_option("--username", admin_name, "User name")->required();

  std::string import_kind, import_file;
  bool import_partial = false;
  auto* import_cmd = app.add_subcommand("import", "Import workers from a CSV file (header: 姓名,性别,工号,单位,工种,技能等级,手机号,身份证号)");
  add_common(import_cmd);
  import_cmd->add_option("kind", import_kind, "What to import: workers")->required()->check(CLI::IsMember({"workers"}));
  import_cmd->add_option("file", import_file, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);
  import_cmd->add_flag("--partial", import_partial, "Import the valid rows even when some rows are invalid");

  std::string export_kind, export_out;
  auto* export_cmd = app.add_subcommand("export", "Export workers to .xlsx or .csv (personal data masked)");
  add_common(export_cmd);
  export_cmd->add_option("kind", export_kind, "What to export: workers")->required()->check(CLI::IsMember({"workers"}));
  export_cmd->add_option("--out", export_out, "Output file (.xlsx or .csv)")->required();

  auto* verify_cmd = app.add_subcommand("verify-audit", "Check the audit log's hash chain (names the first broken entry), then every mark against its audit record");
  add_common(verify_cmd);

  auto* evidence_cmd = app.add_subcommand("verify-evidence", "Derive the capability evidence afresh from competition marks, exam and practice answers and training records and compare it with the talent record");
  add_common(evidence_cmd);
  bool evidence_repair = false;
  evidence_cmd->add_flag("--repair", evidence_repair, "Rewrite the record where it differs (fills it for data from before it existed)");

  auto* refresh_cmd = app.add_subcommand("refresh-portraits", "Refresh the portraits that no new evidence has touched for a while (older evidence counts less as time passes)");
  add_common(refresh_cmd);
  int refresh_days = 7;
  refresh_cmd->add_option("--older-than-days", refresh_days, "Refresh portraits last refreshed more than this many days ago")->check(CLI::Range(0, 3650));

  auto* calibrate_cmd = app.add_subcommand("calibrate-items", "Estimate each exam question's difficulty from the answers of workers of known ability, then rewrite the evidence that reads it");
  add_common(calibrate_cmd);

  app.add_subcommand("version", "Print the version");
  app.add_subcommand("routes", "List the HTTP API's routes (method, path, access), as served");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto* cmd = app.get_subcommands().front();
  if (cmd->get_name() == "version") {
    std::cout << "skillbrain " << wiring.version << "\n";
    return 0;
  }
  if (cmd->get_name() == "routes") {
    auto db = wiring.open_database("sqlite::memory:");
    const service::Sealer sealer(std::string(32, '\0'));
    service::Services services(service::Context{*db, sealer});
    http::Router router(services);
    wiring.add_routes(router, services, {wiring.version, false});
    for (const auto& r : router.routes())
      std::cout << r.method << " " << r.pattern << " " << (r.access == http::Access::open ? "open" : r.access == http::Access::optional ? "optional" : "signed_in") << "\n";
    return 0;
  }

  try {
    auto db = wiring.open_database(db_url);
    const int applied = db->migrate();
    if (applied > 0) spdlog::info("applied {} migration(s) to {}", applied, db_url);
    if (cmd == migrate_cmd) {
      std::cout << "migrations applied: " << applied << "\n";
      return 0;
    }
    const auto sealer = service::Sealer::from_key_file(key_file.empty() ? default_key_file(db_url) : key_file);
    service::Services services(service::Context{*db, sealer});
    services.ctx.public_url = !public_url.empty() ? public_url : "http://localhost:" + std::to_string(serve_options.port);

    if (cmd == serve_cmd) return serve(services, wiring, serve_options);

    if (cmd == demo_cmd) {
      const auto summary = service::seed_demo(services.ctx, demo_small ? 200 : demo_workers);
      if (summary.already_seeded) {
        std::cout << "demo data is already present; nothing changed\n";
        return 0;
      }
      const auto contest = service::seed_demo_competition(services, demo_small ? 12 : 100);
      const auto exams = service::seed_demo_exams(services, demo_small ? 30 : 120);
      const auto training = service::seed_demo_training(services);
      const auto assessments = service::seed_demo_assessments(services);
      std::cout << "demo: " << summary.orgs << " organisations, " << summary.work_types << " work types, "
                << summary.workers << " workers; 1 competition with " << contest.events << " events, " << contest.entries
                << " entrants, " << contest.marks << " marks; " << exams.questions << " questions, " << exams.levels
                << " practice levels, " << exams.exams << " exams (" << exams.sat << " candidates sat the finished one); "
                << training.courses << " courses, " << training.completions << " completions, " << training.honours << " honours; " << assessments.assessments
                << " post assessment (" << assessments.assessed << " assessed)\n";
      std::cout << "demo accounts (passwords are shown only now):\n";
      for (const auto& a : summary.accounts)
        std::cout << "  " << a.role << "\t" << a.username << "\t" << a.password << "\t(" << a.scope << ")\n";
      for (const auto& a : contest.accounts)
        std::cout << "  " << a.role << "\t" << a.username << "\t" << a.password << "\t(" << a.scope << ")\n";
      return 0;
    }
    if (cmd == admin_cmd) {
      const auto password = read_password_from_stdin();
      const auto user = services.auth.create_admin(admin_name, password);
      std::cout << "created admin " << user.username << "\n";
      return 0;
    }
    if (cmd == import_cmd) {
      const auto rows = service::import_rows_from_csv(read_file(import_file));
      const auto outcome = services.workers.import(system_actor(*db), rows, !import_partial);
      for (const auto& p : outcome.problems) std::cerr << "row " << p.row << " " << p.field << ": " << p.message << "\n";
      std::cout << "imported " << outcome.imported << " worker(s)\n";
      return outcome.problems.empty() ? 0 : 3;
    }
    if (cmd == export_cmd) {
      const auto rows = services.workers.export_rows(system_actor(*db), {});
      const auto sheet = service::workers_sheet(rows);
      std::ofstream out(export_out, std::ios::binary);
      if (export_out.ends_with(".csv")) {
        out << "\xEF\xBB\xBF";  // BOM: Excel opens UTF-8 CSV correctly with it
        auto line = [&](const std::vector<std::string>& cells) {
          for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << core::csv_export_cell(cells[i]);
          out << "\r\n";
        };
        line(sheet.header);
        for (const auto& r : sheet.rows) line(r);
      } else {
        out << service::write_xlsx({sheet});
      }
      std::cout << "exported " << rows.size() << " worker(s) to " << export_out << "\n";
      return 0;
    }
    if (cmd == evidence_cmd) return verify_evidence(services, evidence_repair, std::cout);
    if (cmd == calibrate_cmd) return calibrate_items(services, std::cout);
    if (cmd == refresh_cmd) {
      const int n = service::refresh_stale_portraits(services.ctx, std::chrono::hours(24 * refresh_days), 1 << 30);
      std::cout << "refreshed " << n << " portrait(s) last refreshed more than " << refresh_days << " day(s) ago\n";
      return 0;
    }
    if (cmd == verify_cmd) {
      const auto check = service::verify_audit(services.ctx);
      if (!check.ok) {
        std::cout << "audit chain BROKEN at entry " << *check.first_bad_seq << "\n";
        return 1;
      }
      std::cout << "audit chain OK: " << check.entries << " entries\n";
      // The chain proves the audit log intact; the mark log is then checked against it.
      std::int64_t marks = 0;
      const auto problems = service::verify_mark_trail(services.ctx, &marks);
      if (problems.empty()) {
        std::cout << "mark log OK: " << marks << " marks match their audit records\n";
        return 0;
      }
      std::cout << "mark log DOES NOT MATCH the audit log: " << problems.size() << " problem(s)\n";
      for (const auto& p : problems) std::cout << "  " << p.code << "\t" << p.message << "\n";
      return 1;
    }
  } catch (const core::Error& e) {
    std::cerr << "error: " << e.what();
    for (const auto& p : e.problems) std::cerr << "\n  row " << p.row << " " << p.field << ": " << p.message;
    std::cerr << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace skb::cli
