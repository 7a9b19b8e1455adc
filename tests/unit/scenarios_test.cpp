// Judging and ranking scenarios as data (tests/scenarios/*.json, format in tests/scenarios/README.md):
// entries and marks in, standings out. Standings are computed with the core functions only
// (check_mark, score_aspect, sum_component, time_score, standardise, total_score, rank_entries, advancing),
// so a scenario a chief judge can read is also a check of the code the service runs.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/contest/ranking.hpp"
#include "core/contest/scoring.hpp"

#ifndef SKB_SCENARIO_DIR
#error "SKB_SCENARIO_DIR must name tests/scenarios"
#endif

namespace json = boost::json;
using namespace skb::core;

namespace {

std::vector<std::filesystem::path> scenario_files() {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(SKB_SCENARIO_DIR, ec))
    if (item.is_regular_file() && item.path().extension() == ".json") files.push_back(item.path());
  std::sort(files.begin(), files.end());
  return files;
}

// ---- reading the file ----

double number(const json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  throw std::runtime_error("expected a number, got " + json::serialize(v));
}

double number_or(const json::object& o, std::string_view key, double fallback) {
  const json::value* v = o.if_contains(key);
  return v ? number(*v) : fallback;
}

std::string text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) throw std::runtime_error("missing text field \"" + std::string(key) + "\"");
  return std::string(v->get_string());
}

std::string text_or(const json::object& o, std::string_view key, std::string fallback = {}) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : fallback;
}

const json::array& array_or_empty(const json::object& o, std::string_view key) {
  static const json::array empty;
  const json::value* v = o.if_contains(key);
  return v ? v->as_array() : empty;
}

std::set<std::string> text_set(const json::object& o, std::string_view key) {
  std::set<std::string> out;
  for (const json::value& v : array_or_empty(o, key)) out.insert(std::string(v.as_string()));
  return out;
}

std::string joined(const std::set<std::string>& items) {
  std::string out = "[";
  for (const std::string& s : items) out += (out.size() > 1 ? ", " : "") + s;
  return out + "]";
}

AspectKind aspect_kind(const std::string& s) {
  if (s == "measurement") return AspectKind::measurement;
  if (s == "judgement") return AspectKind::judgement;
  if (s == "deduction") return AspectKind::deduction;
  throw std::runtime_error("unknown aspect kind " + s);
}

TieBreak tie_break(const std::string& s) {
  if (s == "practical_higher") return TieBreak::practical_higher;
  if (s == "theory_higher") return TieBreak::theory_higher;
  if (s == "time_lower") return TieBreak::time_lower;
  throw std::runtime_error("unknown tie break " + s);
}

struct AspectRule {
  std::string key;
  Aspect aspect;
};

struct ComponentRule {
  std::string key;
  ComponentKind kind = ComponentKind::practical;
  double max = 100;
  double weight = 1;
  std::optional<double> time_limit;  // timed: scored by time_score, no aspects
  std::vector<AspectRule> aspects;
};

struct Rules {
  TotalMode mode = TotalMode::raw_sum;
  int min_judges = 3;
  std::vector<TieBreak> tie_breaks;
  bool standardise_by_venue = false;
  std::vector<ComponentRule> components;
};

Rules read_rules(const json::object& r) {
  Rules rules;
  const std::string mode = text(r, "mode");
  if (mode == "weighted") rules.mode = TotalMode::weighted;
  else if (mode != "raw_sum") throw std::runtime_error("mode must be weighted or raw_sum");
  rules.min_judges = static_cast<int>(number_or(r, "min_judges", 3));
  for (const json::value& t : array_or_empty(r, "tie_breaks")) rules.tie_breaks.push_back(tie_break(std::string(t.as_string())));
  const std::string standardise_rule = text_or(r, "standardise");
  if (standardise_rule == "venue") rules.standardise_by_venue = true;
  else if (!standardise_rule.empty()) throw std::runtime_error("standardise must be \"venue\" when set");

  std::int64_t next_aspect_id = 1;
  for (const json::value& cv : r.at("components").as_array()) {
    const json::object& c = cv.as_object();
    ComponentRule comp;
    comp.key = text(c, "key");
    const std::string kind = text(c, "kind");
    if (kind == "theory") comp.kind = ComponentKind::theory;
    else if (kind != "practical") throw std::runtime_error("component kind must be theory or practical");
    comp.max = number(c.at("max"));
    comp.weight = number_or(c, "weight", 1);
    if (const json::value* timed = c.if_contains("timed")) comp.time_limit = number(timed->as_object().at("limit_seconds"));
    for (const json::value& av : array_or_empty(c, "aspects")) {
      const json::object& a = av.as_object();
      AspectRule rule;
      rule.key = text(a, "key");
      rule.aspect.id = next_aspect_id++;
      rule.aspect.kind = aspect_kind(text(a, "kind"));
      rule.aspect.max_mark = number(a.at("max"));
      rule.aspect.step = number_or(a, "step", 0.5);
      rule.aspect.disqualifies = a.if_contains("disqualifies") && a.at("disqualifies").as_bool();
      for (const json::value& bv : array_or_empty(a, "bands")) {
        const json::object& b = bv.as_object();
        rule.aspect.bands.push_back({number(b.at("from")), number(b.at("to")), number(b.at("marks"))});
      }
      comp.aspects.push_back(std::move(rule));
    }
    rules.components.push_back(std::move(comp));
  }
  return rules;
}

// ---- computing the standings ----

struct EntryResult {
  std::int64_t id = 0;
  std::string name;
  std::string venue;
  std::optional<double> seconds;
  bool disqualified = false;
  std::vector<ComponentScore> components;  // in rule order
  std::set<std::string> flagged, incomplete;
};

std::vector<EntryResult> score_entries(const Rules& rules, const json::array& entries) {
  std::vector<EntryResult> results;
  for (const json::value& ev : entries) {
    const json::object& e = ev.as_object();
    EntryResult r;
    r.id = e.at("id").to_number<std::int64_t>();
    r.name = text_or(e, "name", std::to_string(r.id));
    r.venue = text_or(e, "venue");
    if (const json::value* s = e.if_contains("seconds")) r.seconds = number(*s);
    r.disqualified = e.if_contains("disqualified") && e.at("disqualified").as_bool();

    static const json::object no_marks;
    const json::object& marks = e.contains("marks") ? e.at("marks").as_object() : no_marks;
    std::set<std::string> known;
    for (std::size_t ci = 0; ci < rules.components.size(); ++ci) {
      const ComponentRule& comp = rules.components[ci];
      std::vector<AspectScore> scores;
      for (const AspectRule& rule : comp.aspects) {
        known.insert(rule.key);
        AspectMarks am{rule.aspect.id, {}};
        if (const json::value* v = marks.if_contains(rule.key)) {
          if (v->is_array())
            for (const json::value& x : v->as_array()) am.values.push_back(number(x));
          else am.values.push_back(number(*v));
        }
        for (double value : am.values)
          if (auto problem = check_mark(rule.aspect, value))
            ADD_FAILURE() << r.name << " / " << rule.key << " = " << value << ": " << *problem;
        const AspectScore s = score_aspect(rule.aspect, am, rules.min_judges);
        if (s.flagged) r.flagged.insert(rule.key);
        if (!s.complete) r.incomplete.insert(rule.key);
        scores.push_back(s);
      }
      ComponentScore c = sum_component(static_cast<std::int64_t>(ci + 1), comp.max, comp.weight, scores);
      c.kind = comp.kind;
      c.seconds = r.seconds;
      r.disqualified = r.disqualified || c.disqualified;
      r.components.push_back(c);
    }
    for (const auto& [key, value] : marks)
      if (!known.count(std::string(key))) ADD_FAILURE() << r.name << ": marks for unknown aspect " << key;
    results.push_back(std::move(r));
  }

  // Timed components: the fastest finisher still in the competition sets full marks.
  for (std::size_t ci = 0; ci < rules.components.size(); ++ci) {
    const ComponentRule& comp = rules.components[ci];
    if (!comp.time_limit) continue;
    std::optional<double> fastest;
    for (const EntryResult& r : results)
      if (r.seconds && !r.disqualified) fastest = std::min(fastest.value_or(*r.seconds), *r.seconds);
    for (EntryResult& r : results) {
      ComponentScore& c = r.components[ci];
      c.complete = r.seconds.has_value();
      c.score = r.seconds && fastest ? time_score(*r.seconds, *fastest, *comp.time_limit, comp.max) : 0;
    }
  }

  // Cross-venue fairness: the service's rule (core::standardise_by_venue), venues numbered by name.
  if (rules.standardise_by_venue) {
    std::map<std::string, std::int64_t> venue_number;
    std::vector<VenueComponents> field;
    for (auto& r : results) {
      const auto number = venue_number.emplace(r.venue, static_cast<std::int64_t>(venue_number.size())).first->second;
      field.push_back({number, r.disqualified, &r.components});
    }
    standardise_by_venue(field);
  }
  return results;
}

std::vector<ComponentScore> of_kind(const std::vector<ComponentScore>& all, ComponentKind kind) {
  std::vector<ComponentScore> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const ComponentScore& c) { return c.kind == kind; });
  return out;
}

// ---- the test ----

class Scenario : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(Scenario, Standings) {
  std::ifstream in(GetParam(), std::ios::binary);
  ASSERT_TRUE(in) << GetParam();
  std::stringstream buffer;
  buffer << in.rdbuf();
  json::error_code ec;
  const json::value doc = json::parse(buffer.str(), ec);
  ASSERT_FALSE(ec) << GetParam() << ": " << ec.message();
  const json::object& root = doc.as_object();

  // Every scenario says what it shows, in Chinese and English.
  const json::object& description = root.at("description").as_object();
  EXPECT_FALSE(text(description, "zh").empty());
  EXPECT_FALSE(text(description, "en").empty());

  const json::object& rules_json = root.at("rules").as_object();
  const Rules rules = read_rules(rules_json);
  const std::vector<EntryResult> results = score_entries(rules, root.at("entries").as_array());

  std::map<std::int64_t, const EntryResult*> by_id;
  std::vector<RankInput> inputs;
  for (const EntryResult& r : results) {
    ASSERT_TRUE(by_id.emplace(r.id, &r).second) << "duplicate entry id " << r.id;
    inputs.push_back({r.id, total_score(rules.mode, r.components),
                      total_score(rules.mode, of_kind(r.components, ComponentKind::practical)),
                      total_score(rules.mode, of_kind(r.components, ComponentKind::theory)), r.seconds,
                      r.disqualified});
  }
  const std::vector<Standing> standings = rank_entries(inputs, rules.tie_breaks);

  // Prizes: cumulative tiers ("top": 3 = the first three places, ties at the cut included).
  std::map<std::int64_t, std::string> prize;
  for (const json::value& tier : array_or_empty(rules_json, "prizes")) {
    const json::object& t = tier.as_object();
    for (std::int64_t id : advancing(standings, static_cast<int>(number(t.at("top"))), std::nullopt))
      prize.emplace(id, text(t, "name"));  // keeps the better prize already given
  }
  // Advancement to the next stage.
  std::set<std::int64_t> advances;
  const json::value* advance_rule = rules_json.if_contains("advance");
  if (advance_rule) {
    const json::object& a = advance_rule->as_object();
    std::optional<int> top_n;
    std::optional<double> top_percent;
    if (a.contains("top_n")) top_n = static_cast<int>(number(a.at("top_n")));
    if (a.contains("top_percent")) top_percent = number(a.at("top_percent"));
    for (std::int64_t id : advancing(standings, top_n, top_percent)) advances.insert(id);
  }

  const json::array& expected = root.at("expected").as_array();
  ASSERT_EQ(expected.size(), standings.size()) << "expected lists every entrant, in standing order";
  for (std::size_t i = 0; i < standings.size(); ++i) {
    const json::object& want = expected[i].as_object();
    const Standing& got = standings[i];
    const EntryResult& r = *by_id.at(got.entry_id);
    const std::int64_t want_id = want.at("entry").to_number<std::int64_t>();
    SCOPED_TRACE("place " + std::to_string(i + 1) + ": " + r.name);
    EXPECT_EQ(got.entry_id, want_id);
    if (got.entry_id != want_id) continue;  // the rest would only repeat the misorder
    EXPECT_EQ(got.rank, static_cast<int>(number(want.at("rank"))));
    if (const json::value* total = want.if_contains("total")) {
      EXPECT_NEAR(got.total, number(*total), 1e-9);
      EXPECT_EQ(round2(got.total), got.total);
    }
    if (const json::value* tied = want.if_contains("tied")) {
      EXPECT_EQ(got.tied, tied->as_bool());
    }
    EXPECT_EQ(joined(r.flagged), joined(text_set(want, "flagged"))) << "flagged aspects";
    EXPECT_EQ(joined(r.incomplete), joined(text_set(want, "incomplete"))) << "incomplete aspects";
    EXPECT_EQ(prize.count(got.entry_id) ? prize.at(got.entry_id) : "", text_or(want, "prize")) << "prize";
    if (advance_rule) {
      const bool want_advance = want.if_contains("advances") && want.at("advances").as_bool();
      EXPECT_EQ(advances.count(got.entry_id) == 1, want_advance) << "advances";
    }
  }
}

std::string test_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, Scenario, ::testing::ValuesIn(scenario_files()), test_name);

TEST(ScenarioFiles, SixToTenScenariosAndAReadme) {
  const auto files = scenario_files();
  EXPECT_GE(files.size(), 6u);
  EXPECT_LE(files.size(), 10u);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(SKB_SCENARIO_DIR) / "README.md"));
}

}  // namespace
