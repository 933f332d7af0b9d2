#pragma once
/// \file
/// Small text helpers for error messages: "did you mean" suggestions and name lists.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace commsim::sim {

/// Levenshtein distance between two strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name` if it is plausibly a typo of it (distance ≤ max(2, |name|/3)),
/// else an empty string.
std::string nearest(std::string_view name, std::span<const std::string> candidates);

/// `"a", "b", "c"` joined for messages.
std::string quoted_list(std::span<const std::string> names);

/// " (did you mean "x"?)" or "" when there is no close candidate.
std::string did_you_mean(std::string_view name, std::span<const std::string> candidates);

}  // namespace commsim::sim
