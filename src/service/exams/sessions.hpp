#pragma once
// The candidate's side of an exam, on a phone: start (or resume) the one session, autosave answers as
// they are given, report focus losses, submit — or be submitted by the server at the deadline. Every
// acknowledged answer is committed before the answer goes back; nothing the page learns tells which
// option is right.
#include <optional>
#include <string>
#include <vector>

#include "core/exams/grading.hpp"
#include "core/exams/paper.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

// Who is writing: the page's own device id (kept in localStorage), for the one-session rule.
struct ClientInfo {
  std::string device_id;
  std::string ip;
  std::string user_agent;
};

struct SessionState {
  std::int64_t id = 0;
  std::int64_t exam_id = 0;
  std::string status;  // active, submitted
  std::string started_at, deadline_at, submitted_at;
  std::int64_t remaining_seconds = 0;
  std::string server_time;
  bool auto_submitted = false;
  std::optional<double> score;  // once submitted
  double max_score = 0;
  int pending_manual = 0;
};

struct MyExam {
  std::int64_t id = 0;
  std::string title, work_type_name, opens_at, closes_at;
  int duration_minutes = 0;
  double total_marks = 0;
  std::string state;  // upcoming, open, in_progress, submitted, missed
  std::optional<std::int64_t> session_id;
  std::optional<double> score;
  double max_score = 0;
  int pending_manual = 0;
};

struct SavedAnswer {
  std::string question;  // shown id
  core::exam::Response response;
  std::int64_t seq = 0;
};

struct StartedExam {
  SessionState session;
  std::string title;
  int duration_minutes = 0;
  double total_marks = 0;
  std::vector<core::exam::ShownQuestion> questions;
  std::vector<SavedAnswer> answers;
};

struct SaveOutcome {
  int saved = 0;
  std::string saved_at;
  std::int64_t remaining_seconds = 0;
};

struct ClientEvent {
  std::string kind;  // blur, focus, hidden, visible, copy, paste, fullscreen_exit
  std::string at;
};

// Answers are accepted this long after the deadline, for the last autosave still on the wire.
inline constexpr std::int64_t kAnswerGraceSeconds = 10;
// Another device may take a session over once the holder has been silent this long.
inline constexpr std::int64_t kDeviceHoldSeconds = 45;

class ExamSessionService {
 public:
  explicit ExamSessionService(const Context& ctx) : ctx_(ctx) {}

  std::vector<MyExam> my_exams(const Actor& actor) const;
  StartedExam start(const Actor& actor, std::int64_t exam_id, const ClientInfo& client);
  SaveOutcome save_answers(const Actor& actor, std::int64_t session_id, const ClientInfo& client, const std::vector<SavedAnswer>& answers);
  int record_events(const Actor& actor, std::int64_t session_id, const ClientInfo& client, const std::vector<ClientEvent>& events);
  SessionState submit(const Actor& actor, std::int64_t session_id, const ClientInfo& client, const std::vector<SavedAnswer>& answers);
  SessionState get(const Actor& actor, std::int64_t session_id) const;
  // Submits every session past its deadline (all exams, or one); answers how many. For the sweeper.
  int submit_expired();

 private:
  const Context& ctx_;
};

// Grades and submits the sessions past deadline + grace (of one exam, or all); inside a write.
// At most `limit` sessions when limit > 0.
int finalise_expired(store::Connection& c, const Context& ctx, std::optional<std::int64_t> exam_id, int limit = 0);

}  // namespace skb::service
