#pragma once
/// \file
/// Reading scenario documents: JSON parsing with line:column errors, and `--set path=value`
/// overrides applied before validation.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/kernel/json_reader.hpp"

namespace commsim::scenario {

/// Parses JSON text; a syntax error becomes ConfigError("<origin>:line:column", ...), and so does
/// a NUL byte (nothing may follow the document); a duplicate key is a ConfigError naming its JSON
/// path. `key_paths`, when given, receives the path of every key in document order (sim::Json
/// objects keep their keys sorted, so this is how errors can be listed in document order).
sim::Json parse_json(std::string_view text, const std::string& origin,
                     std::vector<std::string>* key_paths = nullptr);

/// Reads and parses a scenario file (missing or unreadable file → ConfigError naming it).
sim::Json load_json_file(const std::filesystem::path& path,
                         std::vector<std::string>* key_paths = nullptr);

/// Makes the file paths a scenario names (`problem.data.path`, availability traces, topology
/// files) absolute, relative to `base_dir` (the scenario file's folder), so that a scenario works
/// from any working directory and its resolved copy can be re-run from anywhere.
void resolve_relative_paths(sim::Json& doc, const std::filesystem::path& base_dir);

/// Applies `path=value` (e.g. `algorithm.stepsize=0.5`, `workers.overrides[0].speed="2GFlops"`)
/// to `doc`. The value is parsed as JSON when it is valid JSON, else taken as a string.
/// Intermediate objects are created as needed; indexing past an array's end is an error.
void apply_override(sim::Json& doc, std::string_view assignment);

/// Sets the value at a dotted path (the same syntax as `apply_override`'s left side).
void set_at_path(sim::Json& doc, std::string_view path, sim::Json value);

}  // namespace commsim::scenario
