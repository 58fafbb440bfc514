// `adwatch rules backtest`, called from app/cmd_rules.cc.
#pragma once

#include "app/args.h"
#include "app/commands.h"

namespace adwatch {

int RunRulesBacktest(const CommandContext& ctx, const Args& args);

}  // namespace adwatch
