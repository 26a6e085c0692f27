// Each test class runs whole processes (silos, a gateway) and measures failover times: run the
// classes one after another so they do not fight over two cores and skew each other's timings.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
