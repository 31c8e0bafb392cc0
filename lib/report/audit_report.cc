#include "report/audit_report.h"

#include <fmt/color.h>
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace dpo::report {

using namespace model;
using Json = nlohmann::ordered_json;


namespace {

constexpr Phrase kAudit{"GDPR audit", "Audit RGPD"};
constexpr Phrase kAsOf{"as of", "au"};
constexpr Phrase kErrors{"errors", "erreurs"};
constexpr Phrase kWarnings{"warnings", "avertissements"};
constexpr Phrase kError{"error", "erreur"};
constexpr Phrase kWarning{"warning", "avertissement"};
constexpr Phrase kFix{"fix", "correction"};
constexpr Phrase kKeyFigures{"Key figures", "Indicateurs"};
constexpr Phrase kNoFinding{"no finding", "aucun constat"};
constexpr Phrase kRulesRun{"rules run", "règles appliquées"};

Phrase severity_word(Severity s, long long n) {
  if (s == Severity::error) return n == 1 ? kError : kErrors;
  return n == 1 ? kWarning : kWarnings;
}

std::string summary_line(const AuditResult& r, Lang lang) {
  long long e = r.count(Severity::error), w = r.count(Severity::warning);
  return fmt::format("{} {}, {} {}", e, severity_word(Severity::error, e).in(lang), w,
                     severity_word(Severity::warning, w).in(lang));
}

// "80%" or "4" for a count; "n/a" when there is nothing to measure.
std::string kpi_value(const Kpi& k) {
  if (!k.share) return k.known ? std::to_string(k.numerator) : "n/a";
  if (k.denominator == 0) return "n/a";
  double pct = 100.0 * static_cast<double>(k.numerator) / static_cast<double>(k.denominator);
  return fmt::format("{:.1f}%", pct);
}

std::string kpi_counts(const Kpi& k) {
  return k.share ? fmt::format("{}/{}", k.numerator, k.denominator) : std::string();
}

std::string title(const AuditReport& r) {
  return fmt::format("{}: {}, {} {}", kAudit.in(r.lang), r.reg.controller.name, kAsOf.in(r.lang),
                     format_local(r.as_of, r.zone));
}

// ---- text ----

void render_text(const AuditReport& r, std::ostream& out) {
  auto styled = [&](const std::string& text, fmt::text_style style) {
    return r.color ? fmt::format(style, "{}", text) : text;
  };
  out << styled(title(r), fmt::emphasis::bold) << "\n";
  for (Severity s : {Severity::error, Severity::warning}) {
    long long n = r.result.count(s);
    if (n == 0) continue;
    fmt::text_style colour = fmt::fg(s == Severity::error ? fmt::terminal_color::red : fmt::terminal_color::yellow);
    out << "\n" << styled(std::string(severity_word(s, 2).in(r.lang)), colour | fmt::emphasis::bold) << "\n";
    for (const Finding& f : r.result.findings) {
      if (f.rule.severity != s) continue;
      out << "  " << styled(std::string(f.rule.id), colour) << "  " << f.message.in(r.lang) << "\n";
      out << "           " << f.rule.article << "; " << kFix.in(r.lang) << ": " << f.rule.fix.in(r.lang) << "\n";
    }
  }
  if (r.result.findings.empty()) out << "\n" << kNoFinding.in(r.lang) << "\n";
  out << "\n" << styled(std::string(kKeyFigures.in(r.lang)), fmt::emphasis::bold) << "\n";
  for (const Kpi& k : r.result.kpis)
    out << fmt::format("  {:<40} {:>8} {:>12}\n", k.label.in(r.lang), kpi_value(k), kpi_counts(k));
  out << "\n" << summary_line(r.result, r.lang) << "\n";
}

// ---- json ----

Json kpis_json(const AuditResult& result, Lang lang) {
  Json kpis = Json::array();
  for (const Kpi& k : result.kpis) {
    Json j{{"id", k.id}, {"label", k.label.in(lang)}};
    if (k.share) {
      j["value"] = k.denominator ? Json(static_cast<double>(k.numerator) / static_cast<double>(k.denominator)) : Json();
      j["numerator"] = k.numerator;
      j["denominator"] = k.denominator;
    } else {
      j["value"] = k.known ? Json(k.numerator) : Json();
    }
    kpis.push_back(j);
  }
  return kpis;
}

void render_json(const AuditReport& r, std::ostream& out) {
  Json j;
  j["audit"] = {{"controller", r.reg.controller.name},
                {"as_of", format_local(r.as_of, r.zone)},
                {"lang", r.lang == Lang::fr ? "fr" : "en"},
                {"rules", r.result.rules_run}};
  j["summary"] = {{"errors", r.result.count(Severity::error)}, {"warnings", r.result.count(Severity::warning)}};
  Json findings = Json::array();
  for (const Finding& f : r.result.findings) {
    Json fj{{"rule", f.rule.id},
            {"severity", name_of(f.rule.severity)},
            {"article", f.rule.article},
            {"object", {{"kind", f.object_kind}, {"id", f.object}}}};
    fj["count"] = f.count ? Json(*f.count) : Json();
    fj["message"] = f.message.in(r.lang);
    fj["fix"] = f.rule.fix.in(r.lang);
    findings.push_back(fj);
  }
  j["findings"] = findings;
  j["kpis"] = kpis_json(r.result, r.lang);
  out << j.dump(2) << "\n";
}

// ---- Markdown ----


void render_md(const AuditReport& r, std::ostream& out) {
  out << "# " << markdown_escape(title(r)) << "\n\n" << summary_line(r.result, r.lang) << ".\n";
  for (Severity s : {Severity::error, Severity::warning}) {
    if (r.result.count(s) == 0) continue;
    std::string heading(severity_word(s, 2).in(r.lang));
    heading[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(heading[0])));
    out << "\n## " << heading << "\n\n| " << (r.lang == Lang::fr ? "Règle" : "Rule") << " | "
        << (r.lang == Lang::fr ? "Constat" : "Finding") << " | Article | " << (r.lang == Lang::fr ? "Correction" : "Fix")
        << " |\n|---|---|---|---|\n";
    for (const Finding& f : r.result.findings)
      if (f.rule.severity == s)
        out << "| " << f.rule.id << " | " << markdown_escape(f.message.in(r.lang)) << " | " << f.rule.article << " | "
            << markdown_escape(f.rule.fix.in(r.lang)) << " |\n";
  }
  out << "\n## " << kKeyFigures.in(r.lang) << "\n\n| | | |\n|---|---:|---:|\n";
  for (const Kpi& k : r.result.kpis)
    out << "| " << k.label.in(r.lang) << " | " << kpi_value(k) << " | " << kpi_counts(k) << " |\n";
}

// ---- HTML ----

constexpr const char* kStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 62rem; color: #111827; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
.summary { font-size: 1.1rem; margin: .4rem 0 1.5rem; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: 1.5rem; }
.card { border: 1px solid #d1d5db; border-radius: 6px; padding: .8rem 1rem; min-width: 14rem; }
.card h3 { font-size: .95rem; margin: 0 0 .4rem; }
.card .value { font-size: 1.4rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; border-bottom: 1px solid #e5e7eb; padding: .45rem .5rem; vertical-align: top; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; color: #fff; font-size: .8rem; }
.error { background: #dc2626; } .warning { background: #d97706; }
.rule { font-family: ui-monospace, monospace; white-space: nowrap; }
.fix { color: #4b5563; font-size: .9rem; }
footer { color: #6b7280; font-size: .85rem; margin-top: 2rem; }
)";

// A horizontal gauge for a share: grey track, blue fill.
std::string gauge_svg(const Kpi& k, Lang lang) {
  double share = k.denominator ? static_cast<double>(k.numerator) / static_cast<double>(k.denominator) : 0.0;
  int width = static_cast<int>(share * 220.0 + 0.5);
  return fmt::format(
      "<svg class=\"gauge\" width=\"220\" height=\"18\" viewBox=\"0 0 220 18\" role=\"img\" aria-label=\"{} {}\">"
      "<rect width=\"220\" height=\"18\" rx=\"3\" fill=\"#e5e7eb\"/>"
      "<rect width=\"{}\" height=\"18\" rx=\"3\" fill=\"#2563eb\"/></svg>",
      html_escape(k.label.in(lang)), kpi_value(k), width);
}

// One bar per rule that found something, red for errors, amber for warnings.
std::string findings_svg(const AuditResult& result, Lang lang) {
  std::vector<std::pair<const RuleInfo*, int>> bars;
  for (const Finding& f : result.findings) {
    if (bars.empty() || bars.back().first->id != f.rule.id) bars.push_back({&f.rule, 0});
    ++bars.back().second;
  }
  int most = 1;
  for (const auto& [rule, n] : bars) most = std::max(most, n);
  int row = 26, height = static_cast<int>(bars.size()) * row + 8;
  std::string svg = fmt::format(
      "<svg class=\"findings\" width=\"560\" height=\"{}\" viewBox=\"0 0 560 {}\" role=\"img\" aria-label=\"{}\">",
      height, height, lang == Lang::fr ? "Constats par règle" : "Findings by rule");
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& [rule, n] = bars[i];
    int y = static_cast<int>(i) * row + 4;
    int w = 380 * n / most;
    svg += fmt::format(
        "<text x=\"0\" y=\"{}\" font-family=\"monospace\" font-size=\"13\">{}</text>"
        "<rect x=\"90\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"13\">{}</text>",
        y + 14, rule->id, y, w, rule->severity == Severity::error ? "#dc2626" : "#d97706", 96 + w, y + 14, n);
  }
  return svg + "</svg>";
}

void render_html(const AuditReport& r, std::ostream& out) {
  Lang lang = r.lang;
  out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::fr ? "fr" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << html_escape(title(r))
      << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << html_escape(title(r)) << "</h1>\n<p class=\"summary\">" << html_escape(summary_line(r.result, lang))
      << "</p>\n";
  out << "<h2>" << html_escape(std::string(kKeyFigures.in(lang))) << "</h2>\n<div class=\"cards\">\n";
  for (const Kpi& k : r.result.kpis) {
    out << "<div class=\"card\"><h3>" << html_escape(k.label.in(lang)) << "</h3><div class=\"value\">" << kpi_value(k)
        << "</div>";
    if (k.share) out << gauge_svg(k, lang) << "<div>" << kpi_counts(k) << "</div>";
    out << "</div>\n";
  }
  out << "</div>\n";
  if (!r.result.findings.empty()) {
    out << "<h2>" << (lang == Lang::fr ? "Constats par règle" : "Findings by rule") << "</h2>\n"
        << findings_svg(r.result, lang) << "\n";
    out << "<h2>" << (lang == Lang::fr ? "Constats" : "Findings") << "</h2>\n<table>\n<thead><tr><th>"
        << (lang == Lang::fr ? "Règle" : "Rule") << "</th><th>" << (lang == Lang::fr ? "Constat" : "Finding")
        << "</th><th>Article</th></tr></thead>\n<tbody>\n";
    for (const Finding& f : r.result.findings) {
      std::string severity(name_of(f.rule.severity));
      out << "<tr><td class=\"rule\"><span class=\"badge " << severity << "\">"
          << html_escape(std::string(severity_word(f.rule.severity, 1).in(lang))) << "</span> " << f.rule.id
          << "</td><td>" << html_escape(f.message.in(lang)) << "<div class=\"fix\">" << html_escape(std::string(kFix.in(lang)))
          << ": " << html_escape(f.rule.fix.in(lang)) << "</div></td><td>" << html_escape(f.rule.article)
          << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
  } else {
    out << "<p>" << html_escape(std::string(kNoFinding.in(lang))) << "</p>\n";
  }
  out << "<footer>dpokit — " << html_escape(std::string(kRulesRun.in(lang))) << ": " << r.result.rules_run.size()
      << "</footer>\n</body>\n</html>\n";
}

constexpr AuditFormat kFormats[] = {
    {"text", "findings grouped by severity, the key figures, a summary line last", render_text},
    {"json", "schemas/audit.schema.json, the same bytes for the same store and --as-of", render_json},
    {"md", "a Markdown report", render_md},
    {"html", "one self-contained page with the key figures drawn in SVG", render_html},
};

}  // namespace

std::span<const AuditFormat> audit_formats() { return kFormats; }

void render_rules(std::span<const RuleInfo> rules, std::string_view format, Lang lang, std::ostream& out) {
  if (format == "json") {
    Json list = Json::array();
    for (const RuleInfo& r : rules)
      list.push_back({{"id", r.id},
                      {"severity", name_of(r.severity)},
                      {"article", r.article},
                      {"title", r.title.in(lang)},
                      {"fix", r.fix.in(lang)}});
    out << list.dump(2) << "\n";
    return;
  }
  for (const RuleInfo& r : rules)
    out << fmt::format("{:<8} {:<8} {:<22} {}\n", r.id, name_of(r.severity), r.article, r.title.in(lang));
}

}  // namespace dpo::report
