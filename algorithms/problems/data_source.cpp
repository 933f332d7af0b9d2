#include "algorithms/problems/data_source.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "algorithms/problems/libsvm_reader.hpp"
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

// The data set `key` names, from `store` when there is one.
std::shared_ptr<const Dataset> fetch(DataStore* store, const sim::Json& key,
                                     const std::function<Dataset()>& make) {
  if (store == nullptr) return std::make_shared<const Dataset>(make());
  return store->get(key.dump(), make);
}

// The options every source shares, as part of its identity.
sim::Json shared_identity(const ProblemSpec& spec) {
  return sim::Json{{"bias", spec.bias},
                   {"map_labels", spec.map_labels},
                   {"dim", spec.dim ? sim::Json(*spec.dim) : sim::Json()}};
}

std::shared_ptr<const Dataset> load_synthetic(const ProblemSpec& spec,
                                              const sim::RngStreams& streams,
                                              const std::string& where, DataStore* store) {
  const SyntheticSpec& syn = *spec.data.synthetic;
  SyntheticOptions options;
  options.samples = syn.samples;
  options.features = syn.features;
  options.density = syn.density;
  options.label_noise = syn.label_noise;
  options.seed = synthetic_seed(syn, streams);
  options.bias = spec.bias;
  options.validate(where);
  sim::Json key = shared_identity(spec);
  key["synthetic"] = {{"samples", options.samples},
                      {"features", options.features},
                      {"density", options.density},
                      {"label_noise", options.label_noise},
                      {"seed", options.seed}};
  return fetch(store, key, [&] { return make_synthetic(options); });
}

// The file a LIBSVM source names: looked up by name, or given as a path that must exist (the
// reader refuses what is not a regular file). A path written in a scenario or sweep file is
// made absolute against that file's folder when it is loaded; one given otherwise (--set, a
// program) stays relative to the current directory. The hint says which applied.
std::string data_file(const DataSpec& data, const std::string& where) {
  if (data.libsvm) return locate_libsvm(*data.libsvm, sim::join_path(where, "libsvm"));
  const std::string& file = *data.path;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    const std::string hint =
        fs::path(file).is_relative()
            ? "a relative path given on the command line is read from the current directory " +
                  fs::current_path(ec).string()
            : "a relative path in a scenario file is read from that file's folder";
    throw ConfigError(sim::join_path(where, "path"),
                      fmt::format("no data file at \"{}\" ({})", file, hint));
  }
  return file;
}

std::shared_ptr<const Dataset> load_file(const ProblemSpec& spec, const std::string& where,
                                         DataStore* store) {
  LibsvmOptions options;
  options.dim = spec.dim;
  options.bias = spec.bias;
  options.map_labels = spec.map_labels;
  const std::string file = data_file(spec.data, where);
  // The file's identity and modification time are part of the key: an edited file is read again.
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(file, ec);
  const auto size = fs::file_size(file, ec);
  const auto modified = fs::last_write_time(file, ec).time_since_epoch().count();
  sim::Json key = shared_identity(spec);
  key["file"] = {
      {"path", (ec ? fs::path(file) : canonical).string()}, {"size", size}, {"modified", modified}};
  return fetch(store, key, [&] { return read_libsvm(file, options); });
}

}  // namespace

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

std::shared_ptr<const Dataset> load_data(const ProblemSpec& spec, const sim::RngStreams& streams,
                                         const std::string& where, DataStore* store) {
  const std::string data_path = sim::join_path(where, "data");
  if (spec.data.synthetic)
    return load_synthetic(spec, streams, sim::join_path(data_path, "synthetic"), store);
  return load_file(spec, data_path, store);
}

}  // namespace commsim::algo
