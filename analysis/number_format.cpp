#include "analysis/number_format.hpp"

#include <fmt/format.h>

namespace commsim::analysis {

std::string format_double(double x) { return fmt::format("{}", x); }

}  // namespace commsim::analysis
