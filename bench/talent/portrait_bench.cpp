// Capability portraits at scale (bench/talent/run.sh): a SQLite file with WORKERS workers of one work
// type (five dimensions) in enterprises of 1,000, EVIDENCE evidence rows each brought in through the
// talent record's bulk path (durable commits of 1,000 workers, portraits refreshed as they go), then
// READS portrait reads of random workers through PortraitService — beside, in the same run, plain
// INSERTs of the same rows into a bare table and a plain per-dimension average read (SQL AVG).
//   skb_bench_portraits DB_FILE WORKERS EVIDENCE READS
// Prints "name value unit" lines.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/platform/random.hpp"
#include "service/services.hpp"
#include "service/talent/evidence.hpp"
#include "store/database.hpp"

using namespace skb;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

long rss_kib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

void report(const char* name, double value, const char* unit) { std::printf("%s %.3f %s\n", name, value, unit); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: skb_bench_portraits DB_FILE WORKERS EVIDENCE READS\n";
    return 2;
  }
  const std::string file = argv[1];
  const int workers = std::stoi(argv[2]), per_worker = std::stoi(argv[3]), reads = std::stoi(argv[4]);
  for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
  auto db = store::open_database("sqlite:" + file);
  db->migrate();
  const service::Sealer sealer(std::string(32, '\0'));
  service::Services s(service::Context{*db, sealer});
  s.auth.create_admin("bench", "bench-password-123");
  service::Actor admin;
  admin.username = "bench";
  db->read([&](store::Connection& c) {
    auto r = c.query_one("SELECT id, path, name FROM orgs");
    admin.grants.push_back({core::Role::admin, r->i64(0), r->str(1), r->str(2)});
  });
  const auto root = admin.grants[0].org_id;
  const auto union_id = s.orgs.create(admin, {"基准工会", core::OrgKind::industry_union, "BU", root}).org.id;
  const auto work_type = s.work_types.create(admin, {0, "BENCH", "基准工种", "", {{0, "维度一", "", 0}, {0, "维度二", "", 1}, {0, "维度三", "", 2},
                                                                                    {0, "维度四", "", 3}, {0, "维度五", "", 4}}});
  std::vector<std::int64_t> dims;
  for (const auto& d : work_type.dimensions) dims.push_back(d.id);

  // Workers, straight into the table (their creation is not what is measured), in enterprises of 1,000
  // grouped in districts of 50 enterprises (the dashboards below read one district: 50,000 workers).
  const auto now = s.ctx.now_rfc3339();
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> districts;
  for (int first = 0; first < workers; first += 1000) {
    if (first % 50000 == 0)
      districts.push_back(s.orgs.create(admin, {"基准区" + std::to_string(first / 50000), core::OrgKind::industry_union, "BD" + std::to_string(first / 50000), union_id}).org.id);
    const auto org = s.orgs.create(admin, {"基准企业" + std::to_string(first / 1000), core::OrgKind::enterprise, "BE" + std::to_string(first / 1000), districts.back()}).org;
    db->write([&](store::Connection& c) {
      for (int i = first; i < std::min(workers, first + 1000); ++i) {
        const auto id = c.insert_returning_id(
            "INSERT INTO workers(name, gender, employee_no, org_id, org_path, skill_level, phone_sealed, phone_masked, id_sealed, id_lookup, "
            "id_masked, birth_date, created_at, updated_at) VALUES (?, '男', ?, ?, ?, 4, '', '', '', ?, '', '1990-01-01', ?, ?) RETURNING id",
            {"职工" + std::to_string(i), "B" + std::to_string(i), org.id, org.path, "bench-" + std::to_string(i), now, now});
        c.execute("INSERT INTO worker_work_types(worker_id, work_type_id) VALUES (?, ?)", {id, work_type.id});
        ids.push_back(id);
      }
    });
  }

  // The evidence: answers of a worker of ability θ on items of random difficulty, dimensions in turn,
  // made a batch at a time from a stream seeded by the worker's id (the same rows for both targets, and
  // the generator's memory does not grow with the population).
  const auto batch_of = [&](size_t first) {
    std::vector<service::DerivedEvidence> batch;
    for (size_t i = first; i < std::min(ids.size(), first + 1000); ++i) {
      core::SplitMix64 gen(static_cast<std::uint64_t>(ids[i]));
      const auto uniform = [&] { return static_cast<double>(gen.below(1'000'000)) / 1e6; };
      const double theta = (uniform() - 0.5) * 4;
      service::DerivedEvidence unit{"bench:" + std::to_string(ids[i]), {}};
      for (int k = 0; k < per_worker; ++k) {
        const double b = (uniform() - 0.5) * 3;
        const double p = 1 / (1 + std::exp(-(theta - b)));
        unit.rows.push_back({ids[i], work_type.id, dims[static_cast<size_t>(k) % dims.size()], "item:" + std::to_string(k),
                             uniform() < p ? 1.0 : 0.0, 1.0, b, now, "基准考试 第" + std::to_string(k + 1) + "题", "exam:1"});
      }
      batch.push_back(std::move(unit));
    }
    return batch;
  };
  auto t = Clock::now();
  for (size_t first = 0; first < ids.size(); first += 1000) {
    const auto batch = batch_of(first);
    db->write([&](store::Connection& c) { service::replace_evidence_bulk(c, s.ctx, "exam_item", batch); });
  }
  const double ingest_s = seconds_since(t);
  const double rows = static_cast<double>(workers) * per_worker;
  report("evidence_rows", rows, "rows");
  report("ingest_with_portraits", rows / ingest_s, "rows/s");

  // Beside it: the same rows as plain INSERTs into a bare table, same batches, same durability.
  db->write([&](store::Connection& c) { c.execute("CREATE TABLE bench_plain(worker_id BIGINT, dimension_id BIGINT, score REAL, difficulty REAL)"); });
  t = Clock::now();
  for (size_t first = 0; first < ids.size(); first += 1000) {
    const auto batch = batch_of(first);
    db->write([&](store::Connection& c) {
      for (const auto& unit : batch)
        for (const auto& r : unit.rows) c.execute("INSERT INTO bench_plain VALUES (?, ?, ?, ?)", {r.worker_id, *r.dimension_id, r.score, r.difficulty});
    });
  }
  report("plain_insert", rows / seconds_since(t), "rows/s");

  // Reads of random workers: the portrait (scores, bands, peers' medians, ranks, trend) and, beside it,
  // the plain average per dimension.
  std::vector<double> portrait_ms, average_ms;
  core::SplitMix64 rnd(42);
  for (int i = 0; i < reads; ++i) {
    const auto id = ids[rnd.below(static_cast<std::uint32_t>(ids.size()))];
    t = Clock::now();
    const auto p = s.portraits.portrait(admin, id, work_type.id);
    portrait_ms.push_back(seconds_since(t) * 1000);
    if (!p.overall) return 1;
    t = Clock::now();
    db->read([&](store::Connection& c) {
      c.query("SELECT dimension_id, AVG(score), COUNT(*) FROM evidence WHERE worker_id = ? AND work_type_id = ? GROUP BY dimension_id",
              {id, work_type.id});
    });
    average_ms.push_back(seconds_since(t) * 1000);
  }
  report("portrait_read_p50", percentile(portrait_ms, 0.5), "ms");
  report("portrait_read_p99", percentile(portrait_ms, 0.99), "ms");
  report("plain_average_read_p50", percentile(average_ms, 0.5), "ms");
  report("plain_average_read_p99", percentile(average_ms, 0.99), "ms");
  report("rss_after_reads", static_cast<double>(rss_kib()) / 1024, "MiB");

  // Analytics over one district (up to 50,000 workers): the skill structure, the peers' quartiles, the
  // promotion pipeline (bars set for the next level) and a post model's gaps — each timed per call — and
  // beside them the plain SQL count of the district's workers by level. Then a city-wide talent search
  // with three dimension filters, and the big screen's figures computed afresh.
  {
    std::vector<service::LevelBar> bars{{std::nullopt, 55}};
    for (auto d : dims) bars.push_back({d, 50});
    s.level_bars.set(admin, work_type.id, "senior", bars);
    service::PostModelInput model{districts[0], work_type.id, "基准岗位", false, {}};
    for (auto d : dims) model.targets.push_back({d, "", 60});
    const auto post = s.post_models.create(admin, model);
    const auto timed = [&](const char* name, int n, const auto& call) {
      std::vector<double> ms;
      for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        call();
        ms.push_back(seconds_since(t0) * 1000);
      }
      report((std::string(name) + "_p50").c_str(), percentile(ms, 0.5), "ms");
      report((std::string(name) + "_p99").c_str(), percentile(ms, 0.99), "ms");
    };
    const auto district = districts[0];
    timed("structure", 20, [&] { s.structure.structure(admin, district); });
    timed("benchmarks", 20, [&] { s.benchmarks.benchmarks(admin, district, work_type.id); });
    timed("pipeline", 20, [&] { s.pipeline.pipeline(admin, district, work_type.id); });
    timed("gaps", 10, [&] { s.gaps.gaps(admin, post.id); });
    timed("plain_level_count", 20, [&] {
      db->read([&](store::Connection& c) {
        c.query("SELECT w.skill_level, COUNT(*) FROM workers w JOIN orgs o ON o.id = w.org_id WHERE o.parent_id = ? GROUP BY w.skill_level", {district});
      });
    });
    service::TalentQuery q;
    q.work_type_id = work_type.id;
    q.min_dimension = {{dims[0], 60}, {dims[1], 60}, {dims[2], 60}};
    timed("talent_search_3dims", 50, [&] { s.talent_search.search(admin, q); });
    timed("brain_fresh", 3, [&] { s.brain.set_high_skill_target(admin, root, 0.3); s.brain.brain(admin, root); });
    timed("brain_shared", 50, [&] { s.brain.brain(admin, root); });
    report("rss_after_analytics", static_cast<double>(rss_kib()) / 1024, "MiB");
  }
  report("db_file", static_cast<double>(std::filesystem::file_size(file)) / (1 << 20), "MiB");
  return 0;
}
