#pragma once
/// \file
/// CSV trace writers. `rounds.csv` columns (a contract; new columns are only ever appended):
/// round,time_s,bits_up,bits_down,bits_up_per_worker,grad_norm_sq,loss,grad_evals,participants,
/// full_sync,mean_local_grad_norm_sq,compute_time_s,comm_time_s
/// then, for event-driven methods only, gradients_used,gradients_discarded,mean_delay;
/// then, with `record.per_worker_bits`, bits_up_0..bits_up_{n-1},bits_down_0..bits_down_{n-1}.
/// `messages.csv`: round,src,dst,kind,bits,send_time_s,arrival_time_s,wire_bits (src/dst:
/// "server" or the worker index), in arrival order; `bits` is the payload as the algorithm accounts
/// it, `wire_bits` adds `network.header_bits`.

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/atomic_file.hpp"
#include "sim/records/recorder.hpp"

namespace commsim::analysis {

/// The fixed leading columns of rounds.csv.
const std::vector<std::string>& rounds_columns();

/// Writes rounds.csv; committed (renamed into place) on finish.
class RoundsCsvRecorder final : public sim::Recorder {
 public:
  /// `event_columns`: the method follows the event-driven protocol (its columns are added).
  RoundsCsvRecorder(const std::filesystem::path& path, int num_workers, bool per_worker_bits,
                    bool event_columns = false);
  void on_round(const sim::RoundRecord& r) override;
  void on_finish(const sim::RunSummary&) override { file_.commit(); }

 private:
  AtomicFile file_;
  bool per_worker_bits_;
  bool event_columns_;
  std::string line_;
};

/// Writes messages.csv; committed on finish.
class MessagesCsvRecorder final : public sim::Recorder {
 public:
  explicit MessagesCsvRecorder(const std::filesystem::path& path);
  void on_message(const sim::MessageRecord& m) override;
  void on_finish(const sim::RunSummary&) override { file_.commit(); }

 private:
  AtomicFile file_;
  std::string line_;
};

}  // namespace commsim::analysis
