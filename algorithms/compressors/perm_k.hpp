#pragma once
/// \file
/// PermK (Szlendak, Tyurin, Richtárik): a correlated sparsifier. Each round all workers derive
/// the same random permutation π from `CompressionContext::shared_seed` and the round; worker i
/// keeps the coordinates of its own block of π and scales them by n, so the n outputs average
/// to x exactly.
///
/// When n does not divide d, π permutes q·n slots with q = ⌈d/n⌉, the slots ≥ d being dummies
/// that are dropped. Every real coordinate then lies in exactly one block (the average is still
/// exactly x) and in worker i's block with probability exactly 1/n, so each worker's output is
/// unbiased with E‖Q_i(x)‖² = n‖x‖², i.e. ω = n − 1, and ζ_Q = d/n. With d < n some workers
/// send nothing in some rounds (0 bits under the `paper` policy).

#include <vector>

#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// The PermK sparsifier (correlated across workers through the shared seed).
class PermK final : public Compressor {
 public:
  explicit PermK(const CompressorSettings& settings)
      : settings_(settings), num_workers_(settings.num_workers) {}
  sim::Bits compress(const Vector& x, sim::Rng& rng, const CompressionContext& ctx,
                     Vector& out) const override;
  /// ω = n − 1 (n from the settings), whatever d.
  double omega(Eigen::Index) const override { return static_cast<double>(num_workers_) - 1.0; }
  double expected_nonzeros(Eigen::Index dim) const override {
    return static_cast<double>(dim) / static_cast<double>(num_workers_);
  }
  bool is_correlated() const override { return true; }
  std::string name() const override { return "permk"; }
  std::unique_ptr<Compressor> clone() const override { return std::make_unique<PermK>(*this); }

 private:
  CompressorSettings settings_;
  int num_workers_ = 1;
  mutable std::vector<std::uint32_t> perm_;
};

/// PermK has no keys of its own besides the common ones.
struct PermKParams : CompressorCommon {};
/// The declaration of PermKParams (the common keys only).
const sim::ParamsDecl<PermKParams>& permk_params();
/// The `permk` registry factory.
std::unique_ptr<Compressor> make_permk(const sim::PartSpec& spec,
                                       const CompressorSettings& settings);

}  // namespace commsim::algo
