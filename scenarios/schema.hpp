#pragma once
/// \file
/// `commsim schema`: JSON Schemas (draft 2020-12) of the scenario and sweep formats.
///
/// The scenario schema is generated from the loader's own declarations (scenario_decl() and
/// the registries it reaches; see scenarios/spec/declared_schema.hpp), so the published schema
/// and the loader agree about keys, types, defaults, ranges, choices and units. What only the
/// loader checks: the unit grammar of quantities and their ranges, checks that need the data's
/// shape (k <= d, batch <= m, r <= n), and rules across keys (k or fraction, not both).
/// The sweep schema is written here by hand (a sweep file keeps its axes in order, which the
/// declarations' JSON objects do not); its `base` is the scenario schema without its required
/// keys (axes may supply them).

#include "sim/kernel/json_reader.hpp"

namespace commsim::scenario {

/// The scenario format's schema.
sim::Json scenario_schema();

/// The sweep format's schema (`base`, `grid`, `zip`, `seeds`, `seed`, `description`).
sim::Json sweep_schema();

}  // namespace commsim::scenario
