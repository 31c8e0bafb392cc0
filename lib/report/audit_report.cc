#include "report/audit_report.h"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "l10n/format.h"
#include "report/summary.h"

namespace dpo::report {

using namespace model;
using Json = nlohmann::ordered_json;
using l10n::say;

namespace {

constexpr Phrase kTitle{"GDPR audit: {}, as of {}", "Audit RGPD : {}, au {}"};
constexpr Phrase kErrors{"errors", "erreurs"};
constexpr Phrase kWarnings{"warnings", "avertissements"};
constexpr Phrase kError{"error", "erreur"};
constexpr Phrase kWarning{"warning", "avertissement"};
constexpr Phrase kFixed{"fix: {}", "correction : {}"};
constexpr Phrase kKeyFigures{"Key figures", "Indicateurs"};
constexpr Phrase kNoFinding{"no finding", "aucun constat"};
constexpr Phrase kRulesRun{"rules run: {}", "règles appliquées : {}"};
constexpr Phrase kNotMeasured{"n/a", "s.o."};
constexpr Phrase kSummary{"Executive summary", "Synthèse"};
constexpr Phrase kActions{"Actions", "Actions"};
constexpr Phrase kTopActions{"The three actions that matter most", "Les trois actions prioritaires"};
constexpr Phrase kTrends{"Key figures over the recorded audits", "Évolution des indicateurs"};
constexpr Phrase kFindings{"Findings", "Constats"};
constexpr Phrase kFindingsChart{"Findings by action", "Constats par action"};
constexpr Phrase kRule{"Rule", "Règle"};
constexpr Phrase kFinding{"Finding", "Constat"};
constexpr Phrase kWhere{"Where", "Où"};
constexpr Phrase kAction{"Action", "Action"};
constexpr Phrase kArticle{"Article", "Article"};
constexpr Phrase kFix{"Fix", "Correction"};
constexpr Phrase kFirstAudit{
    "No audit was recorded before this one: `dpo audit --record` keeps one, and the next report says what changed "
    "since.",
    "Aucun audit n'a été enregistré avant celui-ci : « dpo audit --record » en conserve un, et le rapport suivant "
    "dira ce qui a changé depuis."};
constexpr Phrase kSince{"Since the audit of {}: {}, {}; errors {} → {}, warnings {} → {}.",
                        "Depuis l'audit du {} : {}, {} ; erreurs {} → {}, avertissements {} → {}."};
constexpr Phrase kOpenedOne{"finding opened", "constat ouvert"};
constexpr Phrase kOpenedMany{"findings opened", "constats ouverts"};
constexpr Phrase kClosedOne{"finding closed", "constat clos"};
constexpr Phrase kClosedMany{"findings closed", "constats clos"};
constexpr Phrase kOpened{"Opened", "Ouverts"};
constexpr Phrase kClosed{"Closed", "Clos"};
constexpr Phrase kNoValue{"nothing measured yet", "pas encore de valeur"};
constexpr Phrase kBarLength{"bar: number of findings", "barre : nombre de constats"};
constexpr Phrase kNoTrend{"The charts start with the second recorded audit.",
                          "Les courbes commencent au deuxième audit enregistré."};

Phrase severity_word(Severity s, long long n) {
  if (s == Severity::error) return n == 1 ? kError : kErrors;
  return n == 1 ? kWarning : kWarnings;
}

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string counted(long long n, const Phrase& one, const Phrase& many, Lang lang) {
  return l10n::counted(n, one, many, lang);
}

std::string summary_line(const AuditResult& r, Lang lang) {
  return counted(r.count(Severity::error), kError, kErrors, lang) + ", " +
         counted(r.count(Severity::warning), kWarning, kWarnings, lang);
}

// The article as the report's language cites it: "Art. 28(3)" in English;
// "art. 28.3 du RGPD", "chapitre V du RGPD" in French, where a citation of
// another text (the Labour Code, the LIL) is left as written.
// The French texts the catalogue cites, as French legal writing cites them.
constexpr std::pair<std::string_view, std::string_view> kFrenchCitations[] = {
    {"décret 2019-341", "décret n° 2019-341 du 19 avril 2019"},
    {"LIL art. 45", "art. 45 de la loi Informatique et Libertés"},
    {"CPCE L34-5", "art. L. 34-5 du CPCE"},
    {"C. trav. L6323-8-1", "art. L. 6323-8-1 du code du travail"},
    {"Qualiopi ind. 31", "Qualiopi, indicateur 31"},
};

std::string french_citation(std::string_view cited) {
  cited = trim(cited);
  if (cited.starts_with("Art. ")) return l10n::gdpr_article(cited.substr(5), Lang::fr);
  if (cited.starts_with("Chapter ")) return "chapitre " + std::string(cited.substr(8)) + " du RGPD";
  for (const auto& [short_form, french] : kFrenchCitations)
    if (cited == short_form) return std::string(french);
  return std::string(cited);
}

std::string article(std::string_view cited, Lang lang) {
  if (lang == Lang::en) return std::string(cited);
  std::string out;
  for (std::size_t at = 0; at <= cited.size();) {
    std::size_t end = std::min(cited.find(';', at), cited.size());
    out += (out.empty() ? "" : "; ") + french_citation(cited.substr(at, end - at));
    at = end + 1;
  }
  return l10n::typeset(out, lang);
}

// A key figure's value: "80.0%" / "80,0 %", a count grouped by thousands, or
// "n/a" / "s.o." when there is nothing to measure.
std::string kpi_value(const RecordedKpi& k, Lang lang) {
  if (!k.numerator || (k.denominator && *k.denominator == 0)) return std::string(kNotMeasured.in(lang));
  if (!k.denominator) return l10n::count(*k.numerator, lang);
  return l10n::percent(static_cast<double>(*k.numerator) / static_cast<double>(*k.denominator), 1, lang);
}

std::string kpi_value(const Kpi& k, Lang lang) { return kpi_value(record_of(k), lang); }

std::string kpi_counts(const Kpi& k, Lang lang) {
  return k.share ? l10n::count(k.numerator, lang) + "/" + l10n::count(k.denominator, lang) : std::string();
}

// The value a chart draws: a share in percent, a count as it is.
std::optional<double> plotted(const RecordedKpi& k) {
  if (!k.numerator || (k.denominator && *k.denominator == 0)) return std::nullopt;
  if (!k.denominator) return static_cast<double>(*k.numerator);
  return 100.0 * static_cast<double>(*k.numerator) / static_cast<double>(*k.denominator);
}

std::string date_of(Instant t, const Zone& zone, Lang lang) { return l10n::long_date(local_date(t, zone), lang); }

std::string title(const AuditReport& r) {
  return say(kTitle, r.lang, r.reg.controller.name, date_of(r.as_of, r.zone, r.lang));
}

// The rules' French texts put a plain space before ':' and ';': it becomes
// the narrow no-break space. l10n::typeset would also add one where none
// is, which would break the register's keys they quote ("explicit: true").
std::string spaced(std::string_view text, Lang lang) {
  if (lang == Lang::en) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool before_sign = text[i] == ' ' && i + 1 < text.size() && std::string_view(":;?!%").find(text[i + 1]) != std::string_view::npos &&
                       (i + 2 == text.size() || text[i + 2] == ' ');
    out += before_sign ? std::string(l10n::kNarrowSpace) : std::string(1, text[i]);
  }
  return out;
}

// The text report and JSON name register objects by id, as the YAML the DPO
// edits writes them; the md and html documents by their labels.
std::string message(const Finding& f, Lang lang, Naming naming = Naming::ids) {
  return spaced(with_names(f.message.in(lang), naming, lang), lang);
}
std::string fix(const RuleInfo& rule, Lang lang) { return say(kFixed, lang, spaced(rule.fix.in(lang), lang)); }

// ---- what changed, in words ----

// "Overdue holdings: 254 → 11, down 243 (better)".
std::string kpi_change(const KpiChange& c, Lang lang) {
  std::string line = say({"{}: {} → {}", "{} : {} → {}"}, lang, c.label.in(lang), kpi_value(c.before, lang),
                         kpi_value(c.now, lang));
  std::optional<double> a = plotted(c.before), b = plotted(c.now);
  if (!a || !b) return line;
  double delta = *b - *a;
  bool share = c.now.denominator.has_value();
  if (std::abs(delta) < (share ? 0.05 : 0.5)) return line + say({", unchanged", ", inchangé"}, lang);
  std::string amount = share ? say({"{} points", "{} points"}, lang, l10n::decimal(std::abs(delta), 1, lang))
                             : l10n::count(std::llround(std::abs(delta)), lang);
  line += say(delta > 0 ? Phrase{", up {}", ", en hausse de {}"} : Phrase{", down {}", ", en baisse de {}"}, lang,
              amount);
  if (c.better != Better::neither)
    line += ((delta > 0) == (c.better == Better::higher)) ? say({" (better)", " (mieux)"}, lang)
                                                          : say({" (worse)", " (moins bien)"}, lang);
  return line;
}

// A figure neither audit could measure (no request answered yet) says nothing.
bool measured(const KpiChange& c) { return plotted(c.before) || plotted(c.now); }

std::string since_line(const AuditReport& r) {
  const AuditChanges& c = *r.changes;
  return say(kSince, r.lang, date_of(c.since, r.zone, r.lang),
             counted(static_cast<long long>(c.opened.size()), kOpenedOne, kOpenedMany, r.lang),
             counted(static_cast<long long>(c.closed.size()), kClosedOne, kClosedMany, r.lang),
             l10n::count(c.errors_before, r.lang), l10n::count(r.result.count(Severity::error), r.lang),
             l10n::count(c.warnings_before, r.lang), l10n::count(r.result.count(Severity::warning), r.lang));
}

// "holdings kept past their retention deadline: Formation (Évaluations), 54".
std::string changed_finding(const ChangedFinding& f, Lang lang) {
  std::string title = f.rule.title.in(lang).empty() ? std::string(f.rule.id) : std::string(f.rule.title.in(lang));
  std::string line = say({"{}: {}", "{} : {}"}, lang, capitalised(title), f.place);
  if (f.count) line += " (" + l10n::count(*f.count, lang) + ")";
  return line;
}

std::string action_line(const Action& a, Lang lang) {
  return say({"{} ({}, {})", "{} ({}, {})"}, lang, a.text, a.rule.id, severity_word(a.rule.severity, 1).in(lang));
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
    out << "\n" << styled(capitalised(severity_word(s, 2).in(r.lang)), colour | fmt::emphasis::bold) << "\n";
    for (const Finding& f : r.result.findings) {
      if (f.rule.severity != s) continue;
      out << "  " << styled(std::string(f.rule.id), colour) << "  " << message(f, r.lang) << "\n";
      out << "           " << say({"{}; {}", "{} ; {}"}, r.lang, article(f.rule.article, r.lang), fix(f.rule, r.lang))
          << "\n";
    }
  }
  if (r.result.findings.empty()) out << "\n" << kNoFinding.in(r.lang) << "\n";
  out << "\n" << styled(std::string(kKeyFigures.in(r.lang)), fmt::emphasis::bold) << "\n";
  for (const Kpi& k : r.result.kpis)
    out << fmt::format("  {:<48} {:>8} {:>12}\n", k.label.in(r.lang), kpi_value(k, r.lang), kpi_counts(k, r.lang));
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
    fj["message"] = with_names(f.message.in(r.lang), Naming::ids, r.lang);
    fj["fix"] = f.rule.fix.in(r.lang);
    findings.push_back(fj);
  }
  j["findings"] = findings;
  j["kpis"] = kpis_json(r.result, r.lang);
  out << j.dump(2) << "\n";
}

// ---- Markdown ----

void md_summary(const AuditReport& r, std::ostream& out) {
  Lang lang = r.lang;
  out << "\n## " << kSummary.in(lang) << "\n\n";
  if (!r.changes) {
    out << markdown_escape(say(kFirstAudit, lang)) << "\n";
  } else {
    out << markdown_escape(since_line(r)) << "\n\n";
    for (const KpiChange& c : r.changes->kpis)
      if (measured(c)) out << "- " << markdown_escape(kpi_change(c, lang)) << "\n";
    for (const auto& [heading, list] : {std::pair{kOpened, &r.changes->opened}, {kClosed, &r.changes->closed}}) {
      if (list->empty()) continue;
      out << "\n" << say({"{}:", "{} :"}, lang, heading.in(lang)) << "\n\n";
      for (const ChangedFinding& f : *list) out << "- " << markdown_escape(changed_finding(f, lang)) << "\n";
    }
  }
  if (r.actions.empty()) return;
  out << "\n### " << kTopActions.in(lang) << "\n\n";
  for (std::size_t i = 0; i < r.actions.size() && i < 3; ++i)
    out << i + 1 << ". " << markdown_escape(action_line(r.actions[i], lang)) << "\n";
}

void md_trends(const AuditReport& r, std::ostream& out) {
  if (r.history.empty()) return;
  Lang lang = r.lang;
  out << "\n## " << kTrends.in(lang) << "\n\n|";
  for (const RecordedAudit& a : r.history) out << " | " << date_of(a.as_of, r.zone, lang);
  out << " | " << date_of(r.as_of, r.zone, lang) << " |\n|---";
  for (std::size_t i = 0; i <= r.history.size(); ++i) out << "|---:";
  out << "|\n";
  for (const Kpi& k : r.result.kpis) {
    out << "| " << markdown_escape(k.label.in(lang));
    for (const RecordedAudit& a : r.history) {
      auto it = std::find_if(a.kpis.begin(), a.kpis.end(), [&](const RecordedKpi& x) { return x.id == k.id; });
      out << " | " << (it == a.kpis.end() ? std::string(kNotMeasured.in(lang)) : kpi_value(*it, lang));
    }
    out << " | " << kpi_value(k, lang) << " |\n";
  }
}

void render_md(const AuditReport& r, std::ostream& out) {
  Lang lang = r.lang;
  out << "# " << markdown_escape(title(r)) << "\n\n" << summary_line(r.result, lang) << ".\n";
  md_summary(r, out);
  if (!r.actions.empty()) {
    out << "\n## " << kActions.in(lang) << "\n\n| " << kAction.in(lang) << " | " << kRule.in(lang) << " | "
        << kWhere.in(lang) << " |\n|---|---|---|\n";
    for (const Action& a : r.actions) {
      std::string places;
      for (const std::string& p : a.places) places += (places.empty() ? "" : ", ") + p;
      out << "| " << markdown_escape(a.text) << " | " << markdown_escape(capitalised(a.rule.title.in(lang))) << " ("
          << a.rule.id << ") | " << markdown_escape(places) << " |\n";
    }
  }
  for (Severity s : {Severity::error, Severity::warning}) {
    if (r.result.count(s) == 0) continue;
    out << "\n## " << capitalised(severity_word(s, 2).in(lang)) << "\n\n| " << kRule.in(lang) << " | "
        << kWhere.in(lang) << " | " << kFinding.in(lang) << " | " << kArticle.in(lang) << " | " << kFix.in(lang)
        << " |\n|---|---|---|---|---|\n";
    for (const Finding& f : r.result.findings)
      if (f.rule.severity == s)
        out << "| " << f.rule.id << " | " << markdown_escape(place_of(f.object_kind, f.object, r.reg, lang)) << " | "
            << markdown_escape(message(f, lang, Naming::labels)) << " | "
            << markdown_escape(article(f.rule.article, lang)) << " | "
            << markdown_escape(spaced(f.rule.fix.in(lang), lang)) << " |\n";
  }
  out << "\n## " << kKeyFigures.in(lang) << "\n\n| | | |\n|---|---:|---:|\n";
  for (const Kpi& k : r.result.kpis)
    out << "| " << k.label.in(lang) << " | " << kpi_value(k, lang) << " | " << kpi_counts(k, lang) << " |\n";
  md_trends(r, out);
}

// ---- HTML ----

constexpr const char* kStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 62rem; color: #111827; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
.summary { font-size: 1.1rem; margin: .4rem 0 1.5rem; }
.exec { border-left: 4px solid #2563eb; padding: .2rem 1rem; margin-bottom: 1.5rem; }
.exec ol li { font-weight: 600; }
.cards, .trends { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: 1.5rem; }
.card { border: 1px solid #d1d5db; border-radius: 6px; padding: .8rem 1rem; min-width: 14rem; }
.card h3 { font-size: .95rem; margin: 0 0 .4rem; }
.card .value { font-size: 1.4rem; font-weight: 600; }
figure { margin: 0; }
.trends figure { width: 310px; }
figcaption { font-size: .9rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; border-bottom: 1px solid #e5e7eb; padding: .45rem .5rem; vertical-align: top; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; color: #fff; font-size: .8rem; }
.error { background: #dc2626; } .warning { background: #d97706; }
.rule { font-family: ui-monospace, monospace; white-space: nowrap; }
small.id { display: block; font-family: ui-monospace, monospace; color: #6b7280; font-size: .75rem; }
.fix { color: #4b5563; font-size: .9rem; }
footer { color: #6b7280; font-size: .85rem; margin-top: 2rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; color: #000; }
  h2 { break-before: page; } .exec h2 { break-before: auto; }
  .exec { border-left: 2pt solid #000; }
  .card { border-color: #999; }
  .badge { background: none; color: #000; border: 1px solid #000; }
  figure, svg, tr, .card { break-inside: avoid; }
  thead { display: table-header-group; }
  footer { color: #000; }
}
)";

// A horizontal gauge for a share: grey track, blue fill.
std::string gauge_svg(const Kpi& k, Lang lang) {
  double share = k.denominator ? static_cast<double>(k.numerator) / static_cast<double>(k.denominator) : 0.0;
  int width = static_cast<int>(share * 220.0 + 0.5);
  return fmt::format(
      "<svg class=\"gauge\" width=\"220\" height=\"18\" viewBox=\"0 0 220 18\" role=\"img\" aria-label=\"{} {}\">"
      "<rect width=\"220\" height=\"18\" rx=\"3\" fill=\"#e5e7eb\"/>"
      "<rect width=\"{}\" height=\"18\" rx=\"3\" fill=\"#2563eb\"/></svg>",
      html_escape(k.label.in(lang)), html_escape(kpi_value(k, lang)), width);
}

constexpr const char* kRed = "#dc2626";
constexpr const char* kAmber = "#d97706";

// One bar per action, its length the action's findings: the action in words,
// the rule's id below it in small print, red for errors, amber for warnings,
// with the legend above.
std::string findings_svg(std::span<const Action> actions, Lang lang) {
  long long most = 1;
  for (const Action& a : actions) most = std::max(most, a.findings);
  int row = 36, top = 28, height = top + static_cast<int>(actions.size()) * row + 4;
  std::string svg = fmt::format(
      "<svg class=\"findings\" width=\"760\" height=\"{0}\" viewBox=\"0 0 760 {0}\" role=\"img\" "
      "aria-labelledby=\"findings-title\"><title id=\"findings-title\">{1}</title>"
      "<rect x=\"0\" y=\"4\" width=\"12\" height=\"12\" fill=\"{2}\"/>"
      "<text x=\"18\" y=\"15\" font-size=\"13\">{3}</text>"
      "<rect x=\"120\" y=\"4\" width=\"12\" height=\"12\" fill=\"{4}\"/>"
      "<text x=\"138\" y=\"15\" font-size=\"13\">{5}</text>"
      "<text x=\"520\" y=\"15\" font-size=\"12\" fill=\"#4b5563\">{6}</text>",
      height, html_escape(kFindingsChart.in(lang)), kRed, html_escape(capitalised(kError.in(lang))), kAmber,
      html_escape(capitalised(kWarning.in(lang))), html_escape(say(kBarLength, lang)));
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const Action& a = actions[i];
    int y = top + static_cast<int>(i) * row;
    int w = static_cast<int>(200 * a.findings / most);
    svg += fmt::format(
        "<g><title>{0}</title><text x=\"0\" y=\"{1}\" font-size=\"13\">{2}</text>"
        "<text x=\"0\" y=\"{3}\" font-size=\"10\" font-family=\"monospace\" fill=\"#6b7280\">{4}</text>"
        "<rect x=\"520\" y=\"{5}\" width=\"{6}\" height=\"18\" fill=\"{7}\"/>"
        "<text x=\"{8}\" y=\"{1}\" font-size=\"13\">{9}</text></g>",
        html_escape(a.text), y + 13, html_escape(a.verb), y + 26, a.rule.id, y + 1, w,
        a.rule.severity == Severity::error ? kRed : kAmber, 526 + w, a.findings);
  }
  return svg + "</svg>";
}

// A key figure over the recorded audits and this one: one point per audit,
// placed by its date, a share on 0 to 100 %, a count from 0 to its largest.
// Each point carries its value (data-value, and a tooltip); title and desc
// say what the chart shows for a screen reader.
std::string trend_svg(const Kpi& k, const std::vector<std::pair<Instant, RecordedKpi>>& series, const Zone& zone,
                      Lang lang) {
  constexpr double kLeft = 48, kRight = 300, kTop = 12, kBottom = 112;
  std::vector<std::pair<Instant, double>> points;
  for (const auto& [at, value] : series)
    if (std::optional<double> v = plotted(value)) points.emplace_back(at, *v);
  double top = k.share ? 100.0 : 1.0;
  for (const auto& p : points) top = std::max(top, p.second);
  if (!k.share) top = std::ceil(top);
  long long first = to_unix(series.front().first), last = to_unix(series.back().first);
  auto x = [&](Instant t) {
    if (last == first) return (kLeft + kRight) / 2;
    return kLeft + (kRight - kLeft) * static_cast<double>(to_unix(t) - first) / static_cast<double>(last - first);
  };
  auto y = [&](double v) { return kBottom - (kBottom - kTop) * v / top; };
  auto shown = [&](double v, int places) {
    return k.share ? l10n::percent(v / 100.0, places, lang) : l10n::count(static_cast<long long>(v), lang);
  };
  std::string id = fmt::format("trend-{}", k.id);
  std::string from = date_of(series.front().first, zone, lang), to = date_of(series.back().first, zone, lang);
  std::string desc =
      points.empty() ? std::string(kNotMeasured.in(lang))
                     : say({"{} audits, from {} on {} to {} on {}.", "{} audits, de {} le {} à {} le {}."}, lang,
                           series.size(), shown(points.front().second, 1), date_of(points.front().first, zone, lang),
                           shown(points.back().second, 1), date_of(points.back().first, zone, lang));
  std::string svg = fmt::format(
      "<svg class=\"trend\" width=\"310\" height=\"150\" viewBox=\"0 0 310 150\" role=\"img\" "
      "aria-labelledby=\"{0}-title {0}-desc\"><title id=\"{0}-title\">{1}</title><desc id=\"{0}-desc\">{2}</desc>"
      "<line x1=\"{3}\" y1=\"{5}\" x2=\"{4}\" y2=\"{5}\" stroke=\"#6b7280\"/>"
      "<line x1=\"{3}\" y1=\"{6}\" x2=\"{3}\" y2=\"{5}\" stroke=\"#6b7280\"/>"
      "<line x1=\"{3}\" y1=\"{6}\" x2=\"{4}\" y2=\"{6}\" stroke=\"#e5e7eb\"/>"
      "<text x=\"{7}\" y=\"{8}\" font-size=\"11\" text-anchor=\"end\">{9}</text>"
      "<text x=\"{7}\" y=\"{10}\" font-size=\"11\" text-anchor=\"end\">{11}</text>"
      "<text x=\"{3}\" y=\"132\" font-size=\"11\">{12}</text>"
      "<text x=\"{4}\" y=\"132\" font-size=\"11\" text-anchor=\"end\">{13}</text>",
      id, html_escape(say({"{} over the recorded audits", "{} au fil des audits"}, lang, k.label.in(lang))),
      html_escape(desc), kLeft, kRight, kBottom, kTop, kLeft - 4, kBottom + 4, html_escape(shown(0, 0)), kTop + 4,
      html_escape(shown(top, 0)), html_escape(from), html_escape(to));
  if (points.empty())
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#6b7280\" text-anchor=\"middle\">{}</text>",
                       (kLeft + kRight) / 2, (kTop + kBottom) / 2, html_escape(say(kNoValue, lang)));
  std::string line;
  for (const auto& [at, v] : points) line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x(at), y(v));
  if (points.size() > 1)
    svg += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\"/>", line);
  for (const auto& [at, v] : points)
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"#2563eb\" data-value=\"{}\"><title>{}</title></circle>", x(at),
        y(v), fmt::format("{:.1f}", v), html_escape(say({"{}: {}", "{} : {}"}, lang, date_of(at, zone, lang), shown(v, 1))));
  return svg + "</svg>";
}

void html_summary(const AuditReport& r, std::ostream& out) {
  Lang lang = r.lang;
  out << "<section class=\"exec\">\n<h2>" << html_escape(kSummary.in(lang)) << "</h2>\n";
  if (!r.changes) {
    out << "<p>" << html_escape(say(kFirstAudit, lang)) << "</p>\n";
  } else {
    out << "<p>" << html_escape(since_line(r)) << "</p>\n<ul class=\"changes\">\n";
    for (const KpiChange& c : r.changes->kpis)
      if (measured(c)) out << "<li>" << html_escape(kpi_change(c, lang)) << "</li>\n";
    out << "</ul>\n";
    for (const auto& [heading, list] : {std::pair{kOpened, &r.changes->opened}, {kClosed, &r.changes->closed}}) {
      if (list->empty()) continue;
      out << "<h3>" << html_escape(heading.in(lang)) << "</h3>\n<ul>\n";
      for (const ChangedFinding& f : *list) out << "<li>" << html_escape(changed_finding(f, lang)) << "</li>\n";
      out << "</ul>\n";
    }
  }
  if (!r.actions.empty()) {
    out << "<h3>" << html_escape(kTopActions.in(lang)) << "</h3>\n<ol class=\"top\">\n";
    for (std::size_t i = 0; i < r.actions.size() && i < 3; ++i)
      out << "<li>" << html_escape(r.actions[i].text) << " <small class=\"id\">" << r.actions[i].rule.id << ", "
          << html_escape(severity_word(r.actions[i].rule.severity, 1).in(lang)) << "</small></li>\n";
    out << "</ol>\n";
  }
  out << "</section>\n";
}

void html_trends(const AuditReport& r, std::ostream& out) {
  Lang lang = r.lang;
  out << "<h2>" << html_escape(kTrends.in(lang)) << "</h2>\n";
  if (r.history.empty()) {
    out << "<p>" << html_escape(say(kNoTrend, lang)) << "</p>\n";
    return;
  }
  out << "<div class=\"trends\">\n";
  for (const Kpi& k : r.result.kpis) {
    std::vector<std::pair<Instant, RecordedKpi>> series;
    for (const RecordedAudit& a : r.history) {
      auto it = std::find_if(a.kpis.begin(), a.kpis.end(), [&](const RecordedKpi& x) { return x.id == k.id; });
      if (it != a.kpis.end()) series.emplace_back(a.as_of, *it);
    }
    series.emplace_back(r.as_of, record_of(k));
    out << "<figure><figcaption>" << html_escape(k.label.in(lang)) << "</figcaption>"
        << trend_svg(k, series, r.zone, lang) << "</figure>\n";
  }
  out << "</div>\n";
}

void render_html(const AuditReport& r, std::ostream& out) {
  Lang lang = r.lang;
  out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::fr ? "fr" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << html_escape(title(r))
      << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << html_escape(title(r)) << "</h1>\n<p class=\"summary\">" << html_escape(summary_line(r.result, lang))
      << "</p>\n";
  html_summary(r, out);
  out << "<h2>" << html_escape(kKeyFigures.in(lang)) << "</h2>\n<div class=\"cards\">\n";
  for (const Kpi& k : r.result.kpis) {
    out << "<div class=\"card\"><h3>" << html_escape(k.label.in(lang)) << "</h3><div class=\"value\">"
        << html_escape(kpi_value(k, lang)) << "</div>";
    if (k.share) out << gauge_svg(k, lang) << "<div>" << html_escape(kpi_counts(k, lang)) << "</div>";
    out << "</div>\n";
  }
  out << "</div>\n";
  html_trends(r, out);
  if (r.result.findings.empty()) {
    out << "<p>" << html_escape(kNoFinding.in(lang)) << "</p>\n";
  } else {
    out << "<h2>" << html_escape(kActions.in(lang)) << "</h2>\n<figure>" << findings_svg(r.actions, lang)
        << "</figure>\n<table class=\"actions\">\n<thead><tr><th>" << html_escape(kAction.in(lang)) << "</th><th>"
        << html_escape(kRule.in(lang)) << "</th><th>" << html_escape(kWhere.in(lang)) << "</th></tr></thead>\n<tbody>\n";
    for (const Action& a : r.actions) {
      std::string places;
      for (const std::string& p : a.places) places += (places.empty() ? "" : ", ") + p;
      out << "<tr><td>" << html_escape(a.text) << "</td><td>" << html_escape(capitalised(a.rule.title.in(lang)))
          << "<small class=\"id\">" << a.rule.id << "</small></td><td>" << html_escape(places) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    out << "<h2>" << html_escape(kFindings.in(lang)) << "</h2>\n<table>\n<thead><tr><th>" << html_escape(kRule.in(lang))
        << "</th><th>" << html_escape(kWhere.in(lang)) << "</th><th>" << html_escape(kFinding.in(lang)) << "</th><th>"
        << html_escape(kArticle.in(lang)) << "</th></tr></thead>\n<tbody>\n";
    for (const Finding& f : r.result.findings) {
      std::string severity(name_of(f.rule.severity));
      out << "<tr><td class=\"rule\"><span class=\"badge " << severity << "\">"
          << html_escape(severity_word(f.rule.severity, 1).in(lang)) << "</span> " << f.rule.id << "</td><td>"
          << html_escape(place_of(f.object_kind, f.object, r.reg, lang)) << "</td><td>" << html_escape(message(f, lang, Naming::labels)) << "<div class=\"fix\">" << html_escape(fix(f.rule, lang))
          << "</div></td><td>" << html_escape(article(f.rule.article, lang)) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }
  out << "<footer>dpokit — " << html_escape(say(kRulesRun, lang, r.result.rules_run.size())) << "</footer>\n</body>\n</html>\n";
}

constexpr AuditFormat kFormats[] = {
    {"text", "findings grouped by severity, the key figures, a summary line last", render_text},
    {"json", "schemas/audit.schema.json, the same bytes for the same store and --as-of", render_json},
    {"md", "a management report: summary, actions, findings, key figures and their course", render_md},
    {"html", "one self-contained page: the Markdown report's sections, with the figures drawn in SVG", render_html},
};

}  // namespace

std::span<const AuditFormat> audit_formats() { return kFormats; }

std::string audit_recorded(Instant as_of, const Zone& zone, bool replaced, Lang lang) {
  return l10n::say(replaced ? Phrase{"replaced the audit recorded as of {}", "audit arrêté au {} remplacé"}
                            : Phrase{"recorded the audit as of {}", "audit arrêté au {} enregistré"},
                   lang, summary_time(as_of, zone, lang));
}

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
  // A table for a person, in their language: the severity in words, the
  // article cited as the language cites it, each column as wide as its
  // widest cell.
  std::size_t widths[3] = {};
  auto cells = [&](const RuleInfo& r) {
    return std::array<std::string, 3>{std::string(r.id), std::string(severity_word(r.severity, 1).in(lang)),
                                      article(r.article, lang)};
  };
  for (const RuleInfo& r : rules) {
    auto row = cells(r);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], l10n::display_width(row[i]));
  }
  for (const RuleInfo& r : rules) {
    auto row = cells(r);
    for (std::size_t i = 0; i < row.size(); ++i) out << l10n::padded(row[i], widths[i]) << "  ";
    out << r.title.in(lang) << "\n";
  }
}

}  // namespace dpo::report
