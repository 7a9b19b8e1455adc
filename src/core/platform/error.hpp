#pragma once
// Errors that end an operation. Services throw them; the HTTP layer turns each kind into a status and
// the JSON error body, the CLI into a message and an exit code. Domain code never knows about either.
#include <stdexcept>
#include <string>
#include <vector>

namespace skb::core {

// unsupported_media_type: a body that is not what the endpoint reads (415); unavailable: the store cannot
// take writes now (read-only, disk full) and the client may retry later (503).
enum class ErrorKind { invalid, unauthenticated, forbidden, not_found, conflict, unprocessable, rate_limited, internal,
                       unsupported_media_type, unavailable };

// One problem with one field of one input row (row 0 = not a row of a batch).
struct FieldProblem {
  int row = 0;
  std::string field;
  std::string code;
  std::string message;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), field_(std::move(field)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  // Per-row problems of a rejected batch (import); empty otherwise.
  std::vector<FieldProblem> problems;
  // Seconds a rate-limited caller should wait.
  int retry_after_seconds = 0;

 private:
  ErrorKind kind_;
  std::string code_;
  std::string field_;
};

inline Error invalid(const std::string& field, const std::string& message, std::string code = "validation_failed") {
  return Error(ErrorKind::invalid, std::move(code), message, field);
}
inline Error not_found(const std::string& what) { return Error(ErrorKind::not_found, "not_found", what + " not found"); }
inline Error forbidden(const std::string& message = "not allowed for your role or organisation") {
  return Error(ErrorKind::forbidden, "forbidden", message);
}
inline Error conflict(std::string code, const std::string& message) {
  return Error(ErrorKind::conflict, std::move(code), message);
}
// A form's problems (400 validation_failed): the first names the field; all travel with the error.
inline Error rejected(std::vector<FieldProblem> problems) {
  Error e(ErrorKind::invalid, "validation_failed", problems.front().message, problems.front().field);
  e.problems = std::move(problems);
  return e;
}
// An all-or-nothing import with problems (422 import_invalid): every row's, nothing imported.
inline Error import_rejected(std::vector<FieldProblem> problems) {
  const auto n = std::to_string(problems.size());
  Error e(ErrorKind::unprocessable, "import_invalid", n + " 处错误，未导入任何数据 (" + n + " problems; nothing was imported)");
  e.problems = std::move(problems);
  return e;
}

}  // namespace skb::core
