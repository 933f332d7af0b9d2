#include "algorithms/problems/libsvm_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"

namespace commsim::algo {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// from_chars rejects a leading '+', which LIBSVM files use for labels ("+1").
bool parse_double(std::string_view token, double& out) {
  if (token.size() > 1 && token.front() == '+') token.remove_prefix(1);
  if (token.empty()) return false;
  const char* end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data(), end, out);
  return ec == std::errc() && ptr == end;
}

class LineParser {
 public:
  LineParser(const std::string& source, const LibsvmOptions& options)
      : source_(source), options_(options) {}

  [[noreturn]] void fail(std::int64_t line, const std::string& what) const {
    throw InputError(fmt::format("{}:{}", source_, line), what);
  }

  void parse_line(std::string_view line, std::int64_t line_no) {
    std::size_t pos = 0;
    const auto next_token = [&]() -> std::string_view {
      while (pos < line.size() && is_blank(line[pos])) ++pos;
      const std::size_t start = pos;
      while (pos < line.size() && !is_blank(line[pos])) ++pos;
      return line.substr(start, pos - start);
    };

    const std::string_view label_token = next_token();
    if (label_token.empty())
      fail(line_no, "empty line: expected a label followed by index:value pairs");
    double label = 0.0;
    if (!parse_double(label_token, label))
      fail(line_no, fmt::format("label '{}' is not a number", label_token));
    if (!std::isfinite(label)) fail(line_no, fmt::format("label '{}' is not finite", label_token));
    note_label(label, line_no);
    labels_.push_back(label);

    if (options_.bias) {
      inner_.push_back(0);
      values_.push_back(1.0);
    }
    std::int64_t previous = 0;
    for (std::string_view token = next_token(); !token.empty(); token = next_token()) {
      const std::size_t colon = token.find(':');
      if (colon == std::string_view::npos)
        fail(line_no, fmt::format("feature '{}' has no ':' (expected index:value)", token));
      const std::string_view index_text = token.substr(0, colon);
      const std::string_view value_text = token.substr(colon + 1);
      std::int64_t index = 0;
      const char* index_end = index_text.data() + index_text.size();
      auto [ptr, ec] = std::from_chars(index_text.data(), index_end, index);
      if (index_text.empty() || ptr != index_end ||
          (ec != std::errc() && ec != std::errc::result_out_of_range))
        fail(line_no, fmt::format("feature index '{}' is not an integer", index_text));
      if (ec == std::errc::result_out_of_range || index > kMaxLibsvmIndex)
        fail(line_no,
             fmt::format("feature index {} exceeds the limit {}", index_text, kMaxLibsvmIndex));
      if (index <= 0)
        fail(line_no,
             fmt::format("feature index {} must be >= 1 (LIBSVM indices are 1-based)", index));
      if (index <= previous)
        fail(line_no, fmt::format("feature index {} follows {}: indices must strictly increase",
                                  index, previous));
      if (options_.dim && index > *options_.dim)
        fail(line_no, fmt::format("feature index {} exceeds the declared dimension {}", index,
                                  *options_.dim));
      double value = 0.0;
      if (!parse_double(value_text, value))
        fail(line_no, fmt::format("value '{}' of feature {} is not a number", value_text, index));
      if (!std::isfinite(value))
        fail(line_no, fmt::format("value '{}' of feature {} is not finite", value_text, index));
      previous = index;
      inner_.push_back(options_.bias ? index : index - 1);
      values_.push_back(value);
    }
    if (previous > max_index_) max_index_ = previous;
    outer_.push_back(static_cast<std::int64_t>(inner_.size()));
  }

  Dataset finish(std::int64_t lines) {
    if (labels_.empty()) throw InputError(source_, "no samples: the file is empty");
    const std::int64_t features = options_.dim ? *options_.dim : max_index_;
    const std::int64_t cols = features + (options_.bias ? 1 : 0);
    if (cols <= 0)
      throw InputError(
          source_, "no features: every line is empty and neither a bias nor a dimension was given");
    if (options_.map_labels) map_labels(lines);

    Dataset data;
    data.name = source_;
    const auto rows = static_cast<std::int64_t>(labels_.size());
    const auto nnz = static_cast<std::int64_t>(inner_.size());
    data.features =
        Eigen::Map<const SparseRows>(rows, cols, nnz, outer_.data(), inner_.data(), values_.data());
    data.labels = Eigen::Map<const Vector>(labels_.data(), rows);
    return data;
  }

  void reserve(std::size_t bytes) {
    inner_.reserve(bytes / 4);
    values_.reserve(bytes / 4);
    outer_.reserve(bytes / 64);
    labels_.reserve(bytes / 64);
  }

 private:
  void note_label(double label, std::int64_t line_no) {
    if (!options_.map_labels) return;
    for (int k = 0; k < num_distinct_; ++k)
      if (distinct_[k] == label) return;
    if (num_distinct_ == 2)
      fail(line_no, fmt::format("third distinct label {} (after {} and {}): binary labels expected",
                                label, distinct_[0], distinct_[1]));
    distinct_[num_distinct_++] = label;
  }

  void map_labels(std::int64_t lines) {
    if (num_distinct_ == 1) {
      // A single class can only be mapped if it already is ±1: which side 2 or 0 belongs to is
      // unknowable.
      if (distinct_[0] == 1.0 || distinct_[0] == -1.0) return;
      throw InputError(
          fmt::format("{}:1-{}", source_, lines),
          fmt::format("every label is {}: cannot tell whether it means -1 or +1", distinct_[0]));
    }
    const double low = std::min(distinct_[0], distinct_[1]);
    for (double& y : labels_) y = (y == low) ? -1.0 : 1.0;
  }

  const std::string& source_;
  const LibsvmOptions& options_;
  std::vector<std::int64_t> outer_{0};
  std::vector<std::int64_t> inner_;
  std::vector<double> values_;
  std::vector<double> labels_;
  std::int64_t max_index_ = 0;
  double distinct_[2] = {0.0, 0.0};
  int num_distinct_ = 0;
};

}  // namespace

Dataset parse_libsvm(std::string_view text, const std::string& source,
                     const LibsvmOptions& options) {
  if (options.dim && (*options.dim < 0 || *options.dim > kMaxLibsvmIndex))
    throw InputError(source,
                     fmt::format("dimension {} outside [0, {}]", *options.dim, kMaxLibsvmIndex));
  LineParser parser(source, options);
  parser.reserve(text.size());
  std::int64_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    ++line_no;
    parser.parse_line(text.substr(pos, end - pos), line_no);
    pos = end + 1;
  }
  return parser.finish(line_no);
}

Dataset read_libsvm(const std::string& path, const LibsvmOptions& options) {
  const std::string text = sim::read_input_file(path, "LIBSVM file");
  Dataset data = parse_libsvm(text, path, options);
  data.name = std::filesystem::path(path).filename().string();
  return data;
}

}  // namespace commsim::algo
