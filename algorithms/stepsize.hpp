#pragma once
/// \file
/// How a scenario states a stepsize: `"theory"` (the method's theorem), `"code"` (the authors'
/// code formula, where it differs), `{"theory_multiplier": m}` (m × theory, as the paper tunes),
/// or a positive number.

#include <string>

#include "sim/kernel/params.hpp"

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

/// How listing and the schema show the `stepsize` key.
sim::KeyDecl stepsize_key();
/// The parser of `stepsize` (absent: "theory"); rejects non-positive numbers and unknown strings.
/// Returns the value to record.
sim::Json parse_stepsize(const sim::Json* value, const std::string& path, StepsizeRule& out);

}  // namespace commsim::algo
