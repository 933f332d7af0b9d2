#include "algorithms/problems/problem_spec.hpp"

#include <cmath>

#include <fmt/format.h>

#include "algorithms/problems/libsvm_reader.hpp"
#include "algorithms/problems/problem_types.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

using sim::Json;

// A single value read by a declaration of one key: custom keys (optional, or with a grammar of
// their own) reuse the plain adders' checks and messages for the value itself.
template <class T>
struct Boxed {
  T value{};
};

// Reads `value`, found at `path`, with the rules `decl` declares for its one key; returns the
// value to record as resolved.
template <class T>
Json read_boxed(const sim::ParamsDecl<Boxed<T>>& decl, const Json& value, const std::string& path,
                T& out) {
  Boxed<T> box;
  Json resolved = sim::read_key_alone(decl, decl.keys().front().path, &value, path, box);
  out = std::move(box.value);
  return resolved;
}

// What listing and the schema show for a key with a grammar of its own.
sim::KeyDecl custom_key(std::string key, std::string type_text, Json schema, std::string help) {
  sim::KeyDecl d;
  d.schema = std::move(schema);
  d.path = std::move(key);
  d.kind = sim::KeyDecl::Kind::any;
  d.type_text = std::move(type_text);
  d.help = std::move(help);
  return d;
}

// An optional key read, when present, by the one-key declaration `decl`.
template <class T, class C>
void add_optional(sim::ParamsDecl<C>& into, std::optional<T> C::*member,
                  const sim::ParamsDecl<Boxed<T>>& decl, std::string type_text, Json schema) {
  // Listing and the schema show the boxed key's own declaration (kind, bounds, nested keys).
  sim::KeyDecl key = decl.keys().front();
  key.required = false;
  key.type_text = std::move(type_text);
  if (key.kind == sim::KeyDecl::Kind::any) key.schema = std::move(schema);
  into.template custom<std::optional<T>>(
      std::move(key), member,
      [&decl](const Json* v, const std::string& path, std::optional<T>& out) -> Json {
        if (v == nullptr) return nullptr;
        out.emplace();
        return read_boxed(decl, *v, path, *out);
      });
}

template <class T>
using BoxDecl = sim::ParamsDecl<Boxed<T>>;

const BoxDecl<std::uint64_t>& seed_decl() {
  static const auto decl = BoxDecl<std::uint64_t>().integer(
      "seed", &Boxed<std::uint64_t>::value, std::nullopt,
      "seed of the generator; absent: derived from the scenario seed", 0);
  return decl;
}

const BoxDecl<std::string>& libsvm_decl() {
  static const auto decl =
      BoxDecl<std::string>().string("libsvm", &Boxed<std::string>::value, std::nullopt,
                                    "a LIBSVM data set name, looked up in COMMSIM_DATA_PATH");
  return decl;
}

const BoxDecl<std::string>& path_decl() {
  static const auto decl =
      BoxDecl<std::string>().string("path", &Boxed<std::string>::value, std::nullopt,
                                    "a LIBSVM file (relative to the scenario file's folder)");
  return decl;
}

const BoxDecl<SyntheticSpec>& synthetic_box_decl() {
  static const auto decl = BoxDecl<SyntheticSpec>().object(
      "synthetic", &Boxed<SyntheticSpec>::value, synthetic_spec_decl(),
      "generated classification data with a known ground truth");
  return decl;
}

const BoxDecl<std::int64_t>& dim_decl() {
  static const auto decl = BoxDecl<std::int64_t>().integer(
      "dim", &Boxed<std::int64_t>::value, std::nullopt,
      "number of LIBSVM features (largest index); absent: the largest index seen", 1,
      kMaxLibsvmIndex);
  return decl;
}

// λ: a number ≥ 0, or "default" (absent = "default") meaning the problem's own rule.
Json parse_lambda(const Json* v, const std::string& path, std::optional<double>& out) {
  if (v == nullptr || (v->is_string() && v->get<std::string>() == "default")) {
    out.reset();
    return "default";
  }
  if (!v->is_number())
    throw ConfigError(path, fmt::format("expected a number >= 0 or \"default\", got {}",
                                        sim::json_type_name(*v)));
  const double lambda = v->get<double>();
  if (!std::isfinite(lambda) || lambda < 0.0)
    throw ConfigError(path, fmt::format("{} violates lambda >= 0", lambda));
  out = lambda;
  return lambda;
}

// Exactly one source: a name, a file or a generator.
void check_one_source(DataSpec& data, const std::string& path) {
  const int sources =
      int{data.libsvm.has_value()} + int{data.path.has_value()} + int{data.synthetic.has_value()};
  if (sources != 1)
    throw ConfigError(
        path, fmt::format("give exactly one of \"libsvm\" (a data set name), \"path\" (a file) or "
                          "\"synthetic\" (an object); found {}",
                          sources));
}

std::vector<std::pair<std::string, sim::PartSpec>> problem_type_values() {
  std::vector<std::pair<std::string, sim::PartSpec>> values;
  for (const auto& e : problem_registry().entries())
    values.push_back({e.name, sim::PartSpec{e.name, sim::AnyParams::of(ProblemTypeParams{})}});
  return values;
}

std::vector<std::pair<std::string, SplitKind>> split_values() {
  std::vector<std::pair<std::string, SplitKind>> values;
  for (const auto& name : split_kind_names()) values.push_back({name, parse_split_kind(name)});
  return values;
}

void check_dim_source(ProblemSpec& spec, const std::string& path) {
  if (spec.dim && spec.data.synthetic)
    throw ConfigError(sim::join_path(path, "dim"),
                      "applies to LIBSVM files only; use data.synthetic.features");
}

sim::ParamsDecl<ProblemSpec> make_problem_decl() {
  sim::ParamsDecl<ProblemSpec> decl;
  decl.choice("type", &ProblemSpec::type, problem_type_values(), std::nullopt,
              "the objective (see `commsim list problems`)");
  decl.choice("split", &ProblemSpec::split, split_values(), "contiguous",
              "how samples are dealt to workers");
  decl.custom<std::optional<double>>(
      custom_key("lambda", "\"default\" | number >= 0",
                 Json{{"anyOf", Json::array({Json{{"const", "default"}},
                                             Json{{"type", "number"}, {"minimum", 0}}})}},
                 "regularisation weight; \"default\": the problem type's own rule"),
      &ProblemSpec::lambda, parse_lambda);
  decl.boolean("bias", &ProblemSpec::bias, true, "prepend a constant-1 bias feature");
  decl.boolean("map_labels", &ProblemSpec::map_labels, true,
               "map the two LIBSVM label values to -1/+1");
  add_optional(decl, &ProblemSpec::dim, dim_decl(), "integer in [1, 100000000]",
               Json{{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxLibsvmIndex}});
  decl.object("data", &ProblemSpec::data, data_spec_decl(),
              "the data set: exactly one of libsvm, path, synthetic");
  decl.rule(check_dim_source);
  return decl;
}

}  // namespace

const sim::ParamsDecl<SyntheticSpec>& synthetic_spec_decl() {
  static const sim::ParamsDecl<SyntheticSpec> decl = [] {
    sim::ParamsDecl<SyntheticSpec> d;
    d.integer("samples", &SyntheticSpec::samples, 1000, "number of samples", 1, 100'000'000);
    d.integer("features", &SyntheticSpec::features, 20, "number of raw features", 1,
              kMaxLibsvmIndex);
    d.number("density", &SyntheticSpec::density, 1.0, "fraction of nonzero features per row",
             sim::Range::between(0.0, 1.0));
    d.number("label_noise", &SyntheticSpec::label_noise, 0.0, "probability of flipping a label",
             sim::Range::between(0.0, 1.0));
    add_optional(d, &SyntheticSpec::seed, seed_decl(), "integer >= 0",
                 Json{{"type", "integer"}, {"minimum", 0}});
    d.rule([](SyntheticSpec& s, const std::string& path) {
      if (s.density <= 0.0)
        throw ConfigError(sim::join_path(path, "density"), "0 violates density > 0");
    });
    return d;
  }();
  return decl;
}

const sim::ParamsDecl<DataSpec>& data_spec_decl() {
  static const sim::ParamsDecl<DataSpec> decl = [] {
    sim::ParamsDecl<DataSpec> d;
    add_optional(d, &DataSpec::libsvm, libsvm_decl(), "string", Json{{"type", "string"}});
    add_optional(d, &DataSpec::path, path_decl(), "string", Json{{"type", "string"}});
    add_optional(d, &DataSpec::synthetic, synthetic_box_decl(), "object", Json{{"type", "object"}});
    d.rule(check_one_source);
    return d;
  }();
  return decl;
}

const sim::ParamsDecl<ProblemSpec>& problem_spec_decl() {
  static const sim::ParamsDecl<ProblemSpec> decl = make_problem_decl();
  return decl;
}

std::uint64_t synthetic_seed(const SyntheticSpec& synthetic, const sim::RngStreams& streams) {
  if (synthetic.seed) return *synthetic.seed;
  return streams.derive("data") & ((std::uint64_t{1} << 53) - 1);
}

void resolve_problem_spec(ProblemSpec& spec, const sim::RngStreams& streams,
                          sim::Json* resolved_problem) {
  if (!spec.data.synthetic || spec.data.synthetic->seed) return;
  spec.data.synthetic->seed = synthetic_seed(*spec.data.synthetic, streams);
  if (resolved_problem != nullptr)
    (*resolved_problem)["data"]["synthetic"]["seed"] = *spec.data.synthetic->seed;
}

}  // namespace commsim::algo
