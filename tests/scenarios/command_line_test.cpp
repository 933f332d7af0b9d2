#include "scenarios/command_line.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace commsim;
namespace po = boost::program_options;

namespace {

// A run-like declaration: a required positional FILE, a required --out, a list and a switch.
struct Declared {
  std::string file, out;
  std::vector<std::string> sets;
  scenario::CommandLine cl{"demo", "Demonstrates the declaration."};
  Declared() {
    cl.add_options()("file", po::value(&file)->value_name("FILE"), "the input file")(
        "out", po::value(&out)->required()->value_name("DIR"), "output directory")(
        "set", po::value(&sets)->composing()->value_name("PATH=VALUE"), "an override")(
        "quiet", po::bool_switch(), "print nothing");
    cl.positional("file", "input", 1, true);
  }
};

}  // namespace

TEST_CASE("scenario::CommandLine: usage and help derive from the one declaration") {
  Declared d;
  CHECK(d.cl.usage() == "commsim demo FILE --out DIR [--set PATH=VALUE]... [--quiet]");
  const std::string help = d.cl.help();
  CHECK(help.rfind("usage: commsim demo FILE --out DIR", 0) == 0);
  CHECK(help.find("  FILE                  the input file\n") != std::string::npos);
  CHECK(help.find("  --set PATH=VALUE      an override\n") != std::string::npos);
  CHECK(help.find("  --quiet               print nothing\n") != std::string::npos);
  CHECK(help.find("--file") == std::string::npos);  // the positional shows as FILE only
}

TEST_CASE("scenario::CommandLine: a missing positional is named with the usage line") {
  Declared d;
  po::variables_map vm;
  CHECK_THROWS_WITH_AS(d.cl.parse({"--out", "x"}, vm),
                       "demo: missing the input FILE (usage: commsim demo FILE --out DIR "
                       "[--set PATH=VALUE]... [--quiet])",
                       UserError);
  po::variables_map vm2;
  CHECK_THROWS_WITH_AS(d.cl.parse({"f.json"}, vm2),
                       "the option '--out' is required but missing (see commsim --help)",
                       UserError);
  Declared ok;
  po::variables_map vm3;
  CHECK(ok.cl.parse({"f.json", "--out", "o", "--set", "a=1", "--set", "b=2"}, vm3));
  CHECK(ok.file == "f.json");
  CHECK(ok.out == "o");
  CHECK(ok.sets == std::vector<std::string>{"a=1", "b=2"});
}
