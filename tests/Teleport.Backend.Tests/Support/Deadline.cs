namespace Teleport.Backend.Tests.Support;

/// <summary>How long a test waits for something that should happen at once before calling it lost; tests never sleep a fixed time.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);
}
