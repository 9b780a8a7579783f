# `metrex extract --db` run twice over the same documents leaves the store as it was:
# a document already there is replaced, never duplicated. A document whose bytes
# changed (new sha256) is replaced too. The rules are tests/cli/store-rules.yaml, so
# the counts do not move when the bundled rules/ change.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
set(rules ${DATA}/store-rules.yaml)

run_metrex(0 extract --rules ${rules} --db samples.db ${SAMPLES})
store_holds(first)
if(NOT ERR MATCHES "stored ([0-9]+ documents) \\(([0-9]+ records)\\)")
  message(FATAL_ERROR "no summary:\n${ERR}")
endif()
expect_equal("the first run stores everything" "${first}" "${CMAKE_MATCH_1}, ${CMAKE_MATCH_2}")
if(first MATCHES "^0 ")
  message(FATAL_ERROR "no documents extracted from ${SAMPLES}:\n${ERR}")
endif()

run_metrex(0 extract --rules ${rules} --db samples.db ${SAMPLES})
store_holds(second)
expect_equal("rows after a second run over the same samples" "${second}" "${first}")

# One document, then its bytes change: still one document, with the new content's records.
file(MAKE_DIRECTORY ${WORK}/in)
file(WRITE ${WORK}/in/report.txt "昆山市2021年法治政府建设情况\n市政府收到行政复议申请169件。\n")
run_metrex(0 extract --rules ${rules} --db one.db in)
store_holds(before)
expect_equal("one document" "${before}" "1 documents, 3 records")
file(APPEND ${WORK}/in/report.txt "另收到行政复议申请3件。\n")
run_metrex(0 extract --rules ${rules} --db one.db in)
store_holds(after)
expect_equal("the changed document replaces the old one" "${after}" "1 documents, 4 records")
