#include "algorithms/problems/problem_factory.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "algorithms/problems/dataset_cache.hpp"
#include "algorithms/problems/least_squares.hpp"
#include "algorithms/problems/libsvm_reader.hpp"
#include "algorithms/problems/logistic_nonconvex.hpp"
#include "algorithms/problems/sigmoid_squared.hpp"
#include "algorithms/problems/split.hpp"
#include "algorithms/problems/synthetic.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/text.hpp"

namespace commsim::algo {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_path_list(const std::string& list) {
  std::vector<std::string> dirs;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t colon = std::min(list.find(':', start), list.size());
    if (colon > start) dirs.push_back(list.substr(start, colon - start));
    start = colon + 1;
  }
  return dirs;
}

std::vector<std::string> regular_files_in(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    const std::string name = it->path().filename().string();
    // Bookkeeping files next to the data are not data set names.
    const bool bookkeeping = name.front() == '.' || name.starts_with("README") ||
                             name == "SHA256SUMS" || name.ends_with(".md");
    if (!bookkeeping && it->is_regular_file(type_ec)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// λ: a number ≥ 0, or "default" (absent = "default") meaning the problem's own rule.
std::optional<double> read_lambda(sim::JsonReader& problem) {
  const sim::Json* v = problem.raw("lambda");
  if (v == nullptr || (v->is_string() && v->get<std::string>() == "default")) {
    problem.set_resolved("lambda", "default");
    return std::nullopt;
  }
  if (!v->is_number())
    throw ConfigError(
        problem.path_of("lambda"),
        fmt::format("expected a number >= 0 or \"default\", got {}", sim::json_type_name(*v)));
  const double lambda = v->get<double>();
  if (!std::isfinite(lambda) || lambda < 0.0)
    throw ConfigError(problem.path_of("lambda"), fmt::format("{} violates lambda >= 0", lambda));
  problem.set_resolved("lambda", lambda);
  return lambda;
}

std::shared_ptr<const Dataset> read_data(sim::JsonReader& problem, const sim::RngStreams& streams) {
  sim::JsonReader data = problem.object("data");
  const bool bias = problem.boolean("bias", true);
  const bool map_labels = problem.boolean("map_labels", true);
  std::optional<std::int64_t> dim;
  if (problem.has("dim")) dim = problem.integer("dim", std::nullopt, 1, kMaxLibsvmIndex);

  const int sources = int{data.has("libsvm")} + int{data.has("path")} + int{data.has("synthetic")};
  if (sources != 1)
    throw ConfigError(
        data.path(),
        fmt::format("give exactly one of \"libsvm\" (a data set name), \"path\" (a file) or "
                    "\"synthetic\" (an object); found {}",
                    sources));
  std::shared_ptr<const Dataset> result;
  if (data.has("synthetic")) {
    if (dim)
      throw ConfigError(problem.path_of("dim"),
                        "applies to LIBSVM files only; use data.synthetic.features");
    sim::JsonReader syn = data.object("synthetic");
    SyntheticOptions options;
    options.samples = syn.integer("samples", 1000, 1, 100'000'000);
    options.features = syn.integer("features", 20, 1, kMaxLibsvmIndex);
    options.density = syn.number("density", 1.0, 0.0, 1.0);
    if (options.density <= 0.0) throw ConfigError(syn.path_of("density"), "0 violates density > 0");
    options.label_noise = syn.number("label_noise", 0.0, 0.0, 1.0);
    if (syn.has("seed")) {
      options.seed = static_cast<std::uint64_t>(syn.integer("seed", std::nullopt, 0));
    } else {
      // Derived from the run's streams, so sweeps over the run seed also redraw the data.
      // 53 bits, so the resolved scenario's seed is an exact JSON number that reads back.
      options.seed = streams.derive("data") & ((std::uint64_t{1} << 53) - 1);
      syn.set_resolved("seed", options.seed);
    }
    options.bias = bias;
    options.validate(syn.path());
    syn.finish();
    const std::string key =
        fmt::format("synthetic samples={} features={} density={} seed={} label_noise={} bias={}",
                    options.samples, options.features, options.density, options.seed,
                    options.label_noise, options.bias);
    result = DatasetCache::get(key, [&] { return make_synthetic(options); });
  } else {
    LibsvmOptions options;
    options.dim = dim;
    options.bias = bias;
    options.map_labels = map_labels;
    std::string file;
    if (data.has("libsvm")) {
      file = locate_libsvm(data.string("libsvm", std::nullopt), data.path_of("libsvm"));
    } else {
      file = data.string("path", std::nullopt);
      std::error_code ec;
      if (!fs::is_regular_file(file, ec))
        throw ConfigError(
            data.path_of("path"),
            fmt::format(
                "no data file at \"{}\" (relative paths are read from the current directory {})",
                file, fs::current_path(ec).string()));
    }
    // The file's identity and modification time are part of the key: an edited file is read again.
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    const auto size = fs::file_size(file, ec);
    const auto modified = fs::last_write_time(file, ec).time_since_epoch().count();
    const std::string key =
        fmt::format("libsvm path={} size={} modified={} dim={} bias={} map_labels={}",
                    (ec ? fs::path(file) : canonical).string(), size, modified,
                    options.dim.value_or(-1), options.bias, options.map_labels);
    result = DatasetCache::get(key, [&] { return read_libsvm(file, options); });
  }
  data.finish();
  return result;
}

}  // namespace

const std::vector<sim::RegistryEntry>& problem_types() {
  static const std::vector<sim::RegistryEntry> types{
      {"sigmoid_squared",
       "Paper's non-convex classifier: (1/m)sum (1 - sigmoid(y a'x))^2 + (lambda/2)|x|^2"},
      {"logistic_nonconvex",
       "Logistic loss + lambda sum x_t^2/(1 + x_t^2) (non-convex regulariser)"},
      {"least_squares",
       "Ridge least squares (1/2m)|Ax - y|^2 + (lambda/2)|x|^2 (convex, closed-form optimum)"},
  };
  return types;
}

std::string locate_libsvm(const std::string& name, const std::string& where) {
  if (name.empty() || name.find('/') != std::string::npos)
    throw ConfigError(
        where, fmt::format("\"{}\" is not a data set name; use data.path for a file path", name));
  const char* env = std::getenv("COMMSIM_DATA_PATH");
  if (env == nullptr || *env == '\0')
    throw ConfigError(
        where,
        fmt::format("cannot look up data set \"{}\": COMMSIM_DATA_PATH is not set (set it to the "
                    "directories holding LIBSVM files, colon-separated, or use data.path)",
                    name));
  const std::vector<std::string> dirs = split_path_list(env);
  std::vector<std::string> found;
  for (const auto& dir : dirs) {
    const fs::path candidate = fs::path(dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    for (auto& f : regular_files_in(dir))
      if (std::find(found.begin(), found.end(), f) == found.end()) found.push_back(std::move(f));
  }
  std::sort(found.begin(), found.end());
  throw ConfigError(
      where,
      fmt::format("no data set \"{}\" in COMMSIM_DATA_PATH (searched {}); available: {}{}", name,
                  sim::quoted_list(dirs), found.empty() ? "none" : sim::quoted_list(found),
                  sim::did_you_mean(name, found)));
}

std::unique_ptr<Problem> build_problem(sim::JsonReader& problem, int num_workers,
                                       const sim::RngStreams& streams) {
  std::vector<std::string> types;
  for (const auto& t : problem_types()) types.push_back(t.name);
  const std::string type = problem.choice("type", std::nullopt, types);
  const SplitKind split =
      parse_split_kind(problem.choice("split", "contiguous", split_kind_names()));
  const std::optional<double> lambda_given = read_lambda(problem);
  std::shared_ptr<const Dataset> data = read_data(problem, streams);

  sim::Rng split_rng = streams.stream("split");
  std::vector<Dataset> shards =
      split_dataset(*data, num_workers, split, split_rng, problem.path_of("data"));
  data.reset();  // the shards hold copies; free the full set (unless a sweep's cache shares it)

  std::vector<std::unique_ptr<LocalOracle>> locals;
  SmoothnessConstants constants;
  bool convex = false;
  std::optional<Vector> optimum;
  if (type == "sigmoid_squared") {
    constants.lambda = lambda_given ? *lambda_given : sigmoid_squared_default_lambda(shards);
    for (auto& s : shards) locals.push_back(make_sigmoid_squared(std::move(s), constants.lambda));
  } else if (type == "logistic_nonconvex") {
    constants.lambda = lambda_given.value_or(kLogisticNonconvexDefaultLambda);
    for (auto& s : shards)
      locals.push_back(make_logistic_nonconvex(std::move(s), constants.lambda));
  } else {
    COMMSIM_ASSERT(type == "least_squares", "problem type list out of sync");
    convex = true;
    constants.lambda = lambda_given.value_or(0.0);
    LeastSquaresAnalysis analysis = analyse_least_squares(shards, constants.lambda);
    constants.l_minus = analysis.l_minus;
    constants.l_plus_minus = analysis.l_plus_minus;
    optimum = std::move(analysis.optimum);
    for (std::size_t i = 0; i < shards.size(); ++i)
      locals.push_back(
          make_least_squares(std::move(shards[i]), constants.lambda, analysis.local[i]));
  }

  double sum_sq = 0.0;
  for (const auto& l : locals) {
    constants.local.push_back(l->smoothness());
    constants.max_local = std::max(constants.max_local, l->smoothness());
    sum_sq += l->smoothness() * l->smoothness();
  }
  constants.quadratic_mean = std::sqrt(sum_sq / static_cast<double>(locals.size()));

  auto result = std::make_unique<Problem>(type, std::move(locals), std::move(constants), convex);
  if (optimum) {
    const double value = result->loss(*optimum);
    result->set_optimum(std::move(*optimum), value);
  }
  return result;
}

}  // namespace commsim::algo
