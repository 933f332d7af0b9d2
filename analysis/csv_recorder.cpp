#include "analysis/csv_recorder.hpp"

#include <fmt/format.h>

#include "analysis/number_format.hpp"

namespace commsim::analysis {

const std::vector<std::string>& rounds_columns() {
  static const std::vector<std::string> columns = {"round",
                                                   "time_s",
                                                   "bits_up",
                                                   "bits_down",
                                                   "bits_up_per_worker",
                                                   "grad_norm_sq",
                                                   "loss",
                                                   "grad_evals",
                                                   "participants",
                                                   "full_sync",
                                                   "mean_local_grad_norm_sq",
                                                   "compute_time_s",
                                                   "comm_time_s"};
  return columns;
}

RoundsCsvRecorder::RoundsCsvRecorder(const std::filesystem::path& path, int num_workers,
                                     bool per_worker_bits, bool event_columns)
    : file_(path), per_worker_bits_(per_worker_bits), event_columns_(event_columns) {
  std::string header;
  for (const auto& c : rounds_columns()) {
    if (!header.empty()) header += ',';
    header += c;
  }
  if (event_columns_) header += ",gradients_used,gradients_discarded,mean_delay";
  if (per_worker_bits_) {
    for (int i = 0; i < num_workers; ++i) header += fmt::format(",bits_up_{}", i);
    for (int i = 0; i < num_workers; ++i) header += fmt::format(",bits_down_{}", i);
  }
  header += '\n';
  file_.write(header);
}

void RoundsCsvRecorder::on_round(const sim::RoundRecord& r) {
  line_.clear();
  fmt::format_to(std::back_inserter(line_), "{},{},{},{},{},{},{},{},{},{},{},{},{}", r.round,
                 format_seconds(r.time), r.bits_up, r.bits_down,
                 format_double(r.bits_up_per_worker), format_double(r.grad_norm_sq),
                 format_double(r.loss), r.grad_evals, r.participants, r.full_sync ? 1 : 0,
                 format_double(r.mean_local_grad_norm_sq), format_seconds(r.compute_time),
                 format_seconds(r.comm_time));
  if (event_columns_)
    fmt::format_to(std::back_inserter(line_), ",{},{},{}", r.gradients_used, r.gradients_discarded,
                   format_double(r.mean_delay));
  if (per_worker_bits_) {
    for (auto b : r.bits_up_by_worker) fmt::format_to(std::back_inserter(line_), ",{}", b);
    for (auto b : r.bits_down_by_worker) fmt::format_to(std::back_inserter(line_), ",{}", b);
  }
  line_ += '\n';
  file_.write(line_);
}

MessagesCsvRecorder::MessagesCsvRecorder(const std::filesystem::path& path) : file_(path) {
  file_.write("round,src,dst,kind,bits,send_time_s,arrival_time_s,wire_bits\n");
}

static std::string endpoint(int e) {
  return e < 0 ? std::string("server") : std::to_string(e);
}

void MessagesCsvRecorder::on_message(const sim::MessageRecord& m) {
  line_.clear();
  fmt::format_to(std::back_inserter(line_), "{},{},{},{},{},{},{},{}\n", m.round, endpoint(m.src),
                 endpoint(m.dst), sim::to_string(m.kind), m.bits, format_seconds(m.send_time),
                 format_seconds(m.arrival_time), m.wire_bits);
  file_.write(line_);
}

}  // namespace commsim::analysis
