#pragma once
/// \file
/// One `commsim` subcommand's command line, declared once with Boost.Program_Options: its
/// options and its positional argument. The usage line, `--help` text and the message for a
/// missing argument are all derived from that declaration, so they cannot drift apart.

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/kernel/errors.hpp"

namespace commsim::scenario {

/// A malformed command line (exit 2, like every UserError).
struct UsageError : UserError {
  explicit UsageError(const std::string& what) : UserError("", what) {}
};

/// A subcommand's declaration (`commsim NAME ...`) and its parsing.
class CommandLine {
 public:
  /// `name` as typed after `commsim` (e.g. "sweep merge"); `summary` says what it does.
  CommandLine(std::string name, std::string summary);

  /// Declares options, as `options_description::add_options()` does. Give each value a
  /// `value_name` (e.g. "DIR"): the usage line and help show it.
  boost::program_options::options_description_easy_init add_options();

  /// Makes the declared option `key` the positional argument (`max` 1, or -1 for a list);
  /// `noun` names it in the missing-argument message ("missing the scenario FILE").
  CommandLine& positional(const char* key, const char* noun, int max, bool required);

  /// Parses `args` into `vm`. False when `--help` was given (the help is then printed on
  /// stdout). Throws UserError naming what is missing or malformed.
  bool parse(const std::vector<std::string>& args, boost::program_options::variables_map& vm) const;

  /// `commsim run FILE --out DIR [--set PATH=VALUE]... [--force] [--quiet]`.
  std::string usage() const;

  /// Usage, summary, the positional argument and every option with its description.
  std::string help() const;

 private:
  std::string name_, summary_;
  boost::program_options::options_description desc_;
  boost::program_options::positional_options_description pos_;
  std::string positional_key_, positional_noun_;
  bool positional_required_ = false;
  int positional_max_ = 0;
};

}  // namespace commsim::scenario
