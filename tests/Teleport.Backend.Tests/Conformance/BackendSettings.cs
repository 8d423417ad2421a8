namespace Teleport.Backend.Tests.Conformance;

/// <summary>What a conformance test may vary in the backend it opens; each implementation maps it to its options.</summary>
public sealed record BackendSettings(TimeProvider Clock, TimeSpan SweepInterval, int WatcherQueueCapacity = 1024);
