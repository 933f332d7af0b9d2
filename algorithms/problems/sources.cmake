target_sources(algorithms PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/problem.cpp
  ${CMAKE_CURRENT_LIST_DIR}/libsvm_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/synthetic.cpp
  ${CMAKE_CURRENT_LIST_DIR}/split.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/linear_model_oracle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sigmoid_squared.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logistic_nonconvex.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spectral_bound.cpp
  ${CMAKE_CURRENT_LIST_DIR}/least_squares.cpp
  ${CMAKE_CURRENT_LIST_DIR}/problem_spec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/problem_types.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/problem_factory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/problem_shape.cpp
)
