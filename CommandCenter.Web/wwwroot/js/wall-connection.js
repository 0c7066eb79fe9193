// Keeps a wall connected without anyone touching it: retry forever with back-off, show a quiet banner while
// down, and reload the page (only once the server answers /healthz) when the server no longer knows the circuit.
(function () {
  const banner = () => document.getElementById("components-reconnect-modal");
  let reloading = false;

  async function reloadWhenServerIsUp() {
    if (reloading) return;
    reloading = true;
    for (;;) {
      try {
        const response = await fetch("healthz", { cache: "no-store" });
        if (response.ok) { location.reload(); return; }
      } catch { /* server still down */ }
      await new Promise(resolve => setTimeout(resolve, 3000));
    }
  }

  async function keepTrying() {
    for (;;) {
      try {
        const reconnected = await Blazor.reconnect();
        if (reconnected) return;
        // Reached the server but it has forgotten this circuit: start afresh.
        await reloadWhenServerIsUp();
        return;
      } catch {
        await new Promise(resolve => setTimeout(resolve, 5000));
      }
    }
  }

  // Blazor toggles components-reconnect-* classes on the banner and raises this event as the state moves.
  banner()?.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail.state;
    if (state === "failed") keepTrying();
    else if (state === "rejected") reloadWhenServerIsUp();
  });

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 1000000,
        retryIntervalMilliseconds: attempt => Math.min(500 * Math.pow(2, attempt), 10000),
      },
    },
  });
})();
