#pragma once
/// \file
/// `commsim schema`: JSON Schemas (draft 2020-12) of the scenario and sweep formats.
///
/// The scenario schema is not written by hand: it is generated from the declarations the loader
/// itself makes while it validates (every `sim::JsonReader` getter reports its key, type,
/// default, range, choices and unit to a thread-local `sim::KeyRecorder`). `scenario_schema()`
/// builds a small scenario once per registry choice (problem type, algorithm, compressor,
/// topology kind, transfer model, and every optional worker/network feature) with recording on,
/// and merges what was recorded. Consequences, documented in the README:
/// - every object has `additionalProperties: false` with exactly the keys the loader accepts;
/// - discriminated sections (`algorithm` by `name`, `algorithm.compressor` by `name`,
///   `network.topology` by `kind`) are merged permissively: the union of every branch's keys;
/// - a key the loader parses by hand (`raw()`: stepsize rules, "theory" probabilities, lambda,
///   worker selectors, values that may be a quantity or a distribution object) is left
///   unconstrained, except that when it is an object it must match the recorded object keys;
/// - quantities are "a string (with a unit), or 0" (bit sizes also accept a number); the unit
///   grammar and their ranges are checked by the loader only;
/// - registry names (problem.type, algorithm.name, compressor name, topology kind) are enums
///   taken from the registries the loader looks them up in.
/// The sweep schema is written here by hand (the sweep loader does not use JsonReader); its
/// `base` is the scenario schema without its required keys (axes may supply them).

#include <vector>

#include "sim/kernel/json_reader.hpp"

namespace commsim::scenario {

/// The scenario format's schema (throws InternalError if a reference build stops loading,
/// i.e. when the loader changed and schema.cpp's variant table must follow).
sim::Json scenario_schema();

/// The sweep format's schema (`base`, `grid`, `zip`, `seeds`, `seed`, `description`).
sim::Json sweep_schema();

/// Merges the declarations recorded by several builds (one vector per build) into a schema
/// node for the root object. Exposed for tests.
sim::Json schema_from_declarations(const std::vector<std::vector<sim::KeyDecl>>& builds);

}  // namespace commsim::scenario
