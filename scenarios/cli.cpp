#include "scenarios/cli.hpp"

namespace commsim::scenario {
int run_cli(int, char**) { return 0; }
}  // namespace commsim::scenario
