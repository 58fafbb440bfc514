// Look-ups in the key table and its two renderings: --explain text and
// adwatch.toml(5) in roff. The table itself is in config/schema_keys.cc.
#include "config/schema.h"

#include <cmath>
#include <cstdio>

#include "config/loader.h"
#include "core/text.h"

namespace adwatch {
namespace {

std::string FormatNumber(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return std::to_string(static_cast<int64_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

// "[alerts] " for the alerts table: the heading up to its remark.
std::string TableName(std::string_view table) {
  for (const ConfigTable& t : ConfigTables())
    if (t.id == table) return std::string(t.heading.substr(0, t.heading.find(" (")));
  return std::string(table);
}

// `code` marks code: bold in roff, plain in text.
std::string PlainText(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '`') out += c;
  return out;
}

std::string Roff(std::string_view s) {
  std::string out;
  bool code = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '`') {
      out += code ? "\\fR" : "\\fB";
      code = !code;
    } else if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c == '"') {
      out += "\\(dq";
    } else if (s.compare(i, 2, "é") == 0) {
      out += "\\('e";
      ++i;
    } else if (c == '\n') {
      out += '\n';
      if (i + 1 < s.size() && (s[i + 1] == '.' || s[i + 1] == '\'')) out += "\\&";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

// Words of `text` in lines of at most `width`, each line indented.
std::string Wrap(const std::string& text, const std::string& indent, size_t width = 78) {
  std::string out, line;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find(' ', b);
    std::string word = text.substr(b, e == std::string::npos ? std::string::npos : e - b);
    b = e == std::string::npos ? text.size() : e + 1;
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

bool Rendered(const ConfigKey& k) { return !k.doc.empty(); }

}  // namespace

const ConfigKey* FindConfigKey(std::string_view table, std::string_view key) {
  for (const ConfigKey& k : ConfigKeys())
    if (k.table == table && k.key == key) return &k;
  return nullptr;
}

std::vector<const ConfigKey*> ConfigKeysOf(std::string_view table) {
  std::vector<const ConfigKey*> out;
  for (const ConfigKey& k : ConfigKeys())
    if (k.table == table) out.push_back(&k);
  return out;
}

std::string NearestConfigKey(std::string_view table, std::string_view key) {
  std::string best;
  size_t best_d = 3;
  for (const ConfigKey* k : ConfigKeysOf(table)) {
    size_t d = EditDistance(key, k->key);
    if (d < best_d) {
      best_d = d;
      best = k->key;
    }
  }
  return best;
}

std::string ConfigKeySummary(const ConfigKey& k) {
  auto noun = [&](const char* fallback) { return k.type.empty() ? std::string(fallback) : std::string(k.type); };
  std::string s;
  switch (k.kind) {
    case KeyKind::kString: s = noun("string"); break;
    case KeyKind::kBool: s = noun("bool"); break;
    case KeyKind::kInt: s = noun("integer") + " " + std::to_string(k.imin) + ".." + std::to_string(k.imax); break;
    case KeyKind::kNumber: s = noun("number") + " " + FormatNumber(k.nmin) + ".." + FormatNumber(k.nmax); break;
    case KeyKind::kDuration:
      s = noun("duration") + " " + FormatDuration(k.dmin) + ".." +
          (k.dmax == Duration::max() ? std::string() : FormatDuration(k.dmax));
      break;
    case KeyKind::kOneOf:
      if (k.allowed.size() == 2) {
        s = Quoted(k.allowed[0]) + " or " + Quoted(k.allowed[1]);
      } else {
        s = "one of ";
        for (size_t i = 0; i < k.allowed.size(); ++i) s += (i ? ", " : "") + Quoted(k.allowed[i]);
      }
      break;
    case KeyKind::kStringList: s = noun("array of strings"); break;
    case KeyKind::kRegex: s = noun("RE2"); break;
    case KeyKind::kRegexList: s = noun("array of RE2"); break;
    case KeyKind::kTable: s = noun("table"); break;
    case KeyKind::kTableArray: s = noun("array of tables"); break;
    case KeyKind::kFieldRule: s = noun("field rule"); break;
  }
  if (!k.def.empty()) s += ", default " + std::string(k.def);
  if (k.required) s += ", required";
  return "(" + s + ")";
}

std::string ExplainConfigKey(std::string_view name) {
  std::string n(name), table, key = n;
  // "[alerts.smtp] url", "[[site]] name"
  if (size_t sp = n.find("] "); !n.empty() && n[0] == '[' && sp != std::string::npos) {
    table = n.substr(0, sp);
    while (!table.empty() && table.front() == '[') table.erase(0, 1);
    while (!table.empty() && table.back() == ']') table.pop_back();
    key = n.substr(sp + 2);
  } else if (size_t dot = n.rfind('.'); dot != std::string::npos) {
    table = n.substr(0, dot);
    key = n.substr(dot + 1);
  }
  std::string out;
  for (const ConfigKey& k : ConfigKeys()) {
    if (k.key != key || !Rendered(k)) continue;
    // "smtp.url" names [alerts.smtp] too.
    if (n.find('.') != std::string::npos || n[0] == '[') {
      std::string id(k.table);
      bool match = id == table || (id.size() > table.size() && id.compare(id.size() - table.size() - 1,
                                                                            std::string::npos, "." + table) == 0);
      if (!match) continue;
    }
    out += TableName(k.table) + " " + std::string(k.key) + " " + ConfigKeySummary(k) + "\n";
    out += Wrap(PlainText(k.doc), "    ");
    if (!k.example.empty()) out += "    Example: " + std::string(k.example) + "\n";
  }
  return out;
}

std::string ConfigReferenceMan() {
  std::string m =
      ".\\\" Generated from config/schema_keys.cc by `adwatch check-config --man`; do not edit.\n"
      ".TH ADWATCH.TOML 5 \"2026\" \"adwatch 0.1\" \"File Formats\"\n"
      ".ad l\n.nh\n"
      ".SH NAME\n"
      "adwatch.toml \\- the configuration of adwatch(1)\n"
      ".SH DESCRIPTION\n";
  m += Roff(
           "The main file (/etc/adwatch/adwatch.toml) and the rule and site files it includes are TOML. Validation "
           "is strict and reports every problem with file:line:col: `adwatch check-config`. Durations are written "
           "\"90s\", \"15m\", \"24h\", \"30d\" or \"1h30m\" (units in falling order, each once) and each key has "
           "its range; secrets are references: \"credential:NAME\", \"env:NAME\", \"file:/path\". Relative paths "
           "are relative to the file that names them.") +
       "\n.PP\n" +
       Roff("Every key the loader accepts is listed here: this page is generated from the table the loader reads "
            "its keys, types and ranges from, so no key can be missing. `adwatch check-config --explain KEY` "
            "prints one entry (KEY as in \"close_after\", \"alerts.close_after\" or \"site.fields.text\").") +
       "\n";
  for (const ConfigTable& t : ConfigTables()) {
    m += ".SS " + Roff(t.heading) + "\n";
    if (!t.intro.empty()) m += Roff(t.intro) + "\n";
    for (const ConfigKey* k : ConfigKeysOf(t.id)) {
      if (!Rendered(*k)) continue;
      m += ".TP\n.B " + std::string(k->key) + " \\fR" + Roff(ConfigKeySummary(*k)) + "\n" + Roff(k->doc) + "\n";
      if (!k->example.empty()) m += ".br\nExample: \\fB" + Roff(k->example) + "\\fR\n";
    }
  }
  m += ".SH SEE ALSO\n.BR adwatch (1)\n";
  return m;
}

}  // namespace adwatch
