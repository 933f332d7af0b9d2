# Methods beyond GD (one file pair each; registered in builtin.cpp).
target_sources(algorithms PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/method_common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/accumulating_server.cpp
  ${CMAKE_CURRENT_LIST_DIR}/accumulating_algorithm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/participation_sampler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gradient_estimator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/marina_core.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diana.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vr_diana.cpp
  ${CMAKE_CURRENT_LIST_DIR}/marina.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vr_marina.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pp_marina.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ef21.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dasha.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gradient_worker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/asgd.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stochastic_theory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/minibatch_sgd.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rennala_sgd.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ringmaster_asgd.cpp
)
