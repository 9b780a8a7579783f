// Tested by tests/cli_tests.cmake and tests/cli_core.cmake (end-to-end runs of the binary;
// progress_* for the progress line)
#include "cli/common.hpp"

#include "engine/diagnostics/diagnostics.hpp"
#include "engine/rules/rules.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>

namespace metrex::cli {

namespace fs = std::filesystem;

std::vector<std::string> rule_paths(const std::vector<std::string>& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("METREX_RULES"); env && *env) return {env};
    return {METREX_DEFAULT_RULES_DIR};
}

std::shared_ptr<const compile::CompiledRuleSet> load_compiled_rules(
    const std::vector<std::string>& paths, const compile::CompileOptions& options) {
    Diagnostics diags;
    const auto specs = rules::load_rules(paths, diags);
    // Compile what loaded even when loading found errors, so one run reports them all.
    auto compiled = compile::compile(specs, options, diags);
    if (!diags.empty()) {
        SourceLines sources;
        diags.sort_by_position();
        std::cerr << render_all(diags, sources);
    }
    if (diags.error_count() > 0) return nullptr;
    return compiled;
}

std::vector<InputDocument> gather_inputs(const std::vector<std::string>& inputs) {
    static const std::set<std::string> kExtensions = {".txt", ".html", ".htm", ".pdf"};
    std::vector<InputDocument> out;
    for (const auto& input : inputs) {
        if (input == "-") {
            // JSON Lines {"id":..., "text":...} one document per line, or one plain document.
            std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            bool jsonl = !all.empty() && all.find_first_not_of(" \t\r\n") != std::string::npos &&
                         all[all.find_first_not_of(" \t\r\n")] == '{';
            if (jsonl) {
                std::size_t start = 0, line_no = 0;
                while (start < all.size()) {
                    std::size_t end = all.find('\n', start);
                    if (end == std::string::npos) end = all.size();
                    const std::string line = all.substr(start, end - start);
                    start = end + 1;
                    ++line_no;
                    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
                    InputDocument doc;
                    doc.path = "-";
                    try {
                        auto j = nlohmann::json::parse(line);
                        doc.id = j.contains("id") ? (j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump())
                                                  : "stdin:" + std::to_string(line_no);
                        doc.inline_text = j.at("text").get<std::string>();
                    } catch (const std::exception&) {
                        doc.id = "stdin:" + std::to_string(line_no);
                        doc.inline_text.reset();
                    }
                    out.push_back(std::move(doc));
                }
                if (!out.empty()) continue;
            }
            out.push_back({"stdin", "-", all});
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(input, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (!it->is_regular_file()) continue;
                if (!kExtensions.count(it->path().extension().string())) continue;
                found.push_back(it->path().lexically_normal().string());
            }
            std::sort(found.begin(), found.end());
            for (auto& f : found) out.push_back({f, f, std::nullopt});
        } else {
            out.push_back({input, input, std::nullopt});
        }
    }
    return out;
}

namespace {

// SHA-256 (lowercase hex) of what `feed` passes to its callback; "" if OpenSSL fails.
template <class Feed>
std::string sha256_hex(Feed feed) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return {};
    bool ok = true;
    feed([&](const char* data, std::size_t size) {
        ok = ok && EVP_DigestUpdate(ctx.get(), data, size) == 1;
    });
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!ok || EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) return {};
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0xF];
    }
    return out;
}

std::string sha256_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    bool read_ok = true;
    auto hex = sha256_hex([&](auto update) {
        char buf[1 << 16];
        while (in.read(buf, sizeof buf) || in.gcount() > 0) update(buf, static_cast<std::size_t>(in.gcount()));
        read_ok = in.eof();
    });
    return read_ok ? hex : std::string();
}

}  // namespace

LoadedDocument load_input(const InputDocument& input, const text::LoadOptions& options) {
    LoadedDocument doc;
    doc.id = input.id;
    doc.path = input.path;
    if (input.path == "-") {
        if (input.inline_text)
            doc.bytes_sha256 = sha256_hex([&](auto update) { update(input.inline_text->data(), input.inline_text->size()); });
        if (!input.inline_text) {
            doc.loaded.error = text::LoadError{"bad-jsonl", "standard input line is not JSON with a \"text\" field"};
            return doc;
        }
        doc.loaded = text::decode(*input.inline_text, options);
        return doc;
    }
    // The file is read a second time for its hash; reports are small next to extraction.
    doc.bytes_sha256 = sha256_of_file(input.path);
    doc.loaded = text::load_document(input.path, options);
    return doc;
}

std::size_t input_bytes(const InputDocument& input) {
    if (input.path == "-") return input.inline_text ? input.inline_text->size() : 0;
    std::error_code ec;
    const auto size = fs::file_size(input.path, ec);
    return ec ? 0 : static_cast<std::size_t>(size);
}

void add_progress_options(CLI::App* command, ProgressMode& mode) {
    auto* on = command->add_flag_callback("--progress", [&mode] { mode = ProgressMode::on; },
                                          "Show progress on stderr even when it is not a terminal");
    auto* off = command->add_flag_callback("--no-progress", [&mode] { mode = ProgressMode::off; },
                                           "No progress line (default when stderr is not a terminal)");
    on->excludes(off);
}

namespace {

double seconds_now() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

}  // namespace

Progress::Progress(ProgressMode mode, std::size_t total_documents) : total_(total_documents) {
    const bool terminal = isatty(STDERR_FILENO) == 1;
    enabled_ = mode == ProgressMode::on || (mode == ProgressMode::automatic && terminal);
    in_place_ = enabled_ && terminal;
    started_ = seconds_now();
}

Progress::~Progress() { finish(); }

void Progress::advance(std::size_t bytes) {
    ++done_;
    bytes_ += bytes;
    if (!enabled_) return;
    const double now = seconds_now();
    if (drawn_ < 0 || now - drawn_ >= (in_place_ ? 0.1 : 1.0)) draw(false);
}

void Progress::finish() {
    if (finished_) return;
    finished_ = true;
    if (enabled_) draw(true);
}

void Progress::draw(bool last) {
    const double now = seconds_now();
    drawn_ = now;
    const double elapsed = std::max(now - started_, 1e-6);
    char line[160];
    const int n = std::snprintf(line, sizeof line, "metrex: %zu/%zu documents, %.1f docs/s, %.1f MB/s%s", done_,
                                total_, static_cast<double>(done_) / elapsed,
                                static_cast<double>(bytes_) / 1e6 / elapsed, last ? " (done)" : "");
    const std::size_t width = n > 0 ? static_cast<std::size_t>(n) : 0;
    if (in_place_) {
        std::string blank(width_ > width ? width_ - width : 0, ' ');
        std::fprintf(stderr, "\r%s%s%s", line, blank.c_str(), last ? "\n" : "");
        width_ = width;
    } else {
        std::fprintf(stderr, "%s\n", line);
    }
    std::fflush(stderr);
}

}  // namespace metrex::cli
