# Helpers every CMakeLists.txt uses, so that each module is one target with explicit deps.

add_library(aims_warnings INTERFACE)
target_compile_options(aims_warnings INTERFACE -Wall -Wextra -Werror -Wno-missing-field-initializers)
# GCC 12 reports std::variant and std::optional members as "maybe uninitialized" after inlining
# (GCC bug 105562); the clang build, which make test also runs, keeps checking the real thing.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(aims_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(AIMS_SANITIZE)
  target_compile_options(aims_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                 -fno-sanitize-recover=undefined)
  target_link_options(aims_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(AIMS_FUZZ)
  # Every library gets coverage instrumentation so libFuzzer can steer through it.
  target_compile_options(aims_warnings INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(aims_warnings INTERFACE -fsanitize=address,undefined)
endif()

# aims_library(NAME SOURCES ... DEPS ...): one module = one library (static unless
# AIMS_SHARED_LIBS) whose headers are included by module path ("store/database.h"), because src/
# is the include root.
function(aims_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(AIMS_SHARED_LIBS)
    add_library(${name} SHARED ${ARG_SOURCES})
  else()
    add_library(${name} STATIC ${ARG_SOURCES})
  endif()
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC aims_warnings ${ARG_DEPS})
endfunction()

# aims_assets(FILES ...): files (templates, SQL migrations, CSS, OpenAPI fragments) compiled into
# the binary, looked up at run time by their path below src/ (assets/assets.h).
function(aims_assets)
  cmake_parse_arguments(ARG "" "" "FILES" ${ARGN})
  foreach(f ${ARG_FILES})
    get_filename_component(abs "${f}" ABSOLUTE)
    set_property(GLOBAL APPEND PROPERTY AIMS_ASSET_FILES "${abs}")
  endforeach()
endfunction()

function(aims_finish_assets)
  get_property(files GLOBAL PROPERTY AIMS_ASSET_FILES)
  set(out "${PROJECT_BINARY_DIR}/generated/assets_data.cpp")
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${PROJECT_SOURCE_DIR}/src "-DFILES=${joined}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
    COMMENT "Embedding asset files"
    VERBATIM)
  # Defined here, after every module has listed its files, so one table holds them all.
  aims_library(aims_assets SOURCES ${PROJECT_SOURCE_DIR}/src/assets/assets.cpp "${out}")
endfunction()

# aims_test(NAME SOURCES ... DEPS ... [LABELS ...] [ENV ...]): one GoogleTest executable, one ctest
# entry, so ctest's summary lists each suite.
function(aims_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS;ENV;FIXTURES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE aims_warnings ${ARG_DEPS} GTest::gtest GTest::gmock
                                        GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
                                          ENVIRONMENT "${ARG_ENV}")
  if(ARG_FIXTURES)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
endfunction()

# aims_benchmark(NAME SOURCES ... DEPS ...): a Google Benchmark executable (not run by ctest).
function(aims_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE aims_warnings ${ARG_DEPS} benchmark::benchmark)
endfunction()

# aims_fuzzer(NAME SOURCES ... DEPS ...): a libFuzzer target (clang only, AIMS_FUZZ=ON).
function(aims_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE aims_warnings ${ARG_DEPS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endfunction()
