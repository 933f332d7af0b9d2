# Compressors (one file pair each).
target_sources(algorithms PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/compressor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dithering.cpp
  ${CMAKE_CURRENT_LIST_DIR}/identity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/natural.cpp
  ${CMAKE_CURRENT_LIST_DIR}/perm_k.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rand_k.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sparsity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/top_k.cpp
)
