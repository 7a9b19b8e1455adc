#include "cli/verify_evidence.hpp"

#include "service/career/evidence_check.hpp"
#include "service/exams/calibration.hpp"

namespace skb::cli {

int verify_evidence(service::Services& services, bool repair, std::ostream& out) {
  const auto check = service::check_evidence(services.ctx, repair);
  out << "evidence: " << check.derived << " derived from the sources, " << check.stored << " stored\n";
  if (check.ok()) {
    out << "evidence OK: the talent record matches its sources\n";
    return 0;
  }
  out << "evidence DIFFERS: " << check.missing << " missing, " << check.extra << " not derivable, " << check.differing << " different, in "
      << check.stale_units << " source unit(s)\n";
  if (!check.repaired) return 1;
  out << "repaired: " << check.stale_units << " source unit(s) rewritten\n";
  return 0;
}

int calibrate_items(service::Services& services, std::ostream& out) {
  const auto run = service::calibrate_items(services.ctx);
  out << "items: " << run.questions << " answered in exams, " << run.calibrated << " with at least " << run.min_answers
      << " answers calibrated (mean shift from the authored difficulty " << run.mean_shift << " logits)\n";
  const auto check = service::check_evidence(services.ctx, true);
  out << "evidence: " << check.stale_units << " source unit(s) rewritten with the calibrated difficulties\n";
  return 0;
}

}  // namespace skb::cli
