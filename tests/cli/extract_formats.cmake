# Output format selection (--format, --db, -o's extension) and the CSV file's bytes:
# UTF-8 BOM with --bom, the fixed header, CRLF line ends.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
set(rules ${DATA}/store-rules.yaml)
set(input ${DATA}/panel/kunshan-2021.txt)

# Default: JSON Lines on standard output.
run_metrex(0 extract --rules ${rules} ${input})
string(SUBSTRING "${OUT}" 0 8 head)
expect_equal("stdout is JSON Lines" "${head}" "{\"doc\":\"")

# -o x.csv is CSV; --bom puts EF BB BF first; lines end CRLF.
run_metrex(0 extract --rules ${rules} --bom -o out.csv ${input})
file(READ ${WORK}/out.csv csv HEX)
string(SUBSTRING "${csv}" 0 14 start)
expect_equal("BOM then 'doc,'" "${start}" "efbbbf646f632c")
file(READ ${WORK}/out.csv text)
expect_contains("CSV header" "${text}" "doc,type,rule,text,start,end,sentence,section,planned,indicator,label,value,")
run_metrex(0 extract --rules ${rules} --format jsonl -o out.jsonl ${input})
line_ends(${WORK}/out.jsonl n ignored)
math(EXPR csv_lines "${n} + 1")
expect_crlf(${WORK}/out.csv ${csv_lines})  # header + one row per record, every one CRLF

# -o x.db (and .sqlite, .sqlite3) is SQLite, the same as --db.
run_metrex(0 extract --rules ${rules} -o out.db ${input})
store_holds(held)
expect_equal("-o out.db is a store" "${held}" "1 documents, 3 records")
file(READ ${WORK}/out.db magic LIMIT 16 HEX)
expect_equal("SQLite file header ('SQLite format 3' NUL)" "${magic}" "53514c69746520666f726d6174203300")

# Explicit --format wins over the extension.
run_metrex(0 extract --rules ${rules} --format jsonl -o out.sqlite ${input})
file(READ ${WORK}/out.sqlite j LIMIT 1 HEX)
expect_equal("--format jsonl -o out.sqlite starts with '{'" "${j}" "7b")

# Contradictions are usage errors (exit 2), before anything is read or written.
run_metrex(2 extract --rules ${rules} --format sqlite ${input})
expect_contains("sqlite needs a file" "${ERR}" "--format sqlite needs a database file: -o FILE or --db FILE")
run_metrex(2 extract --rules ${rules} --bom ${input})
expect_contains("--bom without csv" "${ERR}" "--bom applies to CSV output only")
run_metrex(2 extract --rules ${rules} --db a.db -o b.db ${input})
run_metrex(2 extract --rules ${rules} --db a.db --format csv ${input})
expect_contains("--db with csv" "${ERR}" "--db writes SQLite; for --format csv use -o FILE")

# Stores that cannot be opened: plain messages naming the file.
run_metrex(2 extract --rules ${rules} --db no-such-dir/x.db ${input})
expect_contains("missing directory" "${ERR}" "metrex: error: cannot open database 'no-such-dir/x.db': unable to open database file")
run_metrex(2 extract --rules ${rules} --db out.csv ${input})
expect_contains("not a database" "${ERR}" "metrex: error: cannot open database 'out.csv': file is not a database")
