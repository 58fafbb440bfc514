// adwatch users add|disable|enable|list: local accounts of the review
// console (console/). Passwords come from stdin or a file, never from the
// command line (it shows in ps and shell history), and are stored as
// Argon2id hashes. --totp adds a second factor and prints its secret once;
// reset-totp removes it (the user sets it up again in the console).
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "console/auth.h"
#include "store/store.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] users COMMAND ...\n\n"
    "  add NAME --role ROLE [--municipalities \"A,B\"] [--password-file FILE | --sso] [--totp]\n"
    "  disable NAME        (signs the account out everywhere)\n"
    "  enable NAME\n"
    "  reset-totp NAME     (a lost phone: signs out everywhere; the user sets it up again at /account)\n"
    "  list\n\n"
    "ROLE: coordinator (its municipalities), regional (all municipalities), dpo (audit log and\n"
    "reports, no ad content), admin (sites and crawl health).\n"
    "The password is read from --password-file, else the first line of stdin. --sso makes an\n"
    "account without a password that signs in only through the reverse proxy's header\n"
    "([console] sso_header). --totp prints a secret for an authenticator app (RFC 6238).\n"
    "Adding an existing name replaces its role, municipalities and password.\n";

int Usage(const std::string& what) {
  std::cerr << "adwatch users: " << what << "\n" << kUsage;
  return kExitUsage;
}

int Fail(const std::string& what) {
  std::cerr << "adwatch users: " << what << "\n";
  return kExitFailure;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ',')) {
    size_t b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
  }
  return out;
}

}  // namespace

int RunUsers(CommandContext& ctx) {
  Args args(ctx.args, {"role", "municipalities", "password-file"}, {"totp", "sso", "help"});
  if (args.Has("help")) { std::cout << kUsage; return kExitOk; }
  if (!args.ok()) return Usage(args.error());
  const auto& pos = args.positional();
  if (pos.empty()) return Usage("missing COMMAND");
  const std::string cmd = pos[0];
  if (cmd == "list" ? pos.size() != 1 : pos.size() != 2) return Usage("wrong number of arguments for " + cmd);
  if (cmd != "add" && cmd != "disable" && cmd != "enable" && cmd != "reset-totp" && cmd != "list")
    return Usage("unknown command \"" + cmd + "\"");

  ConsoleUser user;
  if (cmd == "add") {
    user.name = pos[1];
    user.role = args.ValueOr("role", "");
    if (user.role != "coordinator" && user.role != "regional" && user.role != "dpo" && user.role != "admin")
      return Usage("--role must be coordinator, regional, dpo or admin");
    user.municipalities = SplitList(args.ValueOr("municipalities", ""));
    if (user.role == "coordinator" && user.municipalities.empty())
      return Usage("a coordinator needs --municipalities");
  }
  auto config = LoadConfigForCommand(ctx, "users");
  if (!config) return kExitUsage;
  if (cmd == "add") {
    for (const auto& m : user.municipalities) {
      bool known = false;
      for (const auto& mc : config->alerts.municipalities) known |= mc.name == m;
      if (!known) return Usage("municipality \"" + m + "\" is not an [[alerts.municipality]] of the config");
    }
  }
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "users");
  if (!store) return kExitFailure;
  const std::string who = Env::Default()->UserName();
  const TimePoint now = clock.Now();

  if (cmd == "list") {
    auto users = store->ListUsers();
    if (!users.ok()) return Fail(users.status().message());
    for (const auto& u : *users) {
      std::string munis;
      for (const auto& m : u.municipalities) munis += (munis.empty() ? "" : ", ") + m;
      printf("%-20s %-12s %-9s %-8s %s\n", u.name.c_str(), u.role.c_str(), u.disabled ? "disabled" : "active",
             u.password_hash.empty() ? "sso" : (u.totp_secret.empty() ? "password" : "pw+totp"), munis.c_str());
    }
    if (users->empty()) std::cout << "no users\n";
    return kExitOk;
  }
  if (cmd == "disable" || cmd == "enable") {
    auto u = store->GetUser(pos[1]);
    if (!u.ok()) return Fail("no user \"" + pos[1] + "\"");
    u->disabled = cmd == "disable";
    u->failures = 0;
    u->locked_until.reset();
    if (auto st = store->SaveUser(*u, now); !st.ok()) return Fail(st.message());
    if (u->disabled)
      if (auto st = store->DeleteSessions("", u->name); !st.ok()) return Fail(st.message());
    if (auto st = store->AppendAudit({0, now, who, "console-user-" + cmd, "user " + u->name}); !st.ok())
      return Fail(st.message());
    std::cout << "user " << u->name << ": " << cmd << "d\n";
    return kExitOk;
  }
  if (cmd == "reset-totp") {
    auto u = store->GetUser(pos[1]);
    if (!u.ok()) return Fail("no user \"" + pos[1] + "\"");
    u->totp_secret.clear();
    if (auto st = store->SaveUser(*u, now); !st.ok()) return Fail(st.message());
    if (auto st = store->DeleteSessions("", u->name); !st.ok()) return Fail(st.message());
    if (auto st = store->AppendAudit({0, now, who, "console-user-reset-totp", "user " + u->name}); !st.ok())
      return Fail(st.message());
    std::cout << "user " << u->name << ": second factor removed; signed out everywhere. After signing in with the "
              << "password alone, the user sets it up again on the account page (/account).\n";
    return kExitOk;
  }
  // add
  if (!args.Has("sso")) {
    std::string password;
    if (auto f = args.Value("password-file")) {
      std::ifstream in(*f);
      if (!in) return Fail("cannot read " + *f);
      std::getline(in, password);
    } else {
      std::getline(std::cin, password);
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < 12) return Usage("the password must have at least 12 characters");
    auto hash = console::HashPassword(password);
    if (!hash.ok()) return Fail(hash.status().message());
    user.password_hash = *hash;
  }
  if (args.Has("totp")) user.totp_secret = console::NewTotpSecret();
  if (auto st = store->SaveUser(user, now); !st.ok()) return Fail(st.message());
  // A changed role or password ends old sessions.
  if (auto st = store->DeleteSessions("", user.name); !st.ok()) return Fail(st.message());
  if (auto st = store->AppendAudit({0, now, who, "console-user-add", "user " + user.name + " role " + user.role});
      !st.ok())
    return Fail(st.message());
  std::cout << "user " << user.name << " (" << user.role << ") saved\n";
  if (!user.totp_secret.empty())
    std::cout << "TOTP secret (enter it in the authenticator app): " << user.totp_secret << "\n"
              << "otpauth://totp/adwatch:" << user.name << "?secret=" << user.totp_secret << "&issuer=adwatch\n";
  return kExitOk;
}

}  // namespace adwatch
