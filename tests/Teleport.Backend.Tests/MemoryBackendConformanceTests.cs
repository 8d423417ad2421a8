using Teleport.Backend.Tests.Conformance;

namespace Teleport.Backend.Tests;

/// <summary>The contract, against the in-memory backend.</summary>
public sealed class MemoryBackendConformanceTests : BackendConformanceTests
{
    protected override ValueTask<IBackend> OpenBackendAsync(BackendSettings settings) =>
        ValueTask.FromResult<IBackend>(new MemoryBackend(new BackendOptions
        {
            TimeProvider = settings.Clock,
            SweepInterval = settings.SweepInterval,
            WatcherQueueCapacity = settings.WatcherQueueCapacity,
        }));

    protected override ValueTask<int> SweepAsync(IBackend backend) => ((MemoryBackend)backend).SweepExpiredAsync();
}
