// Pipeline: the work adwatch does, as the daemon schedules it. One
// implementation wires crawler → matcher → store → alerts (app/wire_*.cc);
// tests of the daemon's scheduling, signals and reloads use a fake.
//
// Every method runs on the daemon's io_context thread; none blocks for long
// except where noted (store writes are short transactions).
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>

#include "app/metrics.h"
#include "config/config.h"
#include "core/ad.h"
#include "core/clock.h"
#include "core/signal.h"
#include "core/status.h"

namespace adwatch {

struct CycleSummary {
  std::string site;
  int64_t cycle = 0;
  int64_t pages = 0;
  int64_t ads_new = 0;
  int64_t ads_changed = 0;
  int64_t ads_vanished = 0;
  int64_t errors = 0;
  bool completed = false;   // false: abandoned (shutdown) or failed; resumed next time
  std::string error;        // why not completed, for the log
  // The cycle ended on an error (the store lost, its leases unreadable), not
  // by finishing or stopping: what the store holds of it is partial.
  bool failed = false;
};

// One configuration, immutable once loaded. Each crawl cycle keeps the one it
// started with; a reload swaps the pipeline's pointer between cycles.
using ConfigPtr = std::shared_ptr<const Config>;

class Pipeline {
 public:
  virtual ~Pipeline() = default;

  // Starts one crawl cycle of `site` on `config` (kept alive until `done`
  // has run, whatever reloads happen meanwhile); every new, changed or
  // vanished ad goes through the matcher into the store as it arrives. `done`
  // runs once, on the io_context, when the cycle ends or is abandoned by Stop().
  virtual void StartCycle(ConfigPtr config, const std::string& site,
                          std::function<void(const CycleSummary&)> done) = 0;
  // Stop taking new work; in-flight transfers finish or are abandoned (their
  // leases released so a restart resumes them).
  virtual void Stop() = 0;
  // Cross-ad signals, entities and alert evaluation; sends immediate
  // messages for critical alerts. Run after each cycle.
  virtual Status Evaluate() = 0;
  // The next scheduled digest at or after `now`.
  virtual TimePoint NextDigest(TimePoint now) const = 0;
  // Queues the digests whose slot has passed (or, with force_now, a digest
  // now, as the one-pass demo does), then delivers the outbox.
  virtual Status SendDigests(bool force_now) = 0;
  // Retries queued mail that is due.
  virtual Status DeliverOutbox() = 0;
  // Applies retention; returns a one-line summary of what was removed.
  virtual Result<std::string> Purge() = 0;
  // Swaps in a new, already validated configuration (rules recompiled); counts
  // and audits the reload. Cycles in flight keep theirs.
  virtual Status Reload(ConfigPtr config) = 0;
  // A reload refused before or by Reload(): counted and audited with `why`.
  virtual void ReloadRejected(const std::string& why) = 0;
  // A one-line summary for systemd's STATUS= and the log.
  virtual std::string StatusLine() const = 0;
};

struct Matcher;

// Test seams of the real pipeline.
struct PipelineHooks {
  // Replaces the matcher's AnalyzeAd; runs on the worker pool, never on the
  // io_context (a slow one must not hold up the loop).
  std::function<AdSignals(const Ad&, const Matcher&)> analyse;
};

// The real pipeline over the store, crawler, matcher and alerts. Parsing and
// matching run on one worker pool of crawler.worker_threads shared by every
// site; a cycle's `done` runs once all of its ads were analysed.
Result<std::unique_ptr<Pipeline>> CreatePipeline(boost::asio::io_context& io, ConfigPtr config, Clock& clock,
                                                 Metrics& metrics, PipelineHooks hooks = {});

}  // namespace adwatch
