// Tests for engine/segment: hand-written expectations on the five sample reports,
// synthetic cases for the splitting and heading rules, invariants over every input.
#include "engine/segment/segment.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using metrex::segment::outline;
using metrex::segment::Range;
using metrex::segment::segment;
using metrex::segment::Segmentation;

namespace {

std::string load_sample(const std::string& name) {
    const std::string path = std::string(METREX_SOURCE_DIR) + "/samples/" + name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

const char* const kSamples[] = {"changzhou-jkq-2020.txt", "jiujiang-2022.txt",
                                "kunshan-2021.txt", "nanhu-2023.txt", "wuxi-2022.txt"};

std::string slice(const std::string& text, Range r) {
    return text.substr(r.begin, r.end - r.begin);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " > ") + p;
    return out;
}

// Index of the sentence holding the first occurrence of `needle`.
int sentence_with(const Segmentation& s, const std::string& text, const std::string& needle) {
    const std::size_t pos = text.find(needle);
    REQUIRE_MESSAGE(pos != std::string::npos, "not in text: " << needle);
    const int index = s.sentence_at(pos);
    REQUIRE_MESSAGE(index >= 0, "no sentence at: " << needle);
    return index;
}

std::string path_of(const Segmentation& s, const std::string& text, const std::string& needle) {
    return join(s.section_path(s.sentences[sentence_with(s, text, needle)].section));
}

std::vector<std::string> clauses_of(const Segmentation& s, const std::string& text, int sentence) {
    std::vector<std::string> out;
    for (const Range& c : s.sentences[sentence].clauses) out.push_back(slice(text, c));
    return out;
}

std::vector<std::string> sentence_texts(const Segmentation& s, const std::string& text) {
    std::vector<std::string> out;
    for (const auto& sentence : s.sentences) out.push_back(slice(text, sentence.range));
    return out;
}

std::vector<std::string> titles_at_level(const Segmentation& s, int level) {
    std::vector<std::string> out;
    for (const auto& section : s.sections)
        if (section.level == level) out.push_back(section.title);
    return out;
}

bool only_spaces(const std::string& text, std::size_t begin, std::size_t end);

// Whether byte `pos` is a line break or part of a space character.
bool space_at(const std::string& text, std::size_t pos) {
    std::size_t start = pos;
    while (start > 0 && pos - start < 3 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
        --start;
    std::size_t end = start + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    return only_spaces(text, start, end);
}

bool only_spaces(const std::string& text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        // U+00A0, U+2000..U+200B, U+3000 in UTF-8
        if (static_cast<unsigned char>(c) >= 0x80) {
            const std::string rest = text.substr(i, 3);
            if (rest.compare(0, 2, "\xC2\xA0") == 0) {
                i += 1;
                continue;
            }
            if (rest == "\xE3\x80\x80" ||
                (rest.size() == 3 && rest[0] == '\xE2' && rest[1] == '\x80' &&
                 static_cast<unsigned char>(rest[2]) <= 0x8B)) {
                i += 2;
                continue;
            }
        }
        return false;
    }
    return true;
}

// What every segmentation must satisfy, whatever the input.
void check_invariants(const std::string& text, const Segmentation& s) {
    std::size_t covered = 0;
    for (std::size_t k = 0; k < s.sentences.size(); ++k) {
        const auto& sentence = s.sentences[k];
        const Range r = sentence.range;
        INFO("sentence " << k << ": " << slice(text, r));
        REQUIRE(r.begin < r.end);
        REQUIRE(r.end <= text.size());
        REQUIRE(r.begin >= covered);  // ordered, non-overlapping
        CHECK(only_spaces(text, covered, r.begin));  // nothing but blanks between sentences
        CHECK(slice(text, r).find('\n') == std::string::npos);
        covered = r.end;

        REQUIRE(!sentence.clauses.empty());
        CHECK(sentence.clauses.front().begin == r.begin);
        CHECK(sentence.clauses.back().end == r.end);
        for (std::size_t c = 0; c < sentence.clauses.size(); ++c) {
            CHECK(sentence.clauses[c].begin < sentence.clauses[c].end);
            if (c > 0) CHECK(sentence.clauses[c].begin == sentence.clauses[c - 1].end);
        }

        CHECK(sentence.section >= -1);
        CHECK(sentence.section < static_cast<int>(s.sections.size()));
        if (sentence.section >= 0) {
            const auto& section = s.sections[sentence.section];
            CHECK(section.body.begin <= r.begin);
            CHECK(section.heading.begin <= r.end);
        }
        if (sentence.is_heading) {
            REQUIRE(sentence.section >= 0);
            CHECK(r.contains(s.sections[sentence.section].heading.begin));
        }
        CHECK(s.sentence_at(r.begin) == static_cast<int>(k));
        CHECK(s.sentence_at(r.end - 1) == static_cast<int>(k));
    }
    CHECK(only_spaces(text, covered, text.size()));

    for (std::size_t k = 0; k < s.sections.size(); ++k) {
        const auto& section = s.sections[k];
        INFO("section " << k << ": " << section.title);
        CHECK(section.level >= 1);
        CHECK(section.level <= 4);
        CHECK(section.title == slice(text, section.heading));
        CHECK(!section.title.empty());
        CHECK(section.body.begin == section.heading.begin);
        CHECK(section.heading.end <= section.body.end);
        CHECK(section.body.end <= text.size());
        if (k > 0) CHECK(s.sections[k - 1].heading.begin < section.heading.begin);
        CHECK(section.parent < static_cast<int>(k));
        if (section.parent >= 0) {
            const auto& parent = s.sections[section.parent];
            CHECK(parent.level < section.level);
            CHECK(parent.body.begin <= section.body.begin);
            CHECK(section.body.end <= parent.body.end);
        }
    }
}

Segmentation checked(const std::string& text) {
    Segmentation s = segment(text);
    check_invariants(text, s);
    return s;
}

}  // namespace

TEST_CASE("header example") {
    const std::string text = "一、总体情况\n收到申请169件,受理138件。";
    const auto s = checked(text);
    REQUIRE(s.sections.size() == 1);
    CHECK(s.sections[0].title == "一、总体情况");
    CHECK(s.sections[0].level == 1);
    REQUIRE(s.sentences.size() == 2);
    CHECK(s.sentences[0].is_heading);
    CHECK(s.sentences[1].clauses.size() == 2);
    CHECK(s.sentences[1].section == 0);
    CHECK(s.sections[0].body.end == text.size());
}

TEST_CASE("empty and blank input") {
    CHECK(checked("").sentences.empty());
    const auto s = checked("\n \n\u3000\n\n");
    CHECK(s.sentences.empty());
    CHECK(s.sections.empty());
    CHECK(s.sentence_at(0) == -1);
    CHECK(s.section_path(-1).empty());
    CHECK(s.section_path(7).empty());
}

// ---- the five samples ----------------------------------------------------------------

TEST_CASE("sample kunshan-2021: level-1 headings and 一是 items inline in paragraphs") {
    const std::string text = load_sample("kunshan-2021.txt");
    const auto s = checked(text);
    CHECK(outline(s) ==
          "一、坚持党的领导,加强法治政府建设的统筹部署\n"
          "  一是推动习近平法治思想入脑入心\n"
          "  二是党政主要负责人引导示范\n"
          "  三是国家工作人员深学笃行\n"
          "二、深化改革创新,依法全面履行政府职能\n"
          "  一是“放管服”改革加速推进\n"
          "  二是法治化营商环境建设成效显著\n"
          "  三是重点领域监管治理更加有效\n"
          "  四是坚持依法常态化处置突发事件\n"
          "三、坚持依法决策,激发高质量发展新动能\n"
          "  一是打造立法联系工作“昆山样板”\n"
          "  二是文件制定依法科学规范\n"
          "  三是依法决策水平显著提升\n"
          "  四是政务公开工作更加规范\n"
          "四、聚焦公众满意度,推进严格规范公正文明执法\n"
          "  一是行政执法规范化水平进一步提升\n"
          "  二是执法监管创新力度进一步加大\n"
          "  三是执法监督体系进一步完善\n"
          "五、服务发展大局,依法妥善化解社会矛盾纠纷\n"
          "  一是加强矛盾纠纷源头治理\n"
          "  二是加强行政复议应诉工作\n"
          "  三是健全非诉讼纠纷化解工作网络\n");
    CHECK(titles_at_level(s, 1).size() == 5);

    CHECK(path_of(s, text, "收到行政复议申请169件") ==
          "五、服务发展大局,依法妥善化解社会矛盾纠纷 > 二是加强行政复议应诉工作");
    CHECK(path_of(s, text, "新增省级赋权事项14项") ==
          "二、深化改革创新,依法全面履行政府职能 > 一是“放管服”改革加速推进");
    // Breadcrumb, metadata and the lead paragraph come before any heading.
    CHECK(path_of(s, text, "市政府信息公开目录").empty());
    CHECK(path_of(s, text, "综合政务报告").empty());
    CHECK(path_of(s, text, "按照《法治政府建设实施纲要").empty());
    // The closing paragraph is outside the last 三是 item (it ended with its paragraph).
    CHECK(path_of(s, text, "我市在法治政府建设工作中取得了一些成绩") ==
          "五、服务发展大局,依法妥善化解社会矛盾纠纷");

    const int heading = sentence_with(s, text, "一、坚持党的领导");
    CHECK(s.sentences[heading].is_heading);
    CHECK(slice(text, s.sentences[heading].range) == "一、坚持党的领导,加强法治政府建设的统筹部署。");
    const int item = sentence_with(s, text, "一是推动习近平法治思想入脑入心");
    CHECK(item == heading + 1);
    CHECK(s.sentences[item].is_heading);

    const int count = sentence_with(s, text, "收到行政复议申请169件");
    CHECK(clauses_of(s, text, count) ==
          std::vector<std::string>{"依法审理行政复议案件,", "市政府收到行政复议申请169件,",
                                   "受理138件,", "审结103件(含去年结转案件)。"});
    // ';' ends a clause, not a sentence.
    const int rate = sentence_with(s, text, "调解和解结案42件");
    CHECK(clauses_of(s, text, rate) ==
          std::vector<std::string>{"发挥行政复议化解行政争议的主渠道作用,", "调解和解结案42件,",
                                   "占比40.8%;", "撤销、确认违法等案件7件,",
                                   "直接纠错率6.8%,", "复议公信力明显提升。"});
    // "13:41" is a time, not a clause break.
    const int time = sentence_with(s, text, "时间: 2022-03-15");
    CHECK(clauses_of(s, text, time) ==
          std::vector<std::string>{"时间: ", "2022-03-15 13:41 访问量:"});
}

TEST_CASE("sample jiujiang-2022: line headings at three levels, 一是 items in the plans") {
    const std::string text = load_sample("jiujiang-2022.txt");
    const auto s = checked(text);
    CHECK(titles_at_level(s, 1) ==
          std::vector<std::string>{"一、2022年全市法治政府建设工作情况",
                                   "二、存在的问题和下步工作打算"});
    CHECK(titles_at_level(s, 2).size() == 7);
    CHECK(titles_at_level(s, 3).size() == 20);
    CHECK(titles_at_level(s, 4).size() == 5);

    CHECK(path_of(s, text, "立案受理行政复议案件534件") ==
          "一、2022年全市法治政府建设工作情况 > (六)加强监督问效,促进行政权力规范运行 > "
          "3.发挥行政复议和行政诉讼的监督作用");
    // A numbered paragraph: the heading is the text up to the first 。.
    CHECK(path_of(s, text, "全年共举办习近平法治思想学习培训1261次") ==
          "一、2022年全市法治政府建设工作情况 > (一)加强组织领导,统筹推进法治政府建设 > "
          "1.深入学习宣传贯彻习近平法治思想");
    CHECK(path_of(s, text, "现将我市2022年度法治政府建设情况报告如下").empty());
    CHECK(path_of(s, text, "一年来,我市在法治政府建设上") == "二、存在的问题和下步工作打算");
    CHECK(path_of(s, text, "进一步推动党政主要负责人履行") ==
          "二、存在的问题和下步工作打算 > 一是全面加强党对法治政府建设的领导");
    // A one-sentence 一是 item ends with its paragraph; the source line is not in it.
    CHECK(path_of(s, text, "来源:中国九江网") == "二、存在的问题和下步工作打算");

    const int count = sentence_with(s, text, "立案受理行政复议案件534件");
    CHECK(clauses_of(s, text, count) ==
          std::vector<std::string>{"2022年全市立案受理行政复议案件534件,", "办结514件(含往年结转)。"});
    const int rate = sentence_with(s, text, "出庭率应诉率达92.12%");
    CHECK(clauses_of(s, text, rate) ==
          std::vector<std::string>{"2022年全市行政机关负责人出庭率应诉率达92.12%,", "较上年提高15%。"});
    // Two titles in a row, each with a parenthesised year: one clause.
    const int titles = sentence_with(s, text, "形成《九江市赋予国家级开发区");
    CHECK(s.sentences[titles].clauses.size() == 1);
}

TEST_CASE("sample changzhou-jkq-2020: blank-line layout, a 存在问题 list that is not headings") {
    const std::string text = load_sample("changzhou-jkq-2020.txt");
    const auto s = checked(text);
    CHECK(titles_at_level(s, 1) == std::vector<std::string>{"一、2020年工作情况", "二、存在问题和困难",
                                                            "三、2021年工作思路"});
    CHECK(titles_at_level(s, 2).size() == 10);
    CHECK(titles_at_level(s, 3).size() == 20);
    CHECK(titles_at_level(s, 4).empty());

    CHECK(path_of(s, text, "切实提升行政执法人员特别是基层行政执法人员能力水平") ==
          "三、2021年工作思路 > (四)持续推进法治建设保障工程");
    CHECK(path_of(s, text, "累计推送61篇普法文章") ==
          "一、2020年工作情况 > (六)加强保障营造氛围,力推法治社会建设 > 2.夯实法治宣传阵地");
    // "不足之处:一是…。二是…。三是…": the list opens after ':', so 二是 and 三是 at
    // sentence starts do not continue an enumeration and stay body text.
    const int second = sentence_with(s, text, "二是今年是经开区");
    CHECK_FALSE(s.sentences[second].is_heading);
    CHECK(path_of(s, text, "二是今年是经开区") == "二、存在问题和困难");
    CHECK(path_of(s, text, "三是在执法过程中") == "二、存在问题和困难");

    // Spaces before the 。 and a 。 ending a line heading are not part of the title.
    CHECK(path_of(s, text, "对全区范围内重要执法部门") ==
          "一、2020年工作情况 > (三)严格行政执法监督,促进执法规范文明 > 2.加强行政执法监督");
    CHECK(path_of(s, text, "成立常州经开区非诉服务中心") ==
          "一、2020年工作情况 > (五)多项措施共同发力,依法化解社会矛盾 > "
          "1.强化非诉讼纠纷化解体系建设");
    // Page furniture is not a heading.
    const int furniture = sentence_with(s, text, "【打印本页】");
    CHECK_FALSE(s.sentences[furniture].is_heading);

    // “…” with a comma inside stays one clause; the no-break space after 。 stays with
    // its sentence.
    const int quote = sentence_with(s, text, "全力打造“经开事,精心办”品牌服务");
    CHECK(clauses_of(s, text, quote).front() == "全力打造“经开事,精心办”品牌服务,");
    const std::string sentence = slice(text, s.sentences[quote].range);
    CHECK(sentence.substr(sentence.size() - 8) == "”。\u00A0");
    CHECK(slice(text, s.sentences[quote + 1].range).rfind("按照“一窗收件", 0) == 0);
    // A parenthesis opening with a no-break space and holding “…”: one clause.
    const int paren = sentence_with(s, text, "分领域设置三个");
    CHECK(clauses_of(s, text, paren) ==
          std::vector<std::string>{"按照“一窗收件、一处审批、一口出件”高效服务模式,",
                                   "分领域设置三个“综合一窗”(\u00A0“一件事套餐办”、企业开办专区、工程项目专窗),",
                                   "实现全科无差别受理和无差别审核。"});
}

TEST_CASE("sample nanhu-2023: level-2 headings opening paragraphs") {
    const std::string text = load_sample("nanhu-2023.txt");
    const auto s = checked(text);
    CHECK(titles_at_level(s, 1) ==
          std::vector<std::string>{"一、加强党的全面领导,统筹推进法治政府建设",
                                   "二、发挥法治引领保障作用,全力打造一流营商环境",
                                   "三、推进行政决策法治化,持续提升公信力和执行力",
                                   "四、深化行政执法体制改革,提升严格规范公正文明执法水平",
                                   "五、加大矛盾纠纷化解力度,全力维护社会和谐稳定",
                                   "六、强化制约监督,确保行政权力规范透明运行"});
    CHECK(titles_at_level(s, 2).size() == 18);
    for (const auto& section : s.sections)
        if (section.level == 2) CHECK(s.sections[section.parent].level == 1);

    CHECK(path_of(s, text, "共收到行政复议申请152件") ==
          "五、加大矛盾纠纷化解力度,全力维护社会和谐稳定 > (二)坚持复议为民");
    CHECK(path_of(s, text, "中共嘉兴市委、嘉兴市人民政府:").empty());
    CHECK(path_of(s, text, "嘉兴市南湖区人民政府") ==
          "六、强化制约监督,确保行政权力规范透明运行 > (三)广泛接受社会监督");

    const int count = sentence_with(s, text, "共收到行政复议申请152件");
    CHECK(clauses_of(s, text, count) ==
          std::vector<std::string>{"2023年,", "共收到行政复议申请152件,", "同比上升56.7%,",
                                   "办结127件(含上年度结转6件),", "其中确认违法2件,",
                                   "直接纠错率为1.57%,", "复议调撤率为46.47%。"});
    // "——" and a 《》 title with a quoted brand inside.
    const int brand = sentence_with(s, text, "出台实施《南湖区深化");
    CHECK(clauses_of(s, text, brand).front() ==
          "出台实施《南湖区深化“36.7℃”政务服务品牌建设方案》,");
}

TEST_CASE("sample wuxi-2022: a news article with unnumbered cross-headings") {
    const std::string text = load_sample("wuxi-2022.txt");
    const auto s = checked(text);
    CHECK(outline(s) ==
          "坚持转变职能,更好发挥政府机构作用\n"
          "大力健全机制,更优推进依法行政决策\n"
          "强化制约监督,更严规范公正文明执法\n"
          "着眼公平正义,更细化解社会矛盾纠纷\n"
          "全面压紧责任,更实加强党的统一领导\n");
    // The title, the byline and the lead are before the first heading.
    CHECK(path_of(s, text, "无锡法治政府建设向纵深推进").empty());
    CHECK(path_of(s, text, "发布日期:2022-08-04").empty());
    CHECK(path_of(s, text, "近年来,无锡市紧紧围绕").empty());
    CHECK(path_of(s, text, "近两年先后两次取消46项行政权力") == "坚持转变职能,更好发挥政府机构作用");
    CHECK(path_of(s, text, "市政府共办理市人大代表建议410件") == "强化制约监督,更严规范公正文明执法");
    // Page furniture after the article is not a heading.
    const int furniture = sentence_with(s, text, "扫一扫在手机打开当前页");
    CHECK_FALSE(s.sentences[furniture].is_heading);
    CHECK(path_of(s, text, "扫一扫在手机打开当前页") == "全面压紧责任,更实加强党的统一领导");
    // "97.9%" and "2.0版" hold decimal points, not sentence ends.
    const int decimal = sentence_with(s, text, "全市97.9%的事项可网上办");
    CHECK(slice(text, s.sentences[decimal].range).rfind("加快一次办结,", 0) == 0);
    const int version = sentence_with(s, text, "轻微违法行为不予处罚清单2.0版");
    CHECK(slice(text, s.sentences[version].range).rfind("出台轻微违法行为", 0) == 0);
}

TEST_CASE("every sample: invariants and sentence_at") {
    for (const std::string name : kSamples) {
        INFO(name);
        const std::string text = load_sample(name);
        const auto s = checked(text);
        CHECK(!s.sections.empty());
        CHECK(s.sentences.size() > 40);
        for (std::size_t pos = 0; pos < text.size(); ++pos) {
            const int k = s.sentence_at(pos);
            if (k < 0) {
                CHECK(space_at(text, pos));
            } else {
                CHECK(s.sentences[k].range.contains(pos));
            }
        }
    }
}

// ---- headings --------------------------------------------------------------------------

TEST_CASE("numbering styles and levels") {
    const std::string text =
        "一、总体情况\n"
        "(一)组织领导\n"
        "1.学习培训。开展培训。\n"
        "(1)专题学习\n"
        "①集中学习\n"
        "2、制度建设\n"
        "12.第十二项\n"
        "十二、其他\n"
        "(十一)补充\n";
    const auto s = checked(text);
    CHECK(outline(s) ==
          "一、总体情况\n"
          "  (一)组织领导\n"
          "    1.学习培训\n"
          "    (1)专题学习\n"
          "    ①集中学习\n"
          "    2、制度建设\n"
          "    12.第十二项\n"
          "十二、其他\n"
          "  (十一)补充\n");
    CHECK(path_of(s, text, "开展培训") == "一、总体情况 > (一)组织领导 > 1.学习培训");
}

TEST_CASE("things that look like numbering but are not headings") {
    const std::string text =
        "1.1万人参加培训。\n"
        "2022年,全市工作取得成效。\n"
        "2022年工作情况\n"
        "1、2、3号文件已废止。\n"
        "一、二、三季度完成任务。\n"
        "(2021-2025年)规划实施。\n"
        "比率达到1.1。比上年提高1.5个百分点。\n"
        "全市排名第1.其中一项。\n";
    const auto s = checked(text);
    CHECK(s.sections.empty());
    // '.' never ends a sentence.
    CHECK(sentence_texts(s, text) ==
          std::vector<std::string>{"1.1万人参加培训。", "2022年,全市工作取得成效。", "2022年工作情况",
                                   "1、2、3号文件已废止。", "一、二、三季度完成任务。",
                                   "(2021-2025年)规划实施。", "比率达到1.1。", "比上年提高1.5个百分点。",
                                   "全市排名第1.其中一项。"});
}

TEST_CASE("a heading title runs to the first 。, a 一是 title to the first ; or 。") {
    const std::string text =
        "一、坚持党的领导,加强统筹部署。一是推动学习;开展培训10次。二是示范引领。\n";
    const auto s = checked(text);
    REQUIRE(s.sections.size() == 3);
    CHECK(s.sections[0].title == "一、坚持党的领导,加强统筹部署");
    CHECK(s.sections[1].title == "一是推动学习");
    CHECK(s.sections[1].level == 4);
    CHECK(s.sections[1].parent == 0);
    CHECK(s.sections[2].title == "二是示范引领");
    CHECK(path_of(s, text, "开展培训10次") == "一、坚持党的领导,加强统筹部署 > 一是推动学习");
}

TEST_CASE("一是 is a heading only at a sentence start and in sequence") {
    SUBCASE("list after a colon") {
        const std::string text = "一、问题\n存在不足:一是重视不够。二是力量薄弱。三是能力不足。\n";
        const auto s = checked(text);
        CHECK(s.sections.size() == 1);
    }
    SUBCASE("list after a full stop") {
        const std::string text = "一、问题\n存在不足。一是重视不够。二是力量薄弱。\n";
        const auto s = checked(text);
        CHECK(titles_at_level(s, 4) == std::vector<std::string>{"一是重视不够", "二是力量薄弱"});
    }
    SUBCASE("mid-sentence") {
        const std::string text = "一、问题\n主要是统一是关键,一是前提。\n";
        CHECK(checked(text).sections.size() == 1);
    }
    SUBCASE("out of sequence") {
        const std::string text = "一、问题\n存在不足。二是力量薄弱。三是能力不足。\n";
        CHECK(checked(text).sections.size() == 1);
    }
    SUBCASE("numbering restarts under each parent") {
        const std::string text = "一、甲\n一是甲一。二是甲二。\n二、乙\n一是乙一。\n";
        const auto s = checked(text);
        CHECK(outline(s) == "一、甲\n  一是甲一\n  二是甲二\n二、乙\n  一是乙一\n");
    }
}

TEST_CASE("an inline 一是 item ends with its paragraph, a bare 一是 title line does not") {
    SUBCASE("inline") {
        const std::string text = "一、总体\n一是加强领导。开展学习。二是完善制度。\n全年工作取得成效。\n";
        const auto s = checked(text);
        CHECK(path_of(s, text, "开展学习") == "一、总体 > 一是加强领导");
        CHECK(path_of(s, text, "全年工作取得成效") == "一、总体");
        CHECK(s.sections[2].body.end == text.find("\n全年"));
    }
    SUBCASE("items on their own lines continue the enumeration") {
        const std::string text = "一、总体\n一是加强领导。开展学习。\n二是完善制度。\n";
        const auto s = checked(text);
        CHECK(titles_at_level(s, 4) == std::vector<std::string>{"一是加强领导", "二是完善制度"});
    }
    SUBCASE("bare title line") {
        const std::string text = "一、总体\n一是加强领导\n开展学习。\n二是完善制度\n健全机制。\n";
        const auto s = checked(text);
        CHECK(path_of(s, text, "开展学习") == "一、总体 > 一是加强领导");
        CHECK(path_of(s, text, "健全机制") == "一、总体 > 二是完善制度");
    }
}

TEST_CASE("mid-line numbered headings must continue an enumeration") {
    const std::string text = "一、总体\n(一)学习。1.集中学习。2.专题学习。\n(二)制度。5.其他。\n";
    const auto s = checked(text);
    CHECK(outline(s) ==
          "一、总体\n"
          "  (一)学习\n"
          "    1.集中学习\n"
          "    2.专题学习\n"
          "  (二)制度\n");
    // A level-1 numbering is never taken from the middle of a line.
    const std::string inline_one = "一、总体\n工作如下。二、其他事项。\n";
    CHECK(checked(inline_one).sections.size() == 1);
}

TEST_CASE("section bodies nest and end at the next heading of the same or a higher level") {
    const std::string text = "一、甲\n(一)甲一\n正文。\n(二)甲二\n正文。\n二、乙\n正文。\n";
    const auto s = checked(text);
    REQUIRE(s.sections.size() == 4);
    CHECK(s.sections[0].body.end == text.find("二、乙"));
    CHECK(s.sections[1].body.end == text.find("(二)甲二"));
    CHECK(s.sections[2].body.end == text.find("二、乙"));
    CHECK(s.sections[3].body.end == text.size());
    CHECK(s.sections[2].parent == 0);
    CHECK(s.sections[3].parent == -1);
}

TEST_CASE("unnumbered cross-headings") {
    const std::string prose = "本段是正文内容,全市各部门认真落实各项工作要求并取得成效。";
    SUBCASE("between prose paragraphs in an unnumbered document") {
        const std::string text = "标题行在这里的文章\n\n" + prose + "\n\n坚持转变职能,更好发挥政府作用\n\n" +
                                 prose + "\n";
        const auto s = checked(text);
        CHECK(outline(s) == "坚持转变职能,更好发挥政府作用\n");
        CHECK(s.sentences[0].section == -1);  // the title line is not a heading
    }
    SUBCASE("not in a document with numbered level-1 headings") {
        const std::string text =
            "一、总体情况\n" + prose + "\n坚持转变职能,更好发挥政府作用\n" + prose + "\n";
        CHECK(outline(checked(text)) == "一、总体情况\n");
    }
    SUBCASE("page furniture and short lines") {
        const std::string text = prose + "\n扫一扫在手机打开当前页\nProduced By 大汉网络\n" + prose +
                                 "\n【打印本页】 【关闭窗口】\n" + prose + "\n首页 / 信息公开 / 政府信息\n" +
                                 prose + "\n发布日期:2022年8月4日\n" + prose + "\n落实工作\n" + prose +
                                 "\n这一行没有结束但是以逗号结尾,\n" + prose + "\n";
        CHECK(checked(text).sections.empty());
    }
}

// ---- sentences and clauses --------------------------------------------------------------

TEST_CASE("sentence ends: closing marks stay, titles and quotes hold no break") {
    SUBCASE("a closing quote after the terminator stays in the sentence") {
        const std::string text = "他说“要坚持依法行政。”随后散会。";
        CHECK(sentence_texts(checked(text), text) ==
              std::vector<std::string>{"他说“要坚持依法行政。”", "随后散会。"});
    }
    SUBCASE("no break inside 《》") {
        const std::string text = "观看《你好!法治?》节目,反响热烈。";
        CHECK(sentence_texts(checked(text), text) == std::vector<std::string>{text});
    }
    SUBCASE("no break inside “…” before its end") {
        const std::string text = "提出“一是依法。二是规范”的要求。";
        CHECK(sentence_texts(checked(text), text) == std::vector<std::string>{text});
    }
    SUBCASE("a terminator closing a quote ends the sentence even if text follows") {
        const std::string text = "提出“一是依法。二是规范!”的要求。";
        CHECK(sentence_texts(checked(text), text) ==
              std::vector<std::string>{"提出“一是依法。二是规范!”", "的要求。"});
    }
    SUBCASE("an unmatched quote protects nothing") {
        const std::string text = "提出“依法行政。随后散会。";
        CHECK(sentence_texts(checked(text), text) ==
              std::vector<std::string>{"提出“依法行政。", "随后散会。"});
    }
    SUBCASE("a closing bracket and repeated terminators") {
        const std::string text = "(注:数据截至年底。)下一句!?再一句";
        CHECK(sentence_texts(checked(text), text) ==
              std::vector<std::string>{"(注:数据截至年底。)", "下一句!?", "再一句"});
    }
    SUBCASE("line breaks end sentences; CRLF is a line break") {
        const std::string text = "第一行\r\n第二行。第三句\n";
        CHECK(sentence_texts(checked(text), text) ==
              std::vector<std::string>{"第一行", "第二行。", "第三句"});
    }
    SUBCASE("spaces after a terminator stay with the sentence") {
        const std::string text = "  第一句。 第二句。";
        CHECK(sentence_texts(checked(text), text) ==
              std::vector<std::string>{"  第一句。 ", "第二句。"});
    }
}

TEST_CASE("clause splits on tricky sentences") {
    auto clauses = [](const std::string& text) {
        const auto s = checked(text);
        REQUIRE(s.sentences.size() == 1);
        return clauses_of(s, text, 0);
    };
    // (含往年结转) is one unit.
    CHECK(clauses("办结514件(含往年结转,不含撤回),受理534件。") ==
          std::vector<std::string>{"办结514件(含往年结转,不含撤回),", "受理534件。"});
    // (2021-2025年) inside a title.
    CHECK(clauses("按照《法治政府建设实施纲要(2021-2025年)》要求,深化建设。") ==
          std::vector<std::string>{"按照《法治政府建设实施纲要(2021-2025年)》要求,", "深化建设。"});
    // A title with commas inside.
    CHECK(clauses("印发《关于加强、改进,规范管理的意见》;落实到位:全面推进。") ==
          std::vector<std::string>{"印发《关于加强、改进,规范管理的意见》;", "落实到位:", "全面推进。"});
    // Thousands separators and clock times.
    CHECK(clauses("投资1,000万元,时间9:00-17:00。") ==
          std::vector<std::string>{"投资1,000万元,", "时间9:00-17:00。"});
    // An unmatched parenthesis does not swallow the rest.
    CHECK(clauses("收到申请(含结转,受理138件,审结103件。") ==
          std::vector<std::string>{"收到申请(含结转,", "受理138件,", "审结103件。"});
    // 、 is not a clause break; full-width punctuation is handled too.
    CHECK(clauses("行政裁决、人民调解，行政调解。") ==
          std::vector<std::string>{"行政裁决、人民调解，", "行政调解。"});
}

TEST_CASE("sentence_at is exact at boundaries") {
    const std::string text = "第一句。第二句。\n\n第三句";
    const auto s = checked(text);
    REQUIRE(s.sentences.size() == 3);
    const std::size_t second = text.find("第二句");
    CHECK(s.sentence_at(second - 1) == 0);
    CHECK(s.sentence_at(second) == 1);
    CHECK(s.sentence_at(text.find('\n')) == -1);
    CHECK(s.sentence_at(text.find("第三句")) == 2);
    CHECK(s.sentence_at(text.size()) == -1);
    CHECK(s.sentence_at(text.size() + 100) == -1);
}

TEST_CASE("invalid UTF-8 and stray bytes keep the invariants") {
    const std::string text = std::string("一、总\xE4\xB8") + "\n\xFF\xFE(((《《“。a,b\n" + "\xE3\x80";
    checked(text);
}

// ---- pathological inputs ---------------------------------------------------------------
// Speed is measured by the bench target (bench/pipeline_bench.cpp), never here: these
// cases only check that long degenerate lines keep the invariants.

TEST_CASE("pathological long lines keep the invariants") {
    auto repeat = [](const std::string& unit, std::size_t bytes) {
        std::string out;
        out.reserve(bytes + unit.size());
        while (out.size() < bytes) out += unit;
        return out;
    };
    // Single lines with no terminator, only openers, only closers, alternating quotes and
    // terminators, and nothing but 一是.
    for (const std::string unit : {"法治政府建设,", "《(“", "》)”", "“一。", "一是"})
        checked(repeat(unit, 256 * 1024));
}
