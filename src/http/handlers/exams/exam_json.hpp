#pragma once
// The JSON of questions, exams, sessions and practice (docs/api/exams.md), both ways.
#include <boost/json.hpp>

#include "service/exams/analysis.hpp"
#include "service/exams/exams.hpp"
#include "service/exams/practice.hpp"
#include "service/exams/question_bank.hpp"
#include "service/exams/sessions.hpp"

namespace skb::http {

boost::json::value to_json(const service::QuestionRecord& q);
service::QuestionInput question_input(const boost::json::object& body);

boost::json::value to_json(const service::ExamView& e);
service::ExamInput exam_input(const boost::json::object& body);
boost::json::value to_json(const service::CandidateSession& s);
boost::json::value to_json(const service::SessionState& s);
boost::json::value to_json(const service::MyExam& e);
boost::json::value to_json(const core::exam::ShownQuestion& q);
boost::json::value to_json(const service::GradingItem& g);
boost::json::value to_json(const service::ExamStatistics& s);
std::vector<service::SavedAnswer> saved_answers(const boost::json::object& body, bool with_seq);

boost::json::value to_json(const service::LevelView& l);
boost::json::value to_json(const service::PracticeAttempt& a);
boost::json::value to_json(const service::PracticeResult& r);

}  // namespace skb::http
