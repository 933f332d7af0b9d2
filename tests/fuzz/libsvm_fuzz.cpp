/// \file
/// libFuzzer target: the LIBSVM reader on arbitrary text. Property: it returns a data set whose
/// shape is consistent, or throws InputError/UserError; never a crash or a sanitizer report.
/// The first byte chooses the options (bias, label mapping, an explicit dimension).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "algorithms/problems/libsvm_reader.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  algo::LibsvmOptions options;
  options.bias = (data[0] & 1) != 0;
  options.map_labels = (data[0] & 2) != 0;
  if (data[0] & 4) options.dim = 1 + (data[0] >> 3);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const algo::Dataset d = algo::parse_libsvm(text, "fuzz", options);
    if (d.features.rows() != d.labels.size() || d.features.rows() == 0) {
      std::fprintf(stderr, "inconsistent data set: %ld rows, %ld labels\n",
                   static_cast<long>(d.features.rows()), static_cast<long>(d.labels.size()));
      std::abort();
    }
  } catch (const UserError&) {
  }
  return 0;
}
