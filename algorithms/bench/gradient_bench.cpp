// Gradient kernels against the memory-bandwidth bound. For each shard, the time of one local
// gradient of the paper's loss (sigmoid_squared: one fused pass over the CSR rows) is compared
// with the time needed just to stream the bytes that pass reads, at the copy bandwidth measured
// here with a large memcpy (STREAM convention: bytes read + bytes written per second).
//
// usage: gradient_bench REPS [DATA_DIR]   (DATA_DIR defaults to the first entry of
// COMMSIM_DATA_PATH) output, one line per shard:
// shard,rows,dim,nnz,bytes,gradient_s,bound_s,fraction_of_bound,copy_GBps

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "algorithms/problems/libsvm_reader.hpp"
#include "algorithms/problems/sigmoid_squared.hpp"
#include "algorithms/problems/synthetic.hpp"

using namespace commsim::algo;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Copy bandwidth in bytes/s (read + written) over a buffer far larger than the last-level cache.
double copy_bandwidth(int reps) {
  const std::size_t bytes = std::size_t{256} << 20;
  std::vector<char> a(bytes, 1), b(bytes, 2);
  std::vector<double> times;
  for (int r = 0; r < reps; ++r) {
    const double t0 = now_s();
    std::memcpy(b.data(), a.data(), bytes);
    times.push_back(now_s() - t0);
    a[static_cast<std::size_t>(r)] = b[bytes - 1 - static_cast<std::size_t>(r)];  // keep both live
  }
  return 2.0 * static_cast<double>(bytes) / median(times);
}

void measure(const std::string& label, Dataset shard, int reps, double bandwidth) {
  const auto rows = shard.num_samples();
  const auto d = shard.dim();
  const auto nnz = shard.features.nonZeros();
  auto oracle = make_sigmoid_squared(std::move(shard), 1e-6);
  // Bytes one gradient must read or write: values + column indices per nonzero, row offsets,
  // labels, the margins written, and x and the output once.
  const double bytes = 16.0 * static_cast<double>(nnz) + 24.0 * static_cast<double>(rows) +
                       16.0 * static_cast<double>(d);
  // Two alternating points, so the oracle's evaluation cache never answers for it.
  Vector x0 = Vector::Constant(d, 0.01), x1 = Vector::Constant(d, -0.02), out(d);
  const int inner =
      std::max(1, static_cast<int>(2e8 / std::max(bytes, 1.0)));  // ~0.2 GB per timing
  std::vector<double> times;
  double sink = 0.0;
  oracle->gradient(x0, out);  // warm-up
  std::uint64_t call = 1;     // x alternates across all calls, so consecutive calls never share x
  for (int r = 0; r < reps; ++r) {
    const double t0 = now_s();
    for (int i = 0; i < inner; ++i, ++call) {
      oracle->gradient((call & 1) ? x1 : x0, out);
      sink += out[0];
    }
    times.push_back((now_s() - t0) / inner);
  }
  const double t = median(times), bound = bytes / bandwidth;
  std::printf("%s,%lld,%lld,%lld,%.0f,%.3e,%.3e,%.3f,%.2f\n", label.c_str(),
              static_cast<long long>(rows), static_cast<long long>(d), static_cast<long long>(nnz),
              bytes, t, bound, bound / t, bandwidth / 1e9);
  if (sink == 12345.678) std::puts("");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gradient_bench REPS [DATA_DIR]\n");
    return 2;
  }
  const int reps = std::atoi(argv[1]);
  std::string dir = argc > 2 ? argv[2] : "";
  if (dir.empty()) {
    const char* env = std::getenv("COMMSIM_DATA_PATH");
    dir = env ? std::string(env).substr(0, std::string(env).find(':')) : "";
  }
  try {
    const double bw = copy_bandwidth(std::max(reps, 3));
    if (!dir.empty() && std::filesystem::exists(std::filesystem::path(dir) / "a9a")) {
      Dataset a9a = read_libsvm((std::filesystem::path(dir) / "a9a").string());
      measure("a9a (all rows)", std::move(a9a), reps, bw);
    }
    SyntheticOptions sparse;
    sparse.samples = 200000;
    sparse.features = 1000;
    sparse.density = 0.01;
    measure("synthetic sparse d=1001 density 0.01", make_synthetic(sparse), reps, bw);
    SyntheticOptions dense;
    dense.samples = 400000;
    dense.features = 20;
    dense.density = 1.0;
    measure("synthetic dense d=21", make_synthetic(dense), reps, bw);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gradient_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
