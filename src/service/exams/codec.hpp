#pragma once
// How questions and papers are kept as JSON text in the store: a question's answer key in `body`, a
// candidate's drawn paper in `paper`. Only the service reads these; pages get core::exam::ShownQuestion.
#include <string>

#include <boost/json/value.hpp>

#include "core/exams/grading.hpp"
#include "core/exams/paper.hpp"
#include "core/exams/question.hpp"

namespace skb::service {

// Options, blanks, rubric, images and the fixed-order flag (the columns hold the rest).
std::string question_body_json(const core::exam::Question& q);
void read_question_body(const std::string& body, core::exam::Question& q);

std::string paper_json(const core::exam::Paper& paper);
core::exam::Paper read_paper(const std::string& text);

// A candidate's response as the page sends it ({option_ids, blanks, text}); Error(invalid) when malformed.
core::exam::Response read_response(const boost::json::value& v, const std::string& field);
boost::json::object response_json(const core::exam::Response& r);
core::exam::Response read_response_text(const std::string& text);

}  // namespace skb::service
