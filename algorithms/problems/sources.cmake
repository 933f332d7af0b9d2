target_sources(algorithms PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/problem.cpp
)
