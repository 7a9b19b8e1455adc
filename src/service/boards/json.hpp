#pragma once
// How a board looks on the wire (docs/api/boards.md): rows, venues, ticker, the board's header.
// Rendered once per push and shared by every viewer, so it lives next to the hub, not in a handler.
#include <boost/json.hpp>

#include <optional>

#include "service/boards/state.hpp"

namespace skb::service {

struct BoardView {
  std::int64_t event_id = 0;
  std::optional<std::int64_t> venue_id;
  bool public_view = false;
  auto operator<=>(const BoardView&) const = default;
};

std::string board_id_text(std::int64_t event_id, std::optional<std::int64_t> venue_id);
struct ParsedBoardId {
  std::int64_t event_id = 0;
  std::optional<std::int64_t> venue_id;
};
// "e12" or "e12-v3"; anything else throws not_found (it names no board).
ParsedBoardId parse_board_id(const std::string& text);
// Spectators see the boards of competitions under way: running, marking closed or published.
bool boards_public(std::string_view competition_status);

struct Placed {
  std::size_t rank = 0;  // 0 = unranked (disqualified)
  bool tied = false;
  bool operator==(const Placed&) const = default;
};

boost::json::object board_header_json(const EventBoards& b, const BoardView& v);
boost::json::object row_json(const EventBoards& b, const BoardEntrant& e, Placed placed, bool public_view);
boost::json::array venues_json(const EventBoards& b, bool public_view);
boost::json::value frozen_json(const EventBoards& b);
boost::json::object ticker_item_json(const EventBoards& b, const TickerItem& t);
// Ticker items a view may show: while frozen the public sees nothing newer than the freeze.
std::vector<const TickerItem*> visible_ticker(const EventBoards& b, const BoardView& v, std::int64_t after_seq);

// Every row of a view in display order with rank and tie, as the board orders them.
std::vector<std::pair<const BoardEntrant*, Placed>> placed_rows(const EventBoards& b, const BoardView& v);

// A server-sent event, framed once for every viewer.
std::string sse_frame(std::string_view id, std::string_view event, std::string_view data);

}  // namespace skb::service
