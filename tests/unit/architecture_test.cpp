// The layout rules of docs/ARCHITECTURE.md, checked against the includes of every file under src/:
// layers only look down (cli → http → service → store → core), each layer is grouped by the same
// domains, and a domain includes only itself and the domains the "Domains" table lets it use — a
// table the test reads from the document itself, so the document and the check cannot drift apart.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef SKB_SOURCE_DIR
#error "SKB_SOURCE_DIR must name the project's root"
#endif

namespace fs = std::filesystem;

namespace {

using Domains = std::map<std::string, std::set<std::string>>;  // domain → the domains it may use

const std::vector<std::string> kLayers = {"core", "store", "service", "http", "cli"};  // bottom first
// Folders whose children are domain folders, per layer.
const std::map<std::string, std::string> kDomainRoots = {
    {"core", "core"}, {"service", "service"}, {"http", "http/handlers"}};
// The only files allowed directly in a domain root: the composition headers that wire every domain.
const std::set<std::string> kCompositionFiles = {"service/services.hpp", "http/handlers/handlers.hpp"};

// Where a path below src/ sits: its layer and, if it is inside a domain folder, the domain.
struct Place {
  std::string layer;
  std::optional<std::string> domain;
};

Place place_of(const std::string& path) {
  Place p{path.substr(0, path.find('/')), std::nullopt};
  auto root = kDomainRoots.find(p.layer);
  if (root == kDomainRoots.end()) return p;
  const std::string prefix = root->second + "/";
  if (path.rfind(prefix, 0) != 0) return p;
  const auto rest = path.substr(prefix.size());
  const auto slash = rest.find('/');
  if (slash != std::string::npos) p.domain = rest.substr(0, slash);
  return p;
}

// -1 for what is no layer (a test-local header); main.cpp, which wires them all, is above every layer.
int layer_rank(const std::string& layer) {
  if (layer == "main.cpp") return static_cast<int>(kLayers.size());
  auto it = std::find(kLayers.begin(), kLayers.end(), layer);
  return it == kLayers.end() ? -1 : static_cast<int>(it - kLayers.begin());
}

// Reads the "may use" column of the table under "## Domains" in docs/ARCHITECTURE.md:
// | domain | may use | ... | with "—" for none and "every domain" for all.
Domains read_domain_table(std::istream& doc) {
  Domains domains;
  std::string line;
  bool in_section = false;
  while (std::getline(doc, line)) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Domains";
    if (!in_section || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(cell);
    if (cells.size() < 2) continue;
    static const std::regex name(R"(`([a-z_]+)`)");
    std::smatch m;
    if (!std::regex_search(cells[0], m, name)) continue;
    auto& uses = domains[m[1]];
    if (cells[1].find("every domain") != std::string::npos) {
      uses.insert("*");
      continue;
    }
    for (std::sregex_iterator it(cells[1].begin(), cells[1].end(), name), end; it != end; ++it) uses.insert((*it)[1]);
  }
  return domains;
}

bool may_use(const Domains& domains, const std::string& from, const std::string& to) {
  if (from == to) return true;
  auto it = domains.find(from);
  return it != domains.end() && (it->second.count("*") || it->second.count(to));
}

// Problems with the table itself: a use of an undeclared domain, or a circle.
std::vector<std::string> table_problems(const Domains& domains) {
  std::vector<std::string> problems;
  for (const auto& [from, uses] : domains)
    for (const auto& to : uses)
      if (to != "*" && !domains.count(to)) problems.push_back(from + " uses undeclared domain " + to);
  std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
  std::function<void(const std::string&, std::vector<std::string>&)> visit = [&](const std::string& d,
                                                                                  std::vector<std::string>& path) {
    state[d] = 1;
    path.push_back(d);
    for (const auto& to : domains.at(d)) {
      if (to == "*" || !domains.count(to)) continue;
      if (state[to] == 1) {
        std::string circle;
        for (auto it = std::find(path.begin(), path.end(), to); it != path.end(); ++it) circle += *it + " → ";
        problems.push_back("circle: " + circle + to);
      } else if (state[to] == 0) {
        visit(to, path);
      }
    }
    path.pop_back();
    state[d] = 2;
  };
  for (const auto& [d, _] : domains) {
    std::vector<std::string> path;
    if (state[d] == 0) visit(d, path);
  }
  for (const auto& [from, uses] : domains)
    if (uses.count("*"))
      for (const auto& [other, other_uses] : domains)
        if (other != from && may_use(domains, other, from))
          problems.push_back(other + " uses " + from + ", which may use every domain");
  return problems;
}

struct SourceFile {
  std::string path;                   // below src/, e.g. "service/contest/judging.cpp"
  std::vector<std::string> includes;  // the quoted includes, as written
};

// Problems with one file: where it sits, and each include that breaks a layer or domain arrow.
std::vector<std::string> file_problems(const Domains& domains, const SourceFile& file) {
  std::vector<std::string> problems;
  const auto from = place_of(file.path);
  auto root = kDomainRoots.find(from.layer);
  if (root != kDomainRoots.end() && !from.domain) {
    const bool in_root = file.path.rfind(root->second + "/", 0) == 0 &&
                         file.path.find('/', root->second.size() + 1) == std::string::npos;
    if (in_root && !kCompositionFiles.count(file.path))
      problems.push_back(file.path + " sits in " + root->second + "/ outside every domain folder");
  }
  if (from.domain && !domains.count(*from.domain))
    problems.push_back(file.path + " is in folder " + *from.domain + ", which the Domains table does not declare");
  for (const auto& inc : file.includes) {
    const auto to = place_of(inc);
    const int to_rank = layer_rank(to.layer);
    if (to_rank < 0) continue;  // a test-local or generated header
    if (to_rank > layer_rank(from.layer)) {
      problems.push_back(file.path + " includes " + inc + ": " + from.layer + " may not look up to " + to.layer);
      continue;
    }
    if (inc == "service/services.hpp" && from.layer == "service" && from.domain &&
        !may_use(domains, *from.domain, "*"))
      problems.push_back(file.path + " includes every domain through service/services.hpp");
    if (from.domain && to.domain && !may_use(domains, *from.domain, *to.domain))
      problems.push_back(file.path + " includes " + inc + ": " + *from.domain + " may not use " + *to.domain);
  }
  return problems;
}

std::vector<SourceFile> read_sources(const fs::path& src) {
  static const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<SourceFile> files;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;  // CMake lists, migrations
    SourceFile file{fs::relative(entry.path(), src).generic_string(), {}};
    std::ifstream in(entry.path());
    std::smatch m;
    for (std::string line; std::getline(in, line);)
      if (std::regex_search(line, m, include)) file.includes.push_back(m[1]);
    files.push_back(std::move(file));
  }
  return files;
}

Domains project_domains() {
  std::ifstream doc(fs::path(SKB_SOURCE_DIR) / "docs" / "ARCHITECTURE.md");
  return read_domain_table(doc);
}

const Domains kSample = {{"platform", {}}, {"people", {"platform"}}, {"contest", {"people", "platform"}},
                         {"demo", {"*"}}};

TEST(Architecture, DocumentDeclaresTheDomainsWithoutCircles) {
  const auto domains = project_domains();
  ASSERT_GE(domains.size(), 5u) << "docs/ARCHITECTURE.md lost its Domains table";
  EXPECT_TRUE(domains.count("platform") && domains.at("platform").empty()) << "platform uses no other domain";
  const auto problems = table_problems(domains);
  EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(Architecture, EveryIncludeFollowsTheLayerAndDomainArrows) {
  const auto domains = project_domains();
  const auto files = read_sources(fs::path(SKB_SOURCE_DIR) / "src");
  ASSERT_GT(files.size(), 100u);
  std::vector<std::string> problems;
  for (const auto& f : files)
    for (auto& p : file_problems(domains, f)) problems.push_back(std::move(p));
  std::string all;
  for (const auto& p : problems) all += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << problems.size() << " broken arrows:" << all;
}

TEST(Architecture, EachLayerAndEachTestSuiteUseTheSameDomainNames) {
  const auto domains = project_domains();
  const fs::path root(SKB_SOURCE_DIR);
  // Test helpers and installed packages sit beside the domain folders of the API and browser tests.
  const std::set<std::string> not_domains = {"lib", "node_modules", "artifacts"};
  for (const auto* folder : {"src/core", "src/service", "src/http/handlers", "tests/unit/core", "tests/unit/service",
                             "tests/api", "tests/e2e"}) {
    for (const auto& entry : fs::directory_iterator(root / folder)) {
      if (!entry.is_directory() || not_domains.count(entry.path().filename().string())) continue;
      if (fs::is_empty(entry.path())) continue;  // left behind by a checkout from before a move: holds nothing
      EXPECT_TRUE(domains.count(entry.path().filename().string()))
          << folder << "/" << entry.path().filename().string() << " is not a domain of docs/ARCHITECTURE.md";
    }
  }
}

// The checker itself, on made-up trees, so a checker that passes everything cannot pass for a clean tree.
TEST(ArchitectureChecker, ReadsTheTableFromMarkdown) {
  std::istringstream doc(
      "## Layers\n| `x` | `y` |\n## Domains\n| domain | may use | job |\n|---|---|---|\n"
      "| `platform` | — | shared |\n| `people` | `platform` | workers |\n| `demo` | every domain | seeds |\n"
      "## Next\n| `z` | `people` |\n");
  const auto d = read_domain_table(doc);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_TRUE(d.at("platform").empty());
  EXPECT_EQ(d.at("people"), std::set<std::string>{"platform"});
  EXPECT_TRUE(may_use(d, "demo", "people"));
  EXPECT_FALSE(may_use(d, "platform", "people"));
}

TEST(ArchitectureChecker, FindsCirclesAndUndeclaredDomains) {
  EXPECT_TRUE(table_problems(kSample).empty());
  auto circular = kSample;
  circular["platform"].insert("contest");
  const auto problems = table_problems(circular);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.front().find("circle"), std::string::npos) << problems.front();
  auto undeclared = kSample;
  undeclared["people"].insert("boards");
  EXPECT_EQ(table_problems(undeclared).size(), 1u);
  auto on_demo = kSample;
  on_demo["contest"].insert("demo");
  EXPECT_FALSE(table_problems(on_demo).empty()) << "nothing may depend on the domain that uses everything";
}

TEST(ArchitectureChecker, FindsArrowsThatBreakTheRules) {
  const auto count = [](const SourceFile& f) { return file_problems(kSample, f).size(); };
  EXPECT_EQ(count({"service/contest/judging.cpp", {"service/people/actor.hpp", "core/contest/scoring.hpp"}}), 0u);
  EXPECT_EQ(count({"service/people/workers.cpp", {"service/contest/judging.hpp"}}), 1u) << "people → contest";
  EXPECT_EQ(count({"core/people/worker.cpp", {"core/contest/ranking.hpp"}}), 1u) << "across domains inside core";
  EXPECT_EQ(count({"http/handlers/people/workers.cpp", {"service/contest/results.hpp"}}), 1u) << "across layers";
  EXPECT_EQ(count({"core/contest/ranking.cpp", {"service/contest/results.hpp"}}), 1u) << "core looking up";
  EXPECT_EQ(count({"service/contest/judging.cpp", {"service/services.hpp"}}), 1u) << "every domain at once";
  EXPECT_EQ(count({"service/demo/seed.cpp", {"service/services.hpp"}}), 0u);
  EXPECT_EQ(count({"service/judging.cpp", {}}), 1u) << "a file outside the domain folders";
  EXPECT_EQ(count({"http/handlers/boards/live.cpp", {}}), 1u) << "a folder the table does not declare";
  EXPECT_EQ(count({"http/server.cpp", {"service/services.hpp"}}), 0u) << "layer infrastructure outside domains";
}

}  // namespace
