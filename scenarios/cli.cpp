#include "scenarios/cli.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <new>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>
#include <boost/program_options.hpp>

#include "algorithms/builtin.hpp"
#include "algorithms/compressors/compressor.hpp"
#include "algorithms/problems/problem_factory.hpp"
#include "analysis/results/sweep_compare.hpp"
#include "analysis/results/sweep_index.hpp"
#include "networks/platform_builder.hpp"
#include "networks/simgrid_platform.hpp"
#include "scenarios/command_line.hpp"
#include "scenarios/run_command.hpp"
#include "scenarios/scenario_builder.hpp"
#include "scenarios/scenario_file.hpp"
#include "scenarios/schema.hpp"
#include "scenarios/spec/catalog.hpp"
#include "scenarios/spec/scenario_spec.hpp"
#include "scenarios/sweep/sweep_runner.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace po = boost::program_options;

namespace {

constexpr const char* kVersion = "0.1.0";

std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int) {
  g_interrupted.store(true);
}

// SIGINT (Ctrl-C), SIGTERM (kill, Slurm) and SIGHUP (the terminal or ssh session closed) all
// stop the work in progress cleanly: outputs completed, exit 130.
void handle_interrupts() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_signal);
}

constexpr const char* kUsage =
    "usage: commsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run FILE --out DIR [--set PATH=VALUE]... [--force] [--quiet]\n"
    "                      run a scenario; writes scenario.json, platform.csv, rounds.csv,\n"
    "                      summary.json (and messages.csv when record.messages is on) into DIR\n"
    "  validate FILE...    check scenarios without running them (builds data and network)\n"
    "  sweep FILE --out DIR [--jobs N] [--shard i/N] [--dry-run] [--quiet]\n"
    "                      run every point of a sweep (grid x zip x seeds) into DIR/runs/<id>,\n"
    "                      with DIR/index.csv; re-running resumes\n"
    "  sweep merge DIR... --out DIR   one sweep directory (and index) from shards\n"
    "  compare DIR... [--csv] [--eps E]   methods x metrics of run or sweep directories\n"
    "  simgrid-platform FILE [--set PATH=VALUE]... [--out FILE]\n"
    "                      the scenario's built platform as a SimGrid platform XML (hosts,\n"
    "                      links, routes), to cross-check a run with SimGrid\n"
    "  list [KIND]         every problem, algorithm, compressor, topology, transfer model\n"
    "  schema [scenario|sweep]   JSON Schema (draft 2020-12) of the scenario or sweep format\n"
    "  --help, --version\n";

sim::Json load_with_overrides(const std::string& file, const std::vector<std::string>& sets) {
  sim::Json doc = load_json_file(file);
  resolve_relative_paths(doc, std::filesystem::absolute(file).parent_path());
  for (const auto& s : sets) apply_override(doc, s);
  return doc;
}

// One line per error, the first kMaxErrorLines of them (later ones often follow from earlier).
constexpr std::size_t kMaxErrorLines = 20;

void print_errors(const std::string& prefix, const std::vector<ConfigError>& errors) {
  for (std::size_t i = 0; i < std::min(errors.size(), kMaxErrorLines); ++i)
    fmt::print(stderr, "commsim: error: {}{}\n", prefix, errors[i].what());
  if (errors.size() > kMaxErrorLines) {
    fmt::print(stderr, "commsim: error: {}… and {} more errors\n", prefix,
               errors.size() - kMaxErrorLines);
  }
}

void print_outcome(const Scenario& sc, const sim::RunSummary& s, const std::string& out) {
  fmt::print("{}: {} after {} rounds ({})\n", sc.name, sim::to_string(s.termination), s.rounds,
             s.message);
  fmt::print("{}", s.full_report());
  // The two questions every run must answer.
  std::string verdict;
  switch (s.termination) {
    case sim::Termination::converged: verdict = "converged to the requested stationarity"; break;
    case sim::Termination::diverged:
      verdict = "DIVERGED: the method does not converge in this setting (try a smaller stepsize)";
      break;
    case sim::Termination::stalled:
      verdict = "STALLED: no progress in ||grad f||^2 over the stall window";
      break;
    case sim::Termination::interrupted:
      verdict = "interrupted: outputs hold the rounds completed so far";
      break;
    default:
      verdict = s.final_grad_norm_sq < s.initial_grad_norm_sq
                    ? fmt::format("stopped by a limit; ||grad f||^2 fell by a factor {:.3g}",
                                  s.initial_grad_norm_sq / std::max(s.final_grad_norm_sq, 1e-300))
                    : "stopped by a limit WITHOUT reducing ||grad f||^2";
  }
  fmt::print("verdict: {}\noutputs: {}\n", verdict, out);
}

int cmd_run(const std::vector<std::string>& args) {
  CommandLine cl(
      "run",
      "Runs a scenario; writes scenario.json, platform.csv, rounds.csv, summary.json (and "
      "messages.csv when record.messages is on) into DIR.");
  std::string file, out;
  std::vector<std::string> sets;
  cl.add_options()("file", po::value(&file)->value_name("FILE"), "the scenario file")(
      "out", po::value(&out)->required()->value_name("DIR"), "output directory")(
      "set", po::value(&sets)->composing()->value_name("PATH=VALUE"), "override a scenario value")(
      "force", po::bool_switch(), "overwrite an existing output directory's files")(
      "quiet", po::bool_switch(), "print nothing but errors");
  cl.positional("file", "scenario", 1, true);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  const bool quiet = vm["quiet"].as<bool>();
  sim::Json doc = load_with_overrides(file, sets);
  Scenario sc = build_scenario(doc);
  RunOptions options;
  options.out = out;
  options.force = vm["force"].as<bool>();
  options.interrupt = &g_interrupted;
  options.progress = (!quiet && ::isatty(::fileno(stderr))) ? stderr : nullptr;
  handle_interrupts();
  const sim::RunSummary s = run_scenario(sc, options);
  if (!quiet) print_outcome(sc, s, out);
  return s.termination == sim::Termination::interrupted ? 130 : 0;
}

int cmd_validate(const std::vector<std::string>& args) {
  CommandLine cl("validate",
                 "Checks scenarios without running them (builds their data and network).");
  std::vector<std::string> files, sets;
  cl.add_options()("file", po::value(&files)->value_name("FILE"), "the scenario files")(
      "set", po::value(&sets)->composing()->value_name("PATH=VALUE"),
      "override a value of every scenario");
  cl.positional("file", "scenario", -1, true);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  int failures = 0;
  for (const auto& f : files) {
    const std::string prefix = files.size() > 1 ? f + ": " : "";
    try {
      // Every error of reading, in document order; building (data, network) only when none.
      std::vector<std::string> key_order;
      sim::Json doc = load_json_file(f, &key_order);
      resolve_relative_paths(doc, std::filesystem::absolute(f).parent_path());
      for (const auto& s : sets) apply_override(doc, s);
      const std::vector<ConfigError> errors = scenario_errors(doc, key_order);
      if (errors.empty()) {
        build_scenario(doc);
        fmt::print("{}: ok\n", f);
        continue;
      }
      print_errors(prefix, errors);
    } catch (const UserError& e) {
      fmt::print(stderr, "commsim: error: {}{}\n", prefix, e.what());
    }
    ++failures;
  }
  return failures ? 2 : 0;
}

int cmd_simgrid_platform(const std::vector<std::string>& args) {
  CommandLine cl("simgrid-platform",
                 "Writes the scenario's built platform as a SimGrid platform XML (version 4.1): "
                 "hosts w0..w{n-1} and server, one link per directed link resource, one route "
                 "per worker->server and server->worker path.");
  std::string file, out;
  std::vector<std::string> sets;
  cl.add_options()("file", po::value(&file)->value_name("FILE"), "the scenario file")(
      "set", po::value(&sets)->composing()->value_name("PATH=VALUE"), "override a scenario value")(
      "out", po::value(&out)->value_name("FILE"), "output file (standard output if not given)");
  cl.positional("file", "scenario", 1, true);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  const Scenario sc = build_scenario(load_with_overrides(file, sets));
  const std::string xml = net::simgrid_platform_xml(*sc.platform);
  if (out.empty()) {
    fmt::print("{}", xml);
    return 0;
  }
  std::ofstream os(out, std::ios::binary);
  os << xml;
  if (!os.flush()) throw InputError(out, "cannot write the platform file");
  return 0;
}

int cmd_sweep_merge(const std::vector<std::string>& args) {
  CommandLine cl("sweep merge",
                 "Merges the sweep directories of shards (the same sweep) into one sweep "
                 "directory with one index.");
  std::vector<std::string> inputs;
  std::string out;
  cl.add_options()("dirs", po::value(&inputs)->value_name("DIR"), "the shards' sweep directories")(
      "out", po::value(&out)->required()->value_name("DIR"), "the merged sweep directory")(
      "quiet", po::bool_switch(), "print nothing but errors");
  cl.positional("dirs", "shard sweep", -1, true);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  const std::vector<std::filesystem::path> dirs(inputs.begin(), inputs.end());
  const std::size_t finished = analysis::merge_sweeps(dirs, out);
  const SweepPlan plan = analysis::load_sweep_dir(out);
  if (!vm["quiet"].as<bool>())
    fmt::print("merged {} of {} runs into {}\n", finished, plan.size(), out);
  return 0;
}

int cmd_sweep(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "merge")
    return cmd_sweep_merge({args.begin() + 1, args.end()});
  CommandLine cl("sweep",
                 "Runs every point of a sweep (grid x zip x seeds) into DIR/runs/<id>, with "
                 "DIR/index.csv; re-running resumes. See also: commsim sweep merge --help.");
  std::string file, out, shard = "0/1";
  int jobs = 1;
  cl.add_options()("file", po::value(&file)->value_name("FILE"), "the sweep file")(
      "out", po::value(&out)->value_name("DIR"), "the sweep directory (required unless --dry-run)")(
      "jobs", po::value(&jobs)->value_name("N"), "simulations run at once (default 1)")(
      "shard", po::value(&shard)->value_name("i/N"), "run only the runs whose index = i (mod N)")(
      "dry-run", po::bool_switch(), "print the numbered plan, run nothing")(
      "quiet", po::bool_switch(), "print nothing but errors");
  cl.positional("file", "sweep", 1, true);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  if (jobs < 1) throw UsageError("--jobs must be >= 1");
  const ShardSpec spec = parse_shard(shard);
  handle_interrupts();  // validating a sweep of many runs can take long, before any run
  const SweepPlan plan = SweepPlan::load(file);
  if (vm["dry-run"].as<bool>()) {
    if (!out.empty()) analysis::check_sweep_dir(out, plan);
    if (!validate_runs(plan, select_runs(plan, spec), static_cast<std::size_t>(jobs), nullptr,
                       &g_interrupted))
      return 130;
    fmt::print("{}", describe_plan(plan, spec, out));
    return 0;
  }
  if (out.empty()) throw UsageError("sweep: the option '--out' is required (see commsim --help)");
  const bool quiet = vm["quiet"].as<bool>();
  SweepOptions options;
  options.out = out;
  options.jobs = static_cast<std::size_t>(jobs);
  options.shard = spec;
  options.log = quiet ? nullptr : stderr;
  options.progress_bar = !quiet && ::isatty(::fileno(stderr));
  options.interrupt = &g_interrupted;
  const SweepOutcome o = run_sweep(plan, options);
  if (!quiet) {
    fmt::print(
        "sweep: {} of {} runs of this shard finished ({} earlier, {} now), {} failed, {} "
        "interrupted\nindex: {}\n",
        o.skipped + o.finished, o.selected, o.skipped, o.finished, o.failed, o.interrupted,
        (std::filesystem::path(out) / "index.csv").string());
  }
  for (const auto& e : o.errors) fmt::print(stderr, "commsim: error: {}\n", e);
  if (o.interrupted || g_interrupted.load()) return 130;
  return o.failed ? 1 : 0;
}

int cmd_compare(const std::vector<std::string>& args) {
  CommandLine cl("compare", "Tabulates methods x metrics of finished run or sweep directories.");
  std::vector<std::string> inputs;
  double eps = 0.0;
  cl.add_options()("dirs", po::value(&inputs)->value_name("DIR"), "run or sweep directories")(
      "csv", po::bool_switch(), "print CSV")(
      "eps", po::value(&eps)->value_name("E"),
      "the ||grad f||^2 threshold (default: from report_eps)");
  cl.positional("dirs", "run or sweep", -1, true);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  if (vm.count("eps") && !(eps > 0.0)) throw UsageError("--eps must be > 0");
  const std::vector<std::filesystem::path> dirs(inputs.begin(), inputs.end());
  const analysis::CompareTable table =
      analysis::compare_dirs(dirs, vm.count("eps") ? std::optional<double>(eps) : std::nullopt);
  fmt::print("{}", vm["csv"].as<bool>() ? analysis::format_compare_csv(table)
                                        : analysis::format_compare_table(table));
  return 0;
}

int cmd_list(const std::vector<std::string>& args) {
  CommandLine cl("list",
                 "Lists every problem, algorithm, compressor, topology and transfer model (or "
                 "those of one KIND: " +
                     kind_names() +
                     "); with a NAME, every key that part takes, with its type, default and help "
                     "(e.g. commsim list algorithms marina, commsim list sections stop).");
  std::vector<std::string> what;
  cl.add_options()("kind", po::value(&what)->value_name("KIND [NAME]"),
                   "what to list (default: all)");
  cl.positional("kind", "kind", -1, false);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  if (what.size() > 2)
    throw UsageError("list: expected at most KIND and NAME (see commsim list --help)");
  fmt::print("{}", what.size() == 2 ? describe(what[0], what[1])
                                    : list_kind(what.empty() ? "all" : what[0]));
  return 0;
}

constexpr const char* kSchemaExpected =
    "schema: expected \"scenario\" or \"sweep\" (see commsim --help)";

int cmd_schema(const std::vector<std::string>& args) {
  CommandLine cl(
      "schema", "Prints the JSON Schema (draft 2020-12) of the scenario or the sweep file format.");
  std::string what = "scenario";
  cl.add_options()("kind", po::value(&what)->value_name("scenario|sweep"),
                   "which format (default: scenario)");
  cl.positional("kind", "format", 1, false);
  // Two or more formats get the message they always got rather than Boost's "too many".
  const bool help = std::find(args.begin(), args.end(), "--help") != args.end();
  if (args.size() > 1 && !help) throw UsageError(kSchemaExpected);
  po::variables_map vm;
  if (!cl.parse(args, vm)) return 0;
  if (what != "scenario" && what != "sweep") throw UsageError(kSchemaExpected);
  fmt::print("{}\n", (what == "sweep" ? sweep_schema() : scenario_schema()).dump(2));
  return 0;
}

}  // namespace

namespace {

// The last word of a failing command: written without exceptions, because stderr itself may be
// the file that cannot be written (a full disk); the exit code says what happened regardless.
int report_failure(int exit_code, std::string_view kind, std::string_view message) noexcept {
  try {
    const std::string line = fmt::format("commsim: {}: {}\n", kind, message);
    std::fwrite(line.data(), 1, line.size(), stderr);
  } catch (...) {
  }
  return exit_code;
}

}  // namespace

int run_cli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      std::fputs(kUsage, args.empty() ? stderr : stdout);
      return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
      fmt::print("commsim {}\n", kVersion);
      return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "run") return cmd_run(rest);
    if (command == "validate") return cmd_validate(rest);
    if (command == "list") return cmd_list(rest);
    if (command == "simgrid-platform") return cmd_simgrid_platform(rest);
    if (command == "sweep") return cmd_sweep(rest);
    if (command == "compare") return cmd_compare(rest);
    if (command == "schema") return cmd_schema(rest);
    throw UsageError(
        fmt::format("unknown command \"{}\" (commands: run, validate, list, sweep, compare, "
                    "schema; see commsim --help)",
                    command));
  } catch (const UserError& e) {
    return report_failure(2, "error", e.what());
  } catch (const EnvironmentError& e) {
    return report_failure(3, "environment error", e.what());
  } catch (const std::system_error& e) {  // filesystem errors, a failed write to stdout
    return report_failure(3, "environment error", sim::printable_line(e.what()));
  } catch (const std::bad_alloc&) {
    return report_failure(3, "environment error",
                          "out of memory (lower limits.memory or the problem size)");
  } catch (const std::exception& e) {
    return report_failure(1, "internal error", sim::printable_line(e.what()));
  }
}

}  // namespace commsim::scenario
