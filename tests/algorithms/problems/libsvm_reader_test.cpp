#include "algorithms/problems/libsvm_reader.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include "sim/kernel/errors.hpp"

using commsim::InputError;
using namespace commsim::algo;

namespace {

// Writes `text` to a fresh temporary file and removes it when the guard goes away.
struct TempFile {
  explicit TempFile(const std::string& text) {
    static std::atomic<int> counter{0};
    path = (std::filesystem::temp_directory_path() /
            fmt::format("commsim_libsvm_test_{}_{}", ::getpid(), counter++))
               .string();
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
  std::string path;
};

// The `where()` of the InputError reading `text` throws, or "" when it does not throw.
std::string error_where(const std::string& text, const LibsvmOptions& options = {}) {
  TempFile file(text);
  try {
    read_libsvm(file.path, options);
  } catch (const InputError& e) {
    const std::string& where = e.where();
    REQUIRE(where.rfind(file.path, 0) == 0);
    return where.substr(file.path.size());
  }
  return "";
}

}  // namespace

TEST_CASE("libsvm: bias column 0 = 1 and feature j in column j, d = features + 1") {
  TempFile file("+1 1:0.5 3:2 \n-1 2:-1.5\n");
  const Dataset d = read_libsvm(file.path);
  CHECK(d.num_samples() == 2);
  CHECK(d.dim() == 4);
  const Eigen::MatrixXd dense = Eigen::MatrixXd(d.features);
  Eigen::MatrixXd expected(2, 4);
  expected << 1, 0.5, 0, 2,  //
      1, 0, -1.5, 0;
  CHECK(dense == expected);
  CHECK(d.labels[0] == 1.0);
  CHECK(d.labels[1] == -1.0);
  CHECK(d.name == std::filesystem::path(file.path).filename().string());
}

TEST_CASE("libsvm: without bias feature j goes to column j-1") {
  const Dataset d = parse_libsvm("1 1:0.5 3:2\n0 2:-1.5\n", "mem",
                                 {.dim = {}, .bias = false, .map_labels = true});
  CHECK(d.dim() == 3);
  const Eigen::MatrixXd dense = Eigen::MatrixXd(d.features);
  CHECK(dense(0, 0) == 0.5);
  CHECK(dense(0, 2) == 2.0);
  CHECK(dense(1, 1) == -1.5);
  CHECK(d.features.nonZeros() == 3);
}

TEST_CASE("libsvm: label mappings to +-1 (smaller -> -1)") {
  SUBCASE("{-1,+1}") {
    const Dataset d = parse_libsvm("-1 1:1\n+1 1:1\n1 1:2\n", "mem");
    CHECK(d.labels == Eigen::Vector3d(-1, 1, 1));
  }
  SUBCASE("{0,1}") {
    const Dataset d = parse_libsvm("1 1:1\n0 1:1\n0 1:2\n", "mem");
    CHECK(d.labels == Eigen::Vector3d(1, -1, -1));
  }
  SUBCASE("{1,2} (mushrooms)") {
    const Dataset d = parse_libsvm("2 1:1\n1 1:1\n2 1:2\n", "mem");
    CHECK(d.labels == Eigen::Vector3d(1, -1, 1));
  }
  SUBCASE("a single class already +-1 is kept") {
    const Dataset d = parse_libsvm("-1 1:1\n-1 1:1\n", "mem");
    CHECK(d.labels == Eigen::Vector2d(-1, -1));
  }
  SUBCASE("a single class 2 cannot be mapped") {
    CHECK_THROWS_AS(parse_libsvm("2 1:1\n", "mem"), InputError);
  }
  SUBCASE("three labels are an error at the line of the third") {
    CHECK(error_where("1 1:1\n2 1:1\n1 1:1\n3 1:1\n") == ":4");
  }
  SUBCASE("three labels kept as targets when mapping is off") {
    const Dataset d = parse_libsvm("1.5 1:1\n2 1:1\n-3 1:1\n", "mem",
                                   {.dim = {}, .bias = true, .map_labels = false});
    CHECK(d.labels == Eigen::Vector3d(1.5, 2, -3));
  }
}

TEST_CASE("libsvm: featureless lines (w8a) and trailing spaces are valid samples") {
  const Dataset d = parse_libsvm("-1 \n+1 2:1 \n-1\n+1 1:1 5:1\r\n", "mem");
  REQUIRE(d.num_samples() == 4);
  CHECK(d.dim() == 6);
  CHECK(d.features.row(0).nonZeros() == 1);  // the bias only
  CHECK(d.features.coeff(0, 0) == 1.0);
  CHECK(d.features.row(2).nonZeros() == 1);
  CHECK(d.features.coeff(3, 5) == 1.0);
  CHECK(d.features.nonZeros() == 4 + 1 + 2);
}

TEST_CASE("libsvm: explicit dim fixes d and rejects larger indices") {
  const Dataset d =
      parse_libsvm("1 1:1\n-1 2:1\n", "mem", {.dim = 10, .bias = true, .map_labels = true});
  CHECK(d.dim() == 11);
  CHECK(error_where("1 1:1\n-1 2:1 11:1\n", {.dim = 10, .bias = true, .map_labels = true}) == ":2");
}

TEST_CASE("libsvm: every kind of malformed line is an InputError at file:line") {
  CHECK(error_where("1 1:1\nabc 1:1\n") == ":2");               // non-numeric label
  CHECK(error_where("nan 1:1\n") == ":1");                      // NaN label
  CHECK(error_where("1 1:1\n-1 0:1\n") == ":2");                // index 0
  CHECK(error_where("1 -3:1\n") == ":1");                       // negative index
  CHECK(error_where("1 2:1 2:1\n") == ":1");                    // repeated index
  CHECK(error_where("1 1:1\n1 3:1 2:1\n") == ":2");             // decreasing index
  CHECK(error_where("1 1:x\n") == ":1");                        // non-numeric value
  CHECK(error_where("1 1:\n") == ":1");                         // empty value
  CHECK(error_where("1 1:nan\n") == ":1");                      // NaN value
  CHECK(error_where("1 1:inf\n") == ":1");                      // Inf value
  CHECK(error_where("1 1:1e999\n") == ":1");                    // overflowing value
  CHECK(error_where("1 1:1\n-1 5\n") == ":2");                  // missing ':'
  CHECK(error_where("1 a:1\n") == ":1");                        // non-numeric index
  CHECK(error_where("1 1.5:1\n") == ":1");                      // fractional index
  CHECK(error_where("1 100000001:1\n") == ":1");                // beyond the index limit
  CHECK(error_where("1 99999999999999999999999:1\n") == ":1");  // beyond int64
  CHECK(error_where("1 1:1\n\n-1 1:1\n") == ":2");              // blank line
  CHECK(error_where("1 1:1 # comment\n") == ":1");              // comments are not LIBSVM
  CHECK(error_where("1 1:1\n-1 2:1\n") == "");                  // and a good file passes
}

TEST_CASE("libsvm: empty file and missing file") {
  TempFile empty("");
  CHECK_THROWS_AS(read_libsvm(empty.path), InputError);
  CHECK_THROWS_AS(read_libsvm("/nonexistent/commsim/no_such_file"), InputError);
  CHECK_THROWS_WITH_AS(read_libsvm("/nonexistent/commsim/no_such_file"),
                       doctest::Contains("/nonexistent/commsim/no_such_file"), InputError);
}

TEST_CASE("libsvm: a real file has the documented shape") {
  const char* env = std::getenv("COMMSIM_DATA_PATH");
  REQUIRE_MESSAGE(env != nullptr,
                  "COMMSIM_DATA_PATH must point at the LIBSVM data (ctest sets it)");
  std::string dir = env;
  dir = dir.substr(0, dir.find(':'));
  const Dataset w8a = read_libsvm(dir + "/w8a");
  CHECK(w8a.num_samples() == 49749);
  CHECK(w8a.dim() == 301);
  CHECK(w8a.features.nonZeros() == 579586 + 49749);  // README's nonzeros plus one bias per row
  int featureless = 0, positive = 0;
  for (Eigen::Index r = 0; r < w8a.num_samples(); ++r) {
    featureless += w8a.features.row(r).nonZeros() == 1;
    positive += w8a.labels[r] == 1.0;
  }
  CHECK(featureless == 4203);
  CHECK(positive == 1479);
}
