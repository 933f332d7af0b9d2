#pragma once
/// \file
/// Custom grammars often accept a plain value of a standard type at one of their branches
/// (k's integer, a batch size, a fraction). Reading that value with a one-key declaration on
/// {key: value} at the parent path gives exactly the reader's own messages and resolved value.

#include <string>

#include "sim/kernel/params.hpp"

namespace commsim::algo {

/// Reads `value` as key `key` of `decl` (whose key path is `path`) into `out`; returns the
/// resolved value.
template <class Q>
sim::Json read_one_key(const sim::ParamsDecl<Q>& decl, const std::string& key,
                       const sim::Json& value, const std::string& path, Q& out) {
  const std::string parent =
      path.size() > key.size() ? path.substr(0, path.size() - key.size() - 1) : std::string();
  sim::Json resolved = sim::Json::object();
  out = decl.read_object(sim::Json{{key, value}}, parent, &resolved);
  return resolved[key];
}

}  // namespace commsim::algo
