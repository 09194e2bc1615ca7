# Unity builds. With CMAKE_UNITY_BUILD=ON (the release and asan presets set it) CMake compiles
# each target's .cc files in batches of CMAKE_UNITY_BUILD_BATCH_SIZE, so the heavy shared headers
# (the standard library, fmt, spdlog, nlohmann/json, Boost, GoogleTest) are parsed and their
# templates instantiated once per batch instead of once per file. That is most of the CI build's
# CPU time; what the program does is unchanged.
#
# A batch is one translation unit, so two .cc files of one target must not define the same name
# in an anonymous namespace (a clash is a compile error, or, for two overloads, a silent change of
# which one is called). Only the files listed in cmake/unity_files.txt join batches; every other
# file compiles on its own, so a new file or module builds without edits. To add files: give
# their file-local helpers names that say what they do, list them, and build the asan preset.
#
# Left out on purpose:
#  - src/base/embedded.cc needs fyren_assets, which links only into the programs that serve
#    files; it must stay a separate object of libfyren_base.a, or every program using fyren_base
#    would need fyren_assets.
#  - src/http/server.cc: its classes hold members of types from its anonymous namespace; g++
#    warns about that (-Wsubobject-linkage) in any file that is #included, as a batch does.
#  - src/pages: concern_pages, concern_intake_pages, consultation_pages, directory_manage_pages,
#    exit_case_shared_pages, exit_case_view, inbox_pages, referral_pages, sip_pages, sip_view:
#    file-local kPurpose, Field, TextOr or kStatuses that a neighbour defines too.
#  - src/render/catalog.cc (-Wsubobject-linkage, as server.cc); src/app/demo_exit_cases.cc,
#    demo_sips.cc, demo_concerns.cc, demo_referrals.cc (each its own Bad); src/domain/referral's
#    referral_service.cc and referral_store.cc (names their consultation twins use too);
#    src/domain/support_directory/entry_rules_test.cc (kLanguages).
#  - src/pages/sign_in_pages.cc: its Field and AddError repeat person_view.cc's and
#    admin_unit_pages.cc's.
#  - src/trust/accounts/audit_security_event_sink_test.cc, user_admin_service_test.cc,
#    src/trust/audit/audit_review_test.cc, src/trust/identity/synthetic_identity_test.cc: test
#    constants (kTenant, kUnit, kDemo, ...) that their neighbours define too.

# Marks every source of every target that is not in cmake/unity_files.txt
# SKIP_UNITY_BUILD_INCLUSION. Call once, after every add_subdirectory().
function(fyren_unity_exclusions)
  if(NOT CMAKE_UNITY_BUILD)
    return()
  endif()
  set(list_file ${CMAKE_SOURCE_DIR}/cmake/unity_files.txt)
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${list_file})
  file(STRINGS ${list_file} batched REGEX "^[^#]")
  fyren_unity_collect_targets(${CMAKE_SOURCE_DIR} targets)
  foreach(target ${targets})
    get_target_property(source_dir ${target} SOURCE_DIR)
    get_target_property(sources ${target} SOURCES)
    if(NOT sources)
      continue()
    endif()
    foreach(source ${sources})
      if(source MATCHES "\\$<")
        continue()
      endif()
      cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${source_dir} NORMALIZE OUTPUT_VARIABLE path)
      cmake_path(RELATIVE_PATH path BASE_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE relative)
      if(NOT relative IN_LIST batched)
        set_source_files_properties(${path} TARGET_DIRECTORY ${target}
                                    PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
      endif()
    endforeach()
  endforeach()
endfunction()

# Collects the targets defined in `dir` and below it.
function(fyren_unity_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir ${subdirs})
    fyren_unity_collect_targets(${subdir} sub_targets)
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()
