#pragma once
/// \file
/// The error policy in one place. User mistakes (a bad scenario, a malformed data file) throw a
/// `UserError` subclass that says where the problem is; the CLI prints it as one line
/// and exits 2. A failure of the machine rather than of the input (disk full, read-only output
/// directory, out of memory) is an `EnvironmentError`: exit 3. Anything else escaping is an
/// internal error (exit 1). Numerical failure is never an exception: it is
/// `Termination::diverged` in the run summary.
///
/// Messages are made printable when the error is built (sim::printable_line), so a user string
/// with a newline, an ANSI escape or a NUL byte can neither break nor cut the one-line report.

#include <stdexcept>
#include <string>

#include "sim/kernel/printable.hpp"

namespace commsim {

/// Base of every error caused by user input; `where()` is a JSON path or file:line.
class UserError : public std::runtime_error {
 public:
  UserError(std::string where, const std::string& what)
      : std::runtime_error(sim::printable_line(where.empty() ? what : where + ": " + what)),
        where_(std::move(where)) {}
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

/// A scenario or sweep value is wrong; `where()` is its JSON path (e.g. `algorithm.compressor.k`).
class ConfigError : public UserError {
 public:
  using UserError::UserError;
};

/// A data, topology or trace file is malformed; `where()` is `file:line`.
class InputError : public UserError {
 public:
  using UserError::UserError;
};

/// The run cannot fit the configured resource limits (e.g. memory); refused before allocating.
class ResourceError : public UserError {
 public:
  using UserError::UserError;
};

/// The machine, not the input, failed: a file or directory could not be created, written,
/// synced or renamed (disk full, read-only or missing directory, permissions), or memory ran
/// out. Not a bug; the CLI prints one line and exits 3. What was half-written is left under a
/// temporary name that no later run trusts.
class EnvironmentError : public std::runtime_error {
 public:
  explicit EnvironmentError(const std::string& what)
      : std::runtime_error(sim::printable_line(what)) {}
};

/// An invariant of the program itself was broken: a bug, not a user mistake.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace commsim

/// Checks an invariant; throws `InternalError` naming the place when it fails.
#define COMMSIM_ASSERT(cond, msg)                                                             \
  do {                                                                                        \
    if (!(cond))                                                                              \
      throw ::commsim::InternalError(std::string(__FILE__) + ":" + std::to_string(__LINE__) + \
                                     ": assertion failed: " #cond ": " + (msg));              \
  } while (false)
