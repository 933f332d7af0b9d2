#include "algorithms/problems/problem_spec.hpp"

#include <cmath>
#include <limits>

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

const BoxDecl<DataSpec>& data_box_decl() {
  static const auto decl = BoxDecl<DataSpec>().object(
      "data", &Boxed<DataSpec>::value, data_spec_decl(),
      "the data set: exactly one of libsvm, path, synthetic (not for type quadratic)");
  return decl;
}

const BoxDecl<NoiseSpec>& noise_box_decl() {
  static const auto decl = BoxDecl<NoiseSpec>().object(
      "noise", &Boxed<NoiseSpec>::value, noise_spec_decl(),
      "Gaussian gradient noise: a worker's gradient is the exact one plus N(0, (variance/d) I), "
      "so E|noise|^2 = variance (the theory's sigma^2); absent: exact gradients");
  return decl;
}

const BoxDecl<BatchSpec>& batch_box_decl() {
  static const auto decl = BoxDecl<BatchSpec>().object(
      "batch", &Boxed<BatchSpec>::value, batch_spec_decl(),
      "minibatch oracle: a worker's gradient is the mean of size sample gradients drawn from "
      "its local samples on every call; absent: the full local gradient");
  return decl;
}

const BoxDecl<QuadraticSpec>& quadratic_box_decl() {
  static const auto decl = BoxDecl<QuadraticSpec>().object(
      "quadratic", &Boxed<QuadraticSpec>::value, quadratic_spec_decl(),
      "type quadratic only: f(x) = x'Ax/2 - b'x on every worker");
  return decl;
}

const BoxDecl<double>& largest_eigenvalue_decl() {
  static const auto decl =
      BoxDecl<double>().number("L", &Boxed<double>::value, std::nullopt,
                               "random: the largest eigenvalue of A (> 0)", sim::Range::above(0.0));
  return decl;
}

const BoxDecl<double>& smallest_eigenvalue_decl() {
  static const auto decl = BoxDecl<double>().number(
      "mu", &Boxed<double>::value, std::nullopt,
      "random: the smallest eigenvalue of A (0 < mu <= L)", sim::Range::above(0.0));
  return decl;
}

// The data set is optional in the declaration (the quadratic type has none); its absence for
// the other types is checked by `check_type_keys`, with the message a missing object gave.
Json parse_data(const Json* v, const std::string& path, DataSpec& out) {
  if (v == nullptr) return nullptr;
  return read_boxed(data_box_decl(), *v, path, out);
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

bool has_source(const DataSpec& data) {
  return data.libsvm || data.path || data.synthetic;
}

// The keys that belong to one kind of type: data (every type but quadratic), quadratic (that
// type only), and what the quadratic problem cannot use (samples to draw, a regulariser).
void check_type_keys(ProblemSpec& spec, const std::string& path) {
  if (spec.uses_data()) {
    if (spec.quadratic)
      throw ConfigError(
          sim::join_path(path, "quadratic"),
          fmt::format("applies to type \"quadratic\" only, not \"{}\"", spec.type.name));
    if (!has_source(spec.data)) check_one_source(spec.data, sim::join_path(path, "data"));
    return;
  }
  if (has_source(spec.data))
    throw ConfigError(sim::join_path(path, "data"),
                      "type \"quadratic\" has no data set: remove it (the dimension is "
                      "problem.quadratic.dim)");
  if (!spec.quadratic)
    throw ConfigError(sim::join_path(path, "quadratic"),
                      "required for type \"quadratic\", e.g. {\"dim\": 1000, \"matrix\": "
                      "\"tridiagonal\"}");
  if (spec.batch)
    throw ConfigError(sim::join_path(path, "batch"),
                      "type \"quadratic\" has no samples to draw a minibatch from; use "
                      "problem.noise for stochastic gradients");
  if (spec.lambda)
    throw ConfigError(sim::join_path(path, "lambda"),
                      "type \"quadratic\" has no regulariser; remove lambda");
  if (spec.dim)
    throw ConfigError(sim::join_path(path, "dim"),
                      "applies to LIBSVM files only; use problem.quadratic.dim");
}

// L and mu: the random matrix's eigenvalue range, required there and meaningless elsewhere.
void check_eigenvalues(QuadraticSpec& q, const std::string& path) {
  if (q.matrix == QuadraticMatrix::tridiagonal) {
    for (const auto& [key, value] : {std::pair{"L", q.L}, std::pair{"mu", q.mu}})
      if (value)
        throw ConfigError(sim::join_path(path, key),
                          "applies to matrix \"random\" only (the tridiagonal matrix fixes its "
                          "eigenvalues)");
    return;
  }
  for (const auto& [key, value] : {std::pair{"L", q.L}, std::pair{"mu", q.mu}})
    if (!value) throw ConfigError(sim::join_path(path, key), "required for matrix \"random\"");
  if (*q.mu > *q.L)
    throw ConfigError(sim::join_path(path, "mu"),
                      fmt::format("{} violates mu <= L = {}", *q.mu, *q.L));
  if (q.dim < 2)
    throw ConfigError(sim::join_path(path, "dim"),
                      "1 violates dim >= 2 for matrix \"random\" (its eigenvalues span [mu, L])");
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
  sim::KeyDecl data_key = data_box_decl().keys().front();
  data_key.required = false;
  decl.custom<DataSpec>(std::move(data_key), &ProblemSpec::data, parse_data);
  add_optional(decl, &ProblemSpec::noise, noise_box_decl(), "object", Json{{"type", "object"}});
  add_optional(decl, &ProblemSpec::batch, batch_box_decl(), "object", Json{{"type", "object"}});
  add_optional(decl, &ProblemSpec::quadratic, quadratic_box_decl(), "object",
               Json{{"type", "object"}});
  decl.rule(check_type_keys);
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

const sim::ParamsDecl<NoiseSpec>& noise_spec_decl() {
  static const sim::ParamsDecl<NoiseSpec> decl = [] {
    sim::ParamsDecl<NoiseSpec> d;
    d.number("variance", &NoiseSpec::variance, std::nullopt,
             "sigma^2 = E|noise|^2 (each coordinate has variance sigma^2/d)",
             sim::Range::at_least(0.0));
    return d;
  }();
  return decl;
}

const sim::ParamsDecl<BatchSpec>& batch_spec_decl() {
  static const sim::ParamsDecl<BatchSpec> decl = [] {
    sim::ParamsDecl<BatchSpec> d;
    d.integer("size", &BatchSpec::size, std::nullopt,
              "samples per gradient (without replacement: at most the local samples m)", 1,
              std::numeric_limits<std::uint32_t>::max());
    d.boolean("replacement", &BatchSpec::replacement, true,
              "draw with replacement (false: b distinct samples)");
    return d;
  }();
  return decl;
}

const sim::ParamsDecl<QuadraticSpec>& quadratic_spec_decl() {
  static const sim::ParamsDecl<QuadraticSpec> decl = [] {
    sim::ParamsDecl<QuadraticSpec> d;
    d.integer("dim", &QuadraticSpec::dim, std::nullopt, "dimension d", 1, kMaxLibsvmIndex);
    d.choice("matrix", &QuadraticSpec::matrix,
             {{"tridiagonal", QuadraticMatrix::tridiagonal}, {"random", QuadraticMatrix::random}},
             "tridiagonal",
             "tridiagonal: A = tridiag(-1, 2, -1)/4, b = (-1/4, 0, ..., 0) (the time-complexity "
             "papers' matrix); random: A = Q diag(evenly spaced in [mu, L]) Q', b Gaussian");
    add_optional(d, &QuadraticSpec::L, largest_eigenvalue_decl(), "number > 0",
                 Json{{"type", "number"}, {"exclusiveMinimum", 0}});
    add_optional(d, &QuadraticSpec::mu, smallest_eigenvalue_decl(), "number > 0",
                 Json{{"type", "number"}, {"exclusiveMinimum", 0}});
    d.rule(check_eigenvalues);
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
