// GD on mushrooms through the whole pipeline (scenario → problem + platform + roles → runtime)
// against a straightforward dense computation written here from the paper's formulas.

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/scenario_builder.hpp"
#include "sim/runtime/runtime.hpp"

using namespace commsim;

namespace {

struct Rows final : sim::Recorder {
  std::vector<sim::RoundRecord> rows;
  void on_round(const sim::RoundRecord& r) override { rows.push_back(r); }
};

std::string data_file(const std::string& name) {
  const char* env = std::getenv("COMMSIM_DATA_PATH");
  REQUIRE_MESSAGE(env != nullptr, "COMMSIM_DATA_PATH must point at the LibSVM data sets");
  return std::string(env) + "/" + name;
}

double sigmoid(double t) {
  return 1.0 / (1.0 + std::exp(-t));
}

}  // namespace

TEST_CASE(
    "scenario: GD on mushrooms (sigmoid_squared, gamma = 1/L) matches an independent dense loop "
    "for 50 rounds") {
  // Independent reading: label 1 → −1, 2 → +1; column 0 is the bias, feature j is column j.
  std::ifstream in(data_file("mushrooms"));
  REQUIRE(in.good());
  std::vector<std::vector<double>> rows;
  std::vector<double> labels;
  std::string line;
  const int d = 113;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    double label;
    ls >> label;
    labels.push_back(label == 1 ? -1.0 : 1.0);
    std::vector<double> a(d, 0.0);
    a[0] = 1.0;
    std::string tok;
    while (ls >> tok) {
      const auto colon = tok.find(':');
      a[static_cast<std::size_t>(std::stoi(tok.substr(0, colon)))] =
          std::stod(tok.substr(colon + 1));
    }
    rows.push_back(a);
  }
  REQUIRE(rows.size() == 8124);
  const int n = 5;
  const std::size_t m = rows.size() / n;  // contiguous shards, remainder dropped
  const std::size_t used = m * n;
  double max_row_sq = 0;
  for (std::size_t j = 0; j < used; ++j) {
    double s = 0;
    for (double v : rows[j]) s += v * v;
    max_row_sq = std::max(max_row_sq, s);
  }
  const double L = 0.15405 * max_row_sq;
  const double lambda = 1e-6 * L;
  const double gamma = 1.0 / (L + lambda);

  auto loss_and_grad = [&](const std::vector<double>& x, std::vector<double>& g) {
    double loss = 0;
    g.assign(d, 0.0);
    for (std::size_t j = 0; j < used; ++j) {
      double t = 0;
      for (int c = 0; c < d; ++c)
        t += rows[j][static_cast<std::size_t>(c)] * x[static_cast<std::size_t>(c)];
      t *= labels[j];
      const double s = sigmoid(t);
      loss += (1 - s) * (1 - s);
      const double coef = -2.0 * s * (1 - s) * (1 - s) * labels[j];
      for (int c = 0; c < d; ++c)
        g[static_cast<std::size_t>(c)] += coef * rows[j][static_cast<std::size_t>(c)];
    }
    double xx = 0;
    for (int c = 0; c < d; ++c) {
      g[static_cast<std::size_t>(c)] = g[static_cast<std::size_t>(c)] / static_cast<double>(used) +
                                       lambda * x[static_cast<std::size_t>(c)];
      xx += x[static_cast<std::size_t>(c)] * x[static_cast<std::size_t>(c)];
    }
    return loss / static_cast<double>(used) + 0.5 * lambda * xx;
  };

  const sim::Json doc = sim::Json::parse(R"({
    "problem": {"type": "sigmoid_squared", "data": {"libsvm": "mushrooms"}, "split": "contiguous", "bias": true},
    "workers": {"count": 5},
    "algorithm": {"name": "gd", "stepsize": "theory"},
    "stop": {"max_rounds": 50}
  })");
  scenario::Scenario sc = scenario::build_scenario(doc);
  REQUIRE(sc.problem->dim() == d);
  CHECK(sc.algorithm->constants()["stepsize"].get<double>() ==
        doctest::Approx(gamma).epsilon(1e-14));
  sim::Runtime runtime(*sc.problem, *sc.algorithm, *sc.platform, sc.options);
  Rows recorded;
  runtime.add_recorder(recorded);
  runtime.run();
  REQUIRE(recorded.rows.size() == 51);

  std::vector<double> x(d, 0.0), g;
  for (int k = 0; k <= 50; ++k) {
    const double loss = loss_and_grad(x, g);
    double gn = 0;
    for (double v : g) gn += v * v;
    const auto& row = recorded.rows[static_cast<std::size_t>(k)];
    CHECK(row.loss == doctest::Approx(loss).epsilon(1e-10));
    CHECK(row.grad_norm_sq == doctest::Approx(gn).epsilon(1e-10));
    for (int c = 0; c < d; ++c)
      x[static_cast<std::size_t>(c)] -= gamma * g[static_cast<std::size_t>(c)];
  }
  CHECK(recorded.rows[0].loss == doctest::Approx(0.25).epsilon(1e-15));
}
