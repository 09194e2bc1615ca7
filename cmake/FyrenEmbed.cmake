# fyren_embed(<target> <files relative to the source dir>...)
# Builds a static library that exposes the files through fyren::base::FindEmbedded().
# The generator runs at build time, so editing a template or a migration rebuilds the library.
function(fyren_embed target)
  set(out ${CMAKE_BINARY_DIR}/generated/${target}.cc)
  set(list_file ${CMAKE_BINARY_DIR}/generated/${target}.files)
  string(REPLACE ";" "\n" file_lines "${ARGN}")
  file(WRITE ${list_file}.tmp "${file_lines}\n")
  file(COPY_FILE ${list_file}.tmp ${list_file} ONLY_IF_DIFFERENT)
  set(deps)
  foreach(f ${ARGN})
    list(APPEND deps ${CMAKE_SOURCE_DIR}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DLIST_FILE=${list_file}
            -DOUTPUT=${out} -P ${CMAKE_SOURCE_DIR}/cmake/GenerateEmbedded.cmake
    DEPENDS ${deps} ${list_file} ${CMAKE_SOURCE_DIR}/cmake/GenerateEmbedded.cmake
    COMMENT "Embedding ${target}"
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_link_libraries(${target} PUBLIC fyren_base)
endfunction()
