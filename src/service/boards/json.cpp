#include "service/boards/json.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/contest/competition.hpp"
#include "core/contest/scoring.hpp"
#include "core/platform/error.hpp"

namespace skb::service {
namespace json = boost::json;

namespace {
json::value id_json(std::int64_t id) { return json::value(std::to_string(id)); }
}  // namespace

std::string board_id_text(std::int64_t event_id, std::optional<std::int64_t> venue_id) {
  return venue_id ? fmt::format("e{}-v{}", event_id, *venue_id) : fmt::format("e{}", event_id);
}

ParsedBoardId parse_board_id(const std::string& text) {
  const auto number = [&](std::size_t& at) -> std::optional<std::int64_t> {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    if (ec != std::errc() || value <= 0 || end - (text.data() + at) > 18) return std::nullopt;
    at = static_cast<std::size_t>(end - text.data());
    return value;
  };
  std::size_t at = 1;
  std::optional<std::int64_t> event, venue;
  if (!text.starts_with('e') || !(event = number(at))) throw core::not_found("board " + text);
  if (at < text.size()) {
    if (text.compare(at, 2, "-v") != 0) throw core::not_found("board " + text);
    at += 2;
    if (!(venue = number(at)) || at != text.size()) throw core::not_found("board " + text);
  }
  return {*event, venue};
}

bool boards_public(std::string_view status) { return status == "running" || status == "marking_closed" || status == "published"; }

json::object board_header_json(const EventBoards& b, const BoardView& v) {
  const auto& ev = b.event();
  json::array tasks;
  for (const auto& c : ev.components)
    tasks.push_back(json::object{{"id", id_json(c.id)}, {"name", c.name}, {"kind", core::to_code(c.kind)}, {"max", c.max_mark}});
  json::value venue = nullptr;
  std::string title = ev.summary.name + " · 总排名";
  if (v.venue_id) {
    auto it = b.venues().find(*v.venue_id);
    const std::string name = it == b.venues().end() ? "" : it->second;
    venue = json::object{{"id", id_json(*v.venue_id)}, {"name", name}};
    title = ev.summary.name + " · " + name;
  }
  return json::object{{"id", board_id_text(v.event_id, v.venue_id)},
                      {"title", title},
                      {"competition", json::object{{"id", id_json(ev.summary.competition_id)}, {"name", ev.competition_name},
                                                   {"status", b.competition_status()}}},
                      {"event", json::object{{"id", id_json(ev.summary.id)}, {"name", ev.summary.name}, {"work_type", ev.summary.work_type_name}}},
                      {"venue", venue},
                      {"tasks", std::move(tasks)}};
}

json::object row_json(const EventBoards& b, const BoardEntrant& e, Placed placed, bool public_view) {
  const auto& r = b.result(e, public_view);
  const auto& components = b.event().components;
  json::array tasks;
  size_t aspect_index = 0;
  for (size_t i = 0; i < components.size() && i < r.components.size(); ++i) {
    const auto& def = components[i];
    // Progress counts what is marked; deductions are only given when something goes wrong.
    int marked = 0, of = 0;
    for (size_t k = 0; k < def.aspects.size() && aspect_index < r.aspects.size(); ++k, ++aspect_index) {
      if (def.aspects[k].kind == core::AspectKind::deduction) continue;
      ++of;
      if (r.aspects[aspect_index].complete) ++marked;
    }
    tasks.push_back(json::object{{"id", id_json(def.id)}, {"score", core::round2(r.components[i].score)}, {"marked", marked},
                                 {"of", of}, {"done", r.components[i].complete},
                                 {"seconds", r.components[i].seconds ? json::value(*r.components[i].seconds) : json::value(nullptr)}});
  }
  json::value venue = nullptr;
  if (e.entry.venue_id) venue = json::object{{"id", id_json(*e.entry.venue_id)}, {"name", e.entry.venue_name}};
  return json::object{{"row_id", e.entry.board_row_id},
                      {"bib", e.entry.bib},
                      {"name", e.entry.worker_name},
                      {"org", json::object{{"id", id_json(e.entry.org_id)}, {"name", e.entry.org_name}}},
                      {"venue", venue},
                      {"rank", placed.rank},
                      {"tied", placed.tied},
                      {"total", r.total},
                      {"complete", r.complete},
                      {"disqualified", r.disqualified},
                      {"tasks", std::move(tasks)},
                      {"seq", b.row_seq(e, public_view)},
                      {"pending", b.pending(e, public_view)}};
}

json::array venues_json(const EventBoards& b, bool public_view) {
  struct Counts { int entrants = 0, checked_in = 0, scoring = 0, finished = 0; };
  std::map<std::int64_t, Counts> counts;
  for (const auto& [id, name] : b.venues()) counts[id];
  for (const auto& [id, e] : b.entrants()) {
    if (!e.entry.venue_id) continue;
    auto& c = counts[*e.entry.venue_id];
    const auto& r = b.result(e, public_view);
    ++c.entrants;
    if (e.entry.status == "checked_in") ++c.checked_in;
    if (r.complete) ++c.finished;
    else if (b.row_seq(e, public_view) > 0) ++c.scoring;
  }
  json::array out;
  for (const auto& [id, c] : counts) {
    auto it = b.venues().find(id);
    out.push_back(json::object{{"id", id_json(id)}, {"name", it == b.venues().end() ? "" : it->second}, {"entrants", c.entrants},
                               {"checked_in", c.checked_in}, {"scoring", c.scoring}, {"finished", c.finished}});
  }
  return out;
}

json::value frozen_json(const EventBoards& b) {
  if (!b.freeze()) return nullptr;
  int remaining = 0;  // entrants with results still hidden
  for (const auto& [id, e] : b.entrants())
    if (b.pending(e, true)) ++remaining;
  return json::object{{"at", b.freeze()->at}, {"seq", b.freeze()->seq}, {"revealed", b.freeze()->revealed.size()}, {"remaining", remaining}};
}

json::object ticker_item_json(const EventBoards& b, const TickerItem& t) {
  std::string row_id, bib, name, task;
  if (auto e = b.entrants().find(t.entry_id); e != b.entrants().end())
    row_id = e->second.entry.board_row_id, bib = e->second.entry.bib, name = e->second.entry.worker_name;
  for (const auto& c : b.event().components)
    if (c.id == t.component_id) task = c.name;
  return json::object{{"seq", t.seq}, {"at", t.at}, {"row_id", row_id}, {"bib", bib}, {"name", name},
                      {"task", task}, {"score", core::round2(t.score)}, {"done", true}};
}

std::vector<const TickerItem*> visible_ticker(const EventBoards& b, const BoardView& v, std::int64_t after_seq) {
  std::vector<const TickerItem*> out;
  const bool frozen = v.public_view && b.freeze();
  for (const auto& t : b.ticker()) {
    if (t.seq <= after_seq) continue;
    if (v.venue_id) {  // a venue's screen tells of its own entrants
      auto e = b.entrants().find(t.entry_id);
      if (e == b.entrants().end() || e->second.entry.venue_id != v.venue_id) continue;
    }
    if (frozen && t.seq > b.freeze()->seq) continue;
    out.push_back(&t);
  }
  return out;
}

std::vector<std::pair<const BoardEntrant*, Placed>> placed_rows(const EventBoards& b, const BoardView& v) {
  const auto& board = b.board(v.venue_id, v.public_view);
  const auto rows = board.page(0, board.size());
  std::vector<std::pair<const BoardEntrant*, Placed>> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    auto it = b.entrants().find(rows[i].id);
    if (it == b.entrants().end()) continue;
    const bool dq = b.result(it->second, v.public_view).disqualified;
    const bool tied = !dq && ((i > 0 && rows[i - 1].key == rows[i].key) || (i + 1 < rows.size() && rows[i + 1].key == rows[i].key));
    out.push_back({&it->second, Placed{dq ? 0 : rows[i].rank, tied}});
  }
  return out;
}

std::string sse_frame(std::string_view id, std::string_view event, std::string_view data) {
  std::string out;
  out.reserve(data.size() + id.size() + event.size() + 24);
  if (!id.empty()) out.append("id: ").append(id).append("\n");
  out.append("event: ").append(event).append("\ndata: ").append(data).append("\n\n");
  return out;
}

}  // namespace skb::service
