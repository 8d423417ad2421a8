using Teleport.Backend.Tests.Conformance;

namespace Teleport.Backend.Tests;

/// <summary>The contract, against SQLite: every backend in its own temporary directory.</summary>
public sealed class SqliteBackendConformanceTests : BackendConformanceTests
{
    private readonly List<TempDirectory> _directories = [];

    protected override async ValueTask<IBackend> OpenBackendAsync(BackendSettings settings)
    {
        var directory = new TempDirectory();
        _directories.Add(directory);
        return await SqliteBackend.OpenAsync(new SqliteBackendOptions
        {
            Directory = directory.Combine("backend"),
            TimeProvider = settings.Clock,
            SweepInterval = settings.SweepInterval,
            WatcherQueueCapacity = settings.WatcherQueueCapacity,
        });
    }

    protected override ValueTask<int> SweepAsync(IBackend backend) => ((SqliteBackend)backend).SweepExpiredAsync();

    protected override void DisposeResources()
    {
        foreach (TempDirectory directory in _directories)
        {
            directory.Dispose();
        }
    }
}
