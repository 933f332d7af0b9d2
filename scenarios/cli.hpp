#pragma once
/// \file
/// The `commsim` command line: run, validate, list (and more as they land).

namespace commsim::scenario {

/// Runs the CLI; returns the process exit code (0 ok, 2 user error, 1 internal error).
int run_cli(int argc, char** argv);

}  // namespace commsim::scenario
