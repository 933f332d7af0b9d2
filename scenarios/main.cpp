#include "scenarios/cli.hpp"

int main(int argc, char** argv) {
  return commsim::scenario::run_cli(argc, argv);
}
