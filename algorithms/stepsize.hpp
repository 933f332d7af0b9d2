#pragma once
/// \file
/// How a scenario states a stepsize: `"theory"` (the method's theorem), `"code"` (the authors'
/// code formula, where it differs), `{"theory_multiplier": m}` (m × theory, as the paper tunes),
/// or a positive number.

#include <string>

#include "sim/kernel/json_reader.hpp"

namespace commsim::algo {

/// A parsed stepsize rule.
struct StepsizeRule {
  enum class Kind { theory, code, multiplier, fixed };
  Kind kind = Kind::theory;
  double value = 1.0;  ///< the multiplier, or the fixed stepsize

  /// The stepsize to use given the theoretical (and code) values.
  double resolve(double theory, double code) const;
  /// Describes the rule for summary.json ("theory", "code", "theory x 4", "fixed").
  std::string describe() const;
};

/// Reads `key` of `r` (default "theory"). Rejects non-positive numbers and unknown strings.
StepsizeRule read_stepsize(sim::JsonReader& r, const std::string& key = "stepsize");

}  // namespace commsim::algo
