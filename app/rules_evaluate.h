// `adwatch rules evaluate`, called from app/cmd_rules.cc.
#pragma once

#include "app/args.h"
#include "app/commands.h"

namespace adwatch {

int RunRulesEvaluate(const CommandContext& ctx, const Args& args);

}  // namespace adwatch
