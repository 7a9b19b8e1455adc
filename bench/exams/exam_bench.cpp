// Exams over HTTP (bench/exams/run.sh): the start rush, autosave and submissions of an online exam, and a
// check that every acknowledged answer was stored. A load generator on 127.0.0.1 only; no SkillBrain code
// is linked (Boost.Asio/Beast/JSON, and OpenSSL only to hash the set-up's session tokens).
//
//   skb_bench_exams setup  --url U --admin user:password --candidates 3000 --out DIR [--exclude FILE] [--title T]
//       Signs in as the admin over the API, pages GET /api/v1/workers (cursor) for the first N workers not
//       listed in --exclude (ids of workers that already have an account), creates an exam of the demo's
//       electrician bank (POST /api/v1/exams: 10 single_choice, 4 multiple_choice, 4 true_false, 2 fill_blank,
//       window open now, 60 minutes), adds the candidates (POST /exams/{id}/candidates, 100 a request) and publishes it
//       (papers are drawn now). Writes DIR/accounts.sql and DIR/candidates.tsv (worker id, bearer token) and
//       prints "exam_id N".
//       Candidates need sign-in, and 3,000 logins would be 3,000 argon2id hashes, which is not what is being
//       measured. So, for the benchmark's set-up only, accounts.sql inserts one account per candidate straight
//       into the database (run with the sqlite3 CLI while no server runs): a user linked to the worker with
//       password_hash '!' (no argon2id string: nobody can sign in with a password), a `worker` grant at the
//       worker's organisation, and a session whose token_hash is the lowercase hex SHA-256 of a random
//       64-hex-digit bearer token (what AuthService::authenticate looks up: src/service/auth.cpp), computed
//       here with OpenSSL. The tokens exist only in DIR/candidates.tsv, in the run's temporary directory.
//
//   skb_bench_exams run --url U --exam ID --candidates DIR/candidates.tsv --ledger FILE [options]
//       connect   opens one kept-alive connection per candidate (--starters, default 3000), --connect-batch
//                 at a time, before anything is timed.
//       start     every candidate sends POST /api/v1/exams/{id}/start {device_id}, the sends spread uniformly
//                 over --start-spread seconds (default 1) in a random order; latency from the write of the
//                 request to the end of the response; 200 with a session id and --expect-questions questions
//                 counts as a success.
//       autosave  --savers candidates (default 2000) each save one answer every --save-interval seconds
//                 (default 10/30 s: a 60-minute exam compressed into --save-duration = 120 s, an answer every
//                 10 s of exam time) with PUT /api/v1/exam-sessions/{sid}/answers: one question of the page
//                 (cycling through the paper), a real option id of it (a random non-empty subset for
//                 multiple choice) or a text per blank, and the candidate's increasing seq. Each candidate
//                 has one connection and, like the page's outbox, one save in flight: a slot that falls due
//                 while a save is in flight is merged into the next send ("slots merged"), and a late send
//                 leaves at once. Latency from the write (and, separately, from the slot's due time); no
//                 new send after the window ends, the ones in flight are awaited.
//       submit    the savers (--submitters; "all" = every started candidate) send POST
//                 /api/v1/exam-sessions/{sid}/submit {device_id}, spread uniformly over --submit-spread s
//                 (default 10); 200 with status "submitted" counts.
//       Prints "name value unit" lines per phase: requests, successes, p50/p90/p99/max ms, rate, outcomes
//       by HTTP status or socket error, the server's CPU (% of a core, /proc/PID/stat) and peak RSS
//       (VmRSS sampled every 200 ms) with --server-pid, and this process's CPU. Writes to --ledger every
//       question's highest acknowledged and highest sent seq, with the acknowledged response, and every
//       candidate's session and submission. --trace FILE writes "phase sent_ms latency_ms" per start and submit. --perf-phase start|autosave|submit --perf-out FILE records the
//       server with `perf record` during that phase (at most --perf-seconds, default 8).
//
//   skb_bench_exams verify --ledger FILE --answers DUMP --sessions DUMP
//       DUMP files are the sqlite3 CLI's tab-separated output of exam_answers (session_id, item_index, seq,
//       response) and exam_sessions (id, status) after the run. An acknowledged answer is lost when the
//       database has no row for it, holds an older seq, or holds its seq with another response. A stored
//       seq newer than the acknowledged one is counted apart (a save sent but not answered in time). Also
//       compares, per candidate, the stored answers (seq > 0; submission writes seq 0 rows for unanswered
//       questions) with the acknowledged distinct questions, and acknowledged submissions with the
//       sessions' status.
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "../live/common.hpp"

extern char** environ;

using namespace live;
using asio::awaitable;
using asio::use_awaitable;

namespace {

std::string hex(const unsigned char* data, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) out[2 * i] = digits[data[i] >> 4], out[2 * i + 1] = digits[data[i] & 15];
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) die("RAND_bytes failed");
  return hex(raw.data(), raw.size());
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr) != 1) die("SHA-256 failed");
  return hex(digest, size);
}

std::string rfc3339(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string sql_text(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

template <class Rep, class Period>
double ms(std::chrono::duration<Rep, Period> d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

Clock::duration secs(double s) { return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s)); }

// ---------------------------------------------------------------------------------------------- setup

int setup(const Args& args) {
  const auto at = loopback_endpoint(args.get("url", ""));
  const auto admin = parse_accounts(args.get("admin", "")).front();
  const auto wanted = static_cast<std::size_t>(args.num("candidates", 3000));
  const std::filesystem::path out = args.get("out", "");
  if (out.empty()) die("--out DIR is required");
  std::set<std::int64_t> exclude;
  if (const auto file = args.get("exclude", ""); !file.empty()) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) exclude.insert(std::stoll(line));
  }
  const auto token = login(at, admin.first, admin.second);

  // The electrician work type (电工), whose bank the demo fills.
  std::string work_type;
  {
    const auto r = request(at, http::verb::get, "/api/v1/work-types", {}, token);
    if (r.status != 200) die("work types: HTTP " + std::to_string(r.status));
    const auto doc = json::parse(r.body);
    for (const auto& w : doc.at("items").as_array())
      if (w.at("name").as_string() == "电工") work_type = std::to_string(id_of(w.at("id")));
    if (work_type.empty()) die("no work type 电工 (seed the demo first)");
  }

  // The first N workers by the list's order, paged with the cursor.
  std::vector<std::int64_t> workers;
  std::string cursor;
  for (int page = 0; workers.size() < wanted && page < 2000; ++page) {
    const auto r = request(at, http::verb::get, "/api/v1/workers?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor), {}, token);
    if (r.status != 200) die("workers: HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 300));
    const auto doc = json::parse(r.body);
    for (const auto& w : doc.at("items").as_array()) {
      const auto id = id_of(w.at("id"));
      if (!exclude.count(id) && workers.size() < wanted) workers.push_back(id);
    }
    const auto& next = doc.at("next_cursor");
    if (next.is_null()) break;
    cursor = next.is_string() ? std::string(next.as_string()) : std::to_string(id_of(next));
  }
  if (workers.size() < wanted)
    die("only " + std::to_string(workers.size()) + " workers without an account; seed more (demo --workers)");

  const auto now = std::time(nullptr);
  const auto row = [](const char* type, int count, double marks) {
    return json::object{{"type", type}, {"count", count}, {"min_difficulty", 1}, {"max_difficulty", 5}, {"marks_each", marks}};
  };
  const json::object exam{
      {"title", args.get("title", "考试压测 exam bench")},
      {"work_type_id", work_type},
      {"opens_at", rfc3339(now - 120)},
      {"closes_at", rfc3339(now + 6 * 3600)},
      {"duration_minutes", 60},
      {"pass_percent", 60},
      {"paper", json::object{{"mode", "blueprint"},
                             {"rows", json::array{row("single_choice", 10, 2), row("multiple_choice", 4, 4), row("true_false", 4, 2),
                                                  row("fill_blank", 2, 5)}}}}};
  auto r = request(at, http::verb::post, "/api/v1/exams", json::serialize(exam), token);
  if (r.status != 201) die("create exam: HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 500));
  const auto exam_id = id_of(json::parse(r.body).at("id"));
  // 100 a request: the handler's id lists stop at 100 items (src/http/json_input.cpp, opt_id_list), although
  // the service takes up to 20,000 candidates at once.
  for (std::size_t i = 0; i < workers.size(); i += 100) {
    json::array ids;
    for (std::size_t j = i; j < std::min(workers.size(), i + 100); ++j) ids.push_back(json::value(std::to_string(workers[j])));
    r = request(at, http::verb::post, "/api/v1/exams/" + std::to_string(exam_id) + "/candidates",
                json::serialize(json::object{{"worker_ids", std::move(ids)}}), token);
    if (r.status != 200) die("add candidates: HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 500));
  }
  const auto t0 = Clock::now();
  r = request(at, http::verb::post, "/api/v1/exams/" + std::to_string(exam_id) + "/publish", {}, token);
  if (r.status != 200) die("publish: HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 500));
  const double publish_s = seconds_since(t0);

  // The candidates' accounts and sessions (see the comment at the top).
  std::filesystem::create_directories(out);
  std::ofstream sql(out / "accounts.sql"), tokens(out / "candidates.tsv");
  const auto created = rfc3339(now), expires = rfc3339(now + 12 * 3600);
  sql << ".timeout 10000\nBEGIN IMMEDIATE;\n";
  for (auto w : workers) {
    const auto user = "exb-" + std::to_string(w);
    const auto bearer = random_hex(32);  // 64 hex digits, like the server's own tokens
    sql << "INSERT INTO users(username, display_name, password_hash, worker_id, created_at) VALUES (" << sql_text(user) << ", "
        << sql_text("考生 " + std::to_string(w)) << ", '!', " << w << ", " << sql_text(created) << ");\n"
        << "INSERT INTO grants(user_id, role, org_id) SELECT last_insert_rowid(), 'worker', org_id FROM workers WHERE id = " << w << ";\n"
        << "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at) SELECT " << sql_text(sha256_hex(bearer))
        << ", id, " << sql_text(random_hex(16)) << ", " << sql_text(created) << ", " << sql_text(expires)
        << " FROM users WHERE username = " << sql_text(user) << ";\n";
    tokens << w << '\t' << bearer << '\n';
  }
  sql << "COMMIT;\n";
  if (!sql || !tokens) die("cannot write into " + out.string());
  std::printf("exam_id %lld\ncandidates %zu\npublish_s %.3f\n", static_cast<long long>(exam_id), workers.size(), publish_s);
  return 0;
}

// ------------------------------------------------------------------------------------------------ run

struct Question {
  std::string id, type;
  std::vector<std::string> options;
  int blanks = 0;
};

struct Item {
  std::int64_t acked = 0, sent = 0;  // highest seq acknowledged (stored, said the server) / sent
  std::string response;              // the acknowledged response of `acked`
};

struct Candidate {
  std::int64_t worker_id = 0;
  std::string authorization, device;
  std::size_t context = 0;
  std::unique_ptr<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  Clock::time_point last_used;
  std::int64_t session_id = 0;
  std::vector<Question> questions;
  std::vector<Item> items;
  std::int64_t seq = 0;
  std::size_t next_question = 0;
  bool started = false, submitted = false;
  std::mt19937_64 rng;
};

enum Phase { kConnect, kStart, kAutosave, kSubmit, kPhases };
const char* const kPhaseName[] = {"connect", "start", "save", "submit"};

struct Tally {
  std::vector<std::uint32_t> latency_us, lag_us;  // from the write / from the slot's due time
  std::map<std::string, std::uint64_t> outcomes;  // "200", "409", "timeout", …
  std::uint64_t requests = 0, ok = 0, merged = 0, not_stored = 0, reconnects = 0;
  std::vector<std::pair<Clock::time_point, Clock::time_point>> trace;  // start and submit: (sent, done) of each
  Clock::time_point first_sent = Clock::time_point::max(), last_done = Clock::time_point::min();
};

struct Shared {
  tcp::endpoint at;
  std::int64_t exam_id = 0;
  std::size_t expect_questions = 20;
  Clock::duration timeout = std::chrono::seconds(60);
  std::vector<std::vector<Tally>> tallies;  // [phase][context]
  std::atomic<int> pending{0};
};

struct Exchange {
  bool ok = false;  // a complete HTTP response arrived
  int status = 0;
  std::string body, error;
  Clock::time_point sent, done;
};

std::string classify(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout) return "timeout";
  if (ec == asio::error::connection_refused) return "refused";
  if (ec == asio::error::connection_reset || ec == asio::error::broken_pipe) return "reset";
  if (ec == asio::error::eof || ec == http::error::end_of_stream) return "closed";
  return "socket_error";
}

void close(Candidate& c) {
  if (!c.stream) return;
  boost::system::error_code ec;
  c.stream->socket().shutdown(tcp::socket::shutdown_both, ec);
  c.stream->socket().close(ec);
  c.stream.reset();
  c.buffer.clear();
}

// A connection for the candidate: the open one unless the server may have timed it out (30 s idle).
awaitable<bool> connected(Candidate& c, Shared& s, Tally& t, std::string& error) {
  if (c.stream && c.stream->socket().is_open() && Clock::now() - c.last_used < std::chrono::seconds(25)) co_return true;
  if (c.stream) ++t.reconnects;
  close(c);
  c.stream = std::make_unique<beast::tcp_stream>(co_await asio::this_coro::executor);
  boost::system::error_code ec;
  c.stream->expires_after(std::chrono::seconds(30));
  co_await c.stream->async_connect(s.at, asio::redirect_error(use_awaitable, ec));
  if (ec) {
    error = "connect_" + classify(ec);
    close(c);
    co_return false;
  }
  c.stream->socket().set_option(tcp::no_delay(true), ec);
  c.last_used = Clock::now();
  co_return true;
}

awaitable<Exchange> exchange(Candidate& c, Shared& s, Tally& t, http::verb verb, const std::string& target, std::string body) {
  Exchange x;
  if (!co_await connected(c, s, t, x.error)) {
    x.sent = x.done = Clock::now();
    co_return x;
  }
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::authorization, c.authorization);
  req.set(http::field::content_type, "application/json");
  req.set(http::field::user_agent, "skb_bench_exams");
  req.keep_alive(true);
  req.body() = std::move(body);
  req.prepare_payload();
  boost::system::error_code ec;
  x.sent = Clock::now();
  c.stream->expires_after(s.timeout);
  co_await http::async_write(*c.stream, req, asio::redirect_error(use_awaitable, ec));
  http::response<http::string_body> res;
  if (!ec) co_await http::async_read(*c.stream, c.buffer, res, asio::redirect_error(use_awaitable, ec));
  x.done = c.last_used = Clock::now();
  if (ec) {
    x.error = classify(ec);
    close(c);
    co_return x;
  }
  x.ok = true;
  x.status = static_cast<int>(res.result_int());
  x.body = std::move(res.body());
  if (!res.keep_alive()) close(c);
  co_return x;
}

void count(Tally& t, const Exchange& x, bool success, Clock::time_point due = {}) {
  ++t.requests;
  if (due == Clock::time_point{}) t.trace.emplace_back(x.sent, x.done);
  t.first_sent = std::min(t.first_sent, x.sent);
  t.last_done = std::max(t.last_done, x.done);
  t.outcomes[x.ok ? std::to_string(x.status) : x.error]++;
  if (!success) return;
  ++t.ok;
  t.latency_us.push_back(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(x.done - x.sent).count()));
  if (due != Clock::time_point{})
    t.lag_us.push_back(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(x.done - due).count()));
}

awaitable<void> wait_until(Clock::time_point when) {
  if (Clock::now() >= when) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_at(when);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
}

awaitable<void> connect_one(Candidate& c, Shared& s) {
  auto& t = s.tallies[kConnect][c.context];
  Exchange x;
  x.sent = Clock::now();
  const bool ok = co_await connected(c, s, t, x.error);
  x.done = Clock::now();
  x.ok = ok;
  x.status = ok ? 0 : -1;
  if (ok) x.error.clear();
  ++t.requests;
  t.first_sent = std::min(t.first_sent, x.sent);
  t.last_done = std::max(t.last_done, x.done);
  t.outcomes[ok ? "connected" : x.error]++;
  if (ok) {
    ++t.ok;
    t.latency_us.push_back(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(x.done - x.sent).count()));
  }
  s.pending--;
}

std::string device_body(const Candidate& c) { return json::serialize(json::object{{"device_id", c.device}}); }

awaitable<void> start_one(Candidate& c, Shared& s, Clock::time_point due) {
  auto& t = s.tallies[kStart][c.context];
  co_await wait_until(due);
  // (Targets and bodies are built before the co_await: GCC 12 cannot keep string literals in a co_await's arguments.)
  std::string target = "/api/v1/exams/" + std::to_string(s.exam_id) + "/start";
  std::string body = device_body(c);
  const auto x = co_await exchange(c, s, t, http::verb::post, target, std::move(body));
  bool good = false;
  if (x.ok && x.status == 200) {
    try {
      const auto doc = json::parse(x.body);
      c.session_id = id_of(doc.at("session").at("id"));
      for (const auto& q : doc.at("questions").as_array()) {
        Question question;
        question.id = std::string(q.at("id").as_string());
        question.type = std::string(q.at("type").as_string());
        for (const auto& o : q.at("options").as_array()) question.options.emplace_back(o.at("id").as_string());
        question.blanks = q.at("blanks").to_number<int>();
        c.questions.push_back(std::move(question));
      }
      good = c.session_id > 0 && c.questions.size() == s.expect_questions;
    } catch (const std::exception&) {
      good = false;
    }
  }
  if (x.ok && x.status == 200 && !good) t.outcomes["200_without_paper"]++;
  count(t, x, good);
  c.started = good;
  c.items.assign(c.questions.size(), Item{});
  s.pending--;
}

// One answer to question `q`: what the page sends for a tap (choice) or typed blanks.
json::object response_for(Candidate& c, const Question& q, std::int64_t seq) {
  json::array options, blanks;
  if (q.type == "multiple_choice" && !q.options.empty()) {
    std::uint64_t bits = 0;
    while (bits == 0) bits = c.rng() & ((std::uint64_t{1} << std::min<std::size_t>(q.options.size(), 16)) - 1);
    for (std::size_t k = 0; k < q.options.size() && k < 16; ++k)
      if (bits >> k & 1) options.emplace_back(q.options[k]);
  } else if (!q.options.empty()) {
    options.emplace_back(q.options[c.rng() % q.options.size()]);
  }
  for (int b = 0; b < q.blanks; ++b) blanks.emplace_back("答" + std::to_string(seq) + "-" + std::to_string(b));
  return json::object{{"option_ids", std::move(options)},
                      {"blanks", std::move(blanks)},
                      {"text", q.type == "short_answer" ? "作答 " + std::to_string(seq) : std::string()}};
}

// PUT …/answers with one answer to question `qi`; `response` gets that answer's JSON for the ledger.
void save_body(Candidate& c, std::size_t qi, std::int64_t seq, std::string& response, std::string& body) {
  auto r = response_for(c, c.questions[qi], seq);
  response = json::serialize(r);
  body = json::serialize(json::object{
      {"device_id", c.device},
      {"answers", json::array{json::object{{"question", c.questions[qi].id}, {"response", std::move(r)}, {"seq", seq}}}}});
}

awaitable<void> autosave(Candidate& c, Shared& s, Clock::time_point base, Clock::time_point end, Clock::duration interval) {
  auto& t = s.tallies[kAutosave][c.context];
  const auto target = "/api/v1/exam-sessions/" + std::to_string(c.session_id) + "/answers";
  for (std::int64_t k = 0;;) {
    const auto due = base + k * interval;
    if (due >= end) break;
    co_await wait_until(due);
    const auto qi = c.next_question++ % c.questions.size();
    const auto seq = ++c.seq;
    std::string response, body;
    save_body(c, qi, seq, response, body);
    c.items[qi].sent = seq;
    const auto x = co_await exchange(c, s, t, http::verb::put, target, std::move(body));
    bool good = false;
    if (x.ok && x.status == 200) {
      try {
        good = json::parse(x.body).at("saved").to_number<int>() == 1;
      } catch (const std::exception&) {
        good = false;
      }
      if (good) {
        c.items[qi].acked = seq;
        c.items[qi].response = std::move(response);
      } else {
        ++t.not_stored;  // 200 but "saved": 0 — the seq always grows here, so this would be a bug
      }
    }
    count(t, x, good, due);
    // The next slot: slots that fell due while this save was in flight merge into one send, now.
    const auto now = Clock::now();
    const auto behind = static_cast<std::int64_t>((now - base) / interval);  // the last slot already due
    std::int64_t next = k + 1;
    if (!x.ok || x.status >= 500) next = std::max(next, behind + 1);  // after a failure, wait for a fresh slot
    if (behind > next) t.merged += static_cast<std::uint64_t>(behind - next), next = behind;
    k = next;
  }
  s.pending--;
}

awaitable<void> submit_one(Candidate& c, Shared& s, Clock::time_point due) {
  auto& t = s.tallies[kSubmit][c.context];
  co_await wait_until(due);
  std::string target = "/api/v1/exam-sessions/" + std::to_string(c.session_id) + "/submit";
  std::string body = device_body(c);
  const auto x = co_await exchange(c, s, t, http::verb::post, target, std::move(body));
  bool good = false;
  if (x.ok && x.status == 200) {
    try {
      good = json::parse(x.body).at("session").at("status").as_string() == "submitted";
    } catch (const std::exception&) {
      good = false;
    }
  }
  count(t, x, good);
  c.submitted = good;
  s.pending--;
}

// `perf record` of the server during one phase (the child is ended by its own pid).
struct Perf {
  pid_t pid = 0;
  Clock::time_point stop_at;
  void start(int server, const std::string& out, double seconds) {
    const std::string p = std::to_string(server);
    std::vector<std::string> argv{"perf", "record", "-q", "-F", "499", "--call-graph", "dwarf,8192", "-p", p, "-o", out};
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    if (posix_spawnp(&pid, "perf", nullptr, nullptr, cargv.data(), environ) != 0) {
      std::fprintf(stderr, "warning: cannot run perf\n");
      pid = 0;
    }
    stop_at = Clock::now() + secs(seconds);
  }
  void stop() {
    if (pid <= 0) return;
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = 0;
  }
  void poll() {
    if (pid > 0 && Clock::now() >= stop_at) stop();
  }
};

int run(const Args& args) {
  Shared s;
  s.at = loopback_endpoint(args.get("url", ""));
  s.exam_id = static_cast<std::int64_t>(args.num("exam", 0));
  s.expect_questions = static_cast<std::size_t>(args.num("expect-questions", 20));
  s.timeout = secs(args.num("timeout", 60));
  const auto starters = static_cast<std::size_t>(args.num("starters", 3000));
  const auto savers_wanted = static_cast<std::size_t>(args.num("savers", 2000));
  const auto submitters_arg = args.get("submitters", "savers");
  const double start_spread = args.num("start-spread", 1), save_duration = args.num("save-duration", 120),
               save_interval = args.num("save-interval", 10.0 / 30), submit_spread = args.num("submit-spread", 10);
  const auto threads = static_cast<std::size_t>(std::max(1.0, args.num("threads", 1)));
  const auto batch = static_cast<std::size_t>(std::max(1.0, args.num("connect-batch", 256)));
  const int server = static_cast<int>(args.num("server-pid", 0));
  const auto ledger_path = args.get("ledger", "");
  const auto perf_phase = args.get("perf-phase", ""), perf_out = args.get("perf-out", "perf.data");
  const auto trace_path = args.get("trace", "");
  const double perf_seconds = args.num("perf-seconds", 8);
  if (s.exam_id <= 0) die("--exam ID is required");
  if (ledger_path.empty()) die("--ledger FILE is required");
  if (save_interval <= 0 || save_duration <= 0 || save_duration > 3600) die("--save-interval > 0, 0 < --save-duration ≤ 3600");

  std::vector<Candidate> candidates;
  {
    std::ifstream in(args.get("candidates", ""));
    for (std::string line; std::getline(in, line) && candidates.size() < starters;) {
      const auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      auto& c = candidates.emplace_back();
      c.worker_id = std::stoll(line.substr(0, tab));
      c.authorization = "Bearer " + line.substr(tab + 1);
      c.device = "exb-device-" + std::to_string(c.worker_id);
      c.context = candidates.size() % threads;
      c.rng.seed(static_cast<std::uint64_t>(c.worker_id) * 0x9E3779B97F4A7C15ULL + 1);
    }
  }
  if (candidates.size() < starters) die("--candidates has " + std::to_string(candidates.size()) + " lines, --starters wants " + std::to_string(starters));

  s.tallies.assign(kPhases, std::vector<Tally>(threads));
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (std::size_t i = 0; i < threads; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
    guards.push_back(asio::make_work_guard(*contexts.back()));
  }
  std::vector<std::thread> pool;
  for (auto& c : contexts) pool.emplace_back([&c] { c->run(); });
  const auto spawn = [&](Candidate& c, awaitable<void> work) {
    s.pending++;
    asio::co_spawn(*contexts[c.context], std::move(work), [&s](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        std::fprintf(stderr, "candidate task failed: %s\n", x.what());
      }
      s.pending--;
    });
  };

  // The server's RSS every 200 ms, the peak per phase.
  std::atomic<int> phase{kConnect};
  std::atomic<bool> sampling{true};
  double rss_peak[kPhases] = {0, 0, 0, 0};
  std::mutex rss_mutex;
  const double rss_before = server ? rss_mib(server) : 0;
  std::thread sampler([&] {
    while (sampling && server) {
      const double r = rss_mib(server);
      {
        std::lock_guard lock(rss_mutex);
        auto& peak = rss_peak[phase.load()];
        peak = std::max(peak, r);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });

  Perf perf;
  double cpu_server[kPhases] = {0, 0, 0, 0}, cpu_self[kPhases] = {0, 0, 0, 0}, wall[kPhases] = {0, 0, 0, 0};
  const auto run_phase = [&](Phase p, double limit_seconds, const std::function<void()>& launch) {
    phase = p;
    const double server0 = server ? cpu_seconds(server) : 0, self0 = cpu_seconds(::getpid());
    const auto t0 = Clock::now();
    if (perf_phase == kPhaseName[p] || (perf_phase == "autosave" && p == kAutosave)) {
      if (server) perf.start(server, perf_out, perf_seconds);
    }
    launch();
    const auto deadline = t0 + secs(limit_seconds);
    while (s.pending.load() > 0 && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      perf.poll();
    }
    perf.stop();
    if (s.pending.load() > 0) {
      std::fprintf(stderr, "error: phase %s still has %d tasks after %.0f s; giving up\n", kPhaseName[p], s.pending.load(), limit_seconds);
      std::exit(3);
    }
    wall[p] = seconds_since(t0);
    cpu_server[p] = server ? cpu_seconds(server) - server0 : 0;
    cpu_self[p] = cpu_seconds(::getpid()) - self0;
    std::fprintf(stderr, "%s: %.1f s\n", kPhaseName[p], wall[p]);
  };
  const double slack = args.num("timeout", 60) + 30;

  // Connect, batch by batch, before anything is timed.
  run_phase(kConnect, 600, [&] {
    for (std::size_t i = 0; i < candidates.size(); i += batch) {
      for (std::size_t j = i; j < std::min(candidates.size(), i + batch); ++j) spawn(candidates[j], connect_one(candidates[j], s));
      while (s.pending.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });

  // The start rush: every candidate within start_spread seconds, in a random order.
  std::vector<std::size_t> order(candidates.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(20261125));
  run_phase(kStart, start_spread + slack, [&] {
    const auto t1 = Clock::now() + std::chrono::milliseconds(100);
    for (std::size_t rank = 0; rank < order.size(); ++rank)
      spawn(candidates[order[rank]], start_one(candidates[order[rank]], s, t1 + secs(start_spread * static_cast<double>(rank) / static_cast<double>(order.size()))));
  });

  std::vector<Candidate*> savers;
  for (auto& c : candidates)
    if (c.started && savers.size() < savers_wanted) savers.push_back(&c);
  run_phase(kAutosave, save_duration + slack, [&] {
    const auto t2 = Clock::now() + std::chrono::milliseconds(100), end = t2 + secs(save_duration);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> offset(0, save_interval);
    for (auto* c : savers) spawn(*c, autosave(*c, s, t2 + secs(offset(rng)), end, secs(save_interval)));
  });

  std::vector<Candidate*> submitters;
  if (submitters_arg == "all") {
    for (auto& c : candidates)
      if (c.started) submitters.push_back(&c);
  } else {
    submitters = savers;
  }
  run_phase(kSubmit, submit_spread + slack, [&] {
    const auto t3 = Clock::now() + std::chrono::milliseconds(100);
    for (std::size_t rank = 0; rank < submitters.size(); ++rank)
      spawn(*submitters[rank], submit_one(*submitters[rank], s, t3 + secs(submit_spread * static_cast<double>(rank) / static_cast<double>(submitters.size()))));
  });

  sampling = false;
  sampler.join();
  for (auto& c : candidates) asio::post(*contexts[c.context], [&c] { close(c); });
  guards.clear();
  for (auto& t : pool) t.join();

  // The ledger for `verify`.
  {
    std::ofstream ledger(ledger_path);
    for (const auto& c : candidates) {
      if (!c.started) continue;
      ledger << "S\t" << c.session_id << '\t' << c.worker_id << '\t' << (c.submitted ? 1 : 0) << '\n';
      for (std::size_t i = 0; i < c.items.size(); ++i)
        if (c.items[i].sent > 0)
          ledger << "A\t" << c.session_id << '\t' << i << '\t' << c.items[i].acked << '\t' << c.items[i].sent << '\t' << c.items[i].response << '\n';
    }
    if (!ledger) die("cannot write the ledger " + ledger_path);
  }

  // --trace FILE: "phase sent_ms latency_ms" of every start and submit, sent_ms from the phase's first send.
  if (!trace_path.empty()) {
    std::ofstream trace(trace_path);
    for (int p : {kStart, kSubmit}) {
      std::vector<std::pair<Clock::time_point, Clock::time_point>> all;
      for (auto& t : s.tallies[static_cast<std::size_t>(p)]) all.insert(all.end(), t.trace.begin(), t.trace.end());
      std::sort(all.begin(), all.end());
      for (const auto& [sent, done] : all)
        trace << kPhaseName[p] << ' ' << ms(sent - all.front().first) << ' ' << ms(done - sent) << '\n';
    }
  }

  // Figures.
  std::printf("candidates %zu candidates\nsavers %zu candidates\nsubmitters %zu candidates\n", candidates.size(), savers.size(), submitters.size());
  std::printf("planned_saves_per_s %.1f saves/s\n", static_cast<double>(savers.size()) / save_interval);
  if (server) std::printf("rss_before_mib %.1f MiB\n", rss_before);
  for (int p = 0; p < kPhases; ++p) {
    Tally all;
    for (auto& t : s.tallies[static_cast<std::size_t>(p)]) {
      all.latency_us.insert(all.latency_us.end(), t.latency_us.begin(), t.latency_us.end());
      all.lag_us.insert(all.lag_us.end(), t.lag_us.begin(), t.lag_us.end());
      for (const auto& [k, v] : t.outcomes) all.outcomes[k] += v;
      all.requests += t.requests, all.ok += t.ok, all.merged += t.merged, all.not_stored += t.not_stored, all.reconnects += t.reconnects;
      all.first_sent = std::min(all.first_sent, t.first_sent);
      all.last_done = std::max(all.last_done, t.last_done);
    }
    std::sort(all.latency_us.begin(), all.latency_us.end());
    std::sort(all.lag_us.begin(), all.lag_us.end());
    const char* n = kPhaseName[p];
    const double span = all.requests ? std::chrono::duration<double>(all.last_done - all.first_sent).count() : 0;
    std::printf("%s_requests %llu requests\n%s_ok %llu requests\n%s_errors %llu requests\n", n,
                static_cast<unsigned long long>(all.requests), n, static_cast<unsigned long long>(all.ok), n,
                static_cast<unsigned long long>(all.requests - all.ok));
    std::printf("%s_p50_ms %.3f ms\n%s_p90_ms %.3f ms\n%s_p99_ms %.3f ms\n%s_max_ms %.3f ms\n", n, percentile(all.latency_us, 50) / 1000, n,
                percentile(all.latency_us, 90) / 1000, n, percentile(all.latency_us, 99) / 1000, n,
                all.latency_us.empty() ? 0.0 : all.latency_us.back() / 1000.0);
    std::printf("%s_span_s %.3f s\n%s_ok_per_s %.1f requests/s\n", n, span, n, span > 0 ? static_cast<double>(all.ok) / span : 0.0);
    if (p == kAutosave) {
      std::printf("save_from_due_p50_ms %.3f ms\nsave_from_due_p99_ms %.3f ms\n", percentile(all.lag_us, 50) / 1000,
                  percentile(all.lag_us, 99) / 1000);
      std::printf("save_slots_merged %llu slots\nsave_not_stored %llu requests\n", static_cast<unsigned long long>(all.merged),
                  static_cast<unsigned long long>(all.not_stored));
    }
    for (const auto& [k, v] : all.outcomes) std::printf("%s_outcome_%s %llu requests\n", n, k.c_str(), static_cast<unsigned long long>(v));
    if (all.reconnects) std::printf("%s_reconnects %llu connections\n", n, static_cast<unsigned long long>(all.reconnects));
    std::printf("%s_wall_s %.3f s\n", n, wall[p]);
    if (server) {
      std::printf("%s_server_cpu %.1f %%core\n", n, wall[p] > 0 ? 100 * cpu_server[p] / wall[p] : 0.0);
      std::printf("%s_server_rss_peak_mib %.1f MiB\n", n, rss_peak[p]);
    }
    std::printf("%s_client_cpu %.1f %%core\n", n, wall[p] > 0 ? 100 * cpu_self[p] / wall[p] : 0.0);
  }
  return 0;
}

// --------------------------------------------------------------------------------------------- verify

std::vector<std::string> split_tabs(const std::string& line, std::size_t max_fields) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (out.size() + 1 < max_fields) {
    const auto tab = line.find('\t', from);
    if (tab == std::string::npos) break;
    out.push_back(line.substr(from, tab - from));
    from = tab + 1;
  }
  out.push_back(line.substr(from));
  return out;
}

int verify(const Args& args) {
  struct Acked {
    std::int64_t acked = 0, sent = 0;
    std::string response;
  };
  std::map<std::pair<std::int64_t, int>, Acked> ledger;
  std::map<std::int64_t, bool> sessions;  // session → submission acknowledged
  {
    std::ifstream in(args.get("ledger", ""));
    if (!in) die("cannot read --ledger");
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("S\t", 0) == 0) {
        const auto f = split_tabs(line, 4);
        sessions[std::stoll(f[1])] = f[3] == "1";
      } else if (line.rfind("A\t", 0) == 0) {
        const auto f = split_tabs(line, 6);
        ledger[{std::stoll(f[1]), std::stoi(f[2])}] = {std::stoll(f[3]), std::stoll(f[4]), f[5]};
      }
    }
  }
  struct Stored {
    std::int64_t seq = 0;
    std::string response;
  };
  std::map<std::pair<std::int64_t, int>, Stored> db;
  {
    std::ifstream in(args.get("answers", ""));
    if (!in) die("cannot read --answers");
    for (std::string line; std::getline(in, line);) {
      const auto f = split_tabs(line, 4);
      if (f.size() < 4) continue;
      const auto session = std::stoll(f[0]);
      if (!sessions.count(session)) continue;
      db[{session, std::stoi(f[1])}] = {std::stoll(f[2]), f[3]};
    }
  }
  std::map<std::int64_t, std::string> status;
  {
    std::ifstream in(args.get("sessions", ""));
    if (!in) die("cannot read --sessions");
    for (std::string line; std::getline(in, line);) {
      const auto f = split_tabs(line, 2);
      if (f.size() == 2) status[std::stoll(f[0])] = f[1];
    }
  }

  std::uint64_t acknowledged = 0, stored_ok = 0, missing = 0, older = 0, different = 0, newer_unacked = 0, unacked_only = 0;
  std::map<std::int64_t, std::pair<int, int>> per_session;  // acknowledged distinct questions, stored answers (seq > 0)
  for (const auto& [key, a] : ledger) {
    if (a.acked == 0) {
      ++unacked_only;  // sent, never acknowledged: stored or not, nothing was promised
      continue;
    }
    ++acknowledged;
    per_session[key.first].first++;
    const auto it = db.find(key);
    if (it == db.end() || it->second.seq == 0) {
      ++missing;
    } else if (it->second.seq < a.acked) {
      ++older;
    } else if (it->second.seq > a.acked) {
      if (it->second.seq <= a.sent) ++newer_unacked; else ++different;  // newer than anything sent: not ours
    } else if (json::parse(it->second.response) != json::parse(a.response)) {
      ++different;
    } else {
      ++stored_ok;
    }
  }
  std::uint64_t stored_rows = 0;
  for (const auto& [key, row] : db)
    if (row.seq > 0) {
      ++stored_rows;
      per_session[key.first].second++;
    }
  std::uint64_t mismatched = 0;
  for (const auto& [session, counts] : per_session)
    if (counts.first != counts.second) {
      // A save that was sent but never answered may have been stored: not a mismatch when that explains it.
      int unacked_stored = 0;
      for (auto it = db.lower_bound({session, 0}); it != db.end() && it->first.first == session; ++it) {
        const auto l = ledger.find(it->first);
        if (it->second.seq > 0 && l != ledger.end() && l->second.acked == 0) ++unacked_stored;
      }
      if (counts.first + unacked_stored != counts.second) ++mismatched;
    }
  std::uint64_t submits_acked = 0, submits_stored = 0, submits_lost = 0;
  for (const auto& [session, acked] : sessions) {
    const bool submitted = status[session] == "submitted";
    submits_stored += submitted;
    if (acked) {
      ++submits_acked;
      submits_lost += !submitted;
    }
  }
  std::printf("answers_acknowledged %llu answers\n", static_cast<unsigned long long>(acknowledged));
  std::printf("answers_stored_as_acknowledged %llu answers\n", static_cast<unsigned long long>(stored_ok));
  std::printf("answers_stored_rows %llu answers\n", static_cast<unsigned long long>(stored_rows));
  std::printf("answers_missing %llu answers\n", static_cast<unsigned long long>(missing));
  std::printf("answers_older_seq %llu answers\n", static_cast<unsigned long long>(older));
  std::printf("answers_different %llu answers\n", static_cast<unsigned long long>(different));
  std::printf("answers_lost %llu answers\n", static_cast<unsigned long long>(missing + older + different));
  std::printf("answers_newer_unacknowledged %llu answers\n", static_cast<unsigned long long>(newer_unacked));
  std::printf("answers_sent_never_acknowledged %llu answers\n", static_cast<unsigned long long>(unacked_only));
  std::printf("candidates_count_mismatch %llu candidates\n", static_cast<unsigned long long>(mismatched));
  std::printf("submits_acknowledged %llu sessions\n", static_cast<unsigned long long>(submits_acked));
  std::printf("sessions_submitted_in_db %llu sessions\n", static_cast<unsigned long long>(submits_stored));
  std::printf("submits_lost %llu sessions\n", static_cast<unsigned long long>(submits_lost));
  return (missing + older + different + submits_lost) == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: skb_bench_exams setup|run|verify --name value … (see the comment at the top of exam_bench.cpp)");
  const Args args{argc, argv};
  const std::string command = argv[1];
  if (command == "setup") return setup(args);
  if (command == "run") return run(args);
  if (command == "verify") return verify(args);
  die("unknown command " + command);
}
