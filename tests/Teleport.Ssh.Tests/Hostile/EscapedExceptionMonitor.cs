using System.Collections.Concurrent;
using System.Diagnostics;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Records exceptions that escape the library unobserved: faulted tasks nobody awaited (reported
/// when the finalizer collects them) and unhandled exceptions on any thread. One per test process;
/// the hostile tests ask it, after forcing a collection, whether anything from Teleport.Ssh escaped.
/// </summary>
internal sealed class EscapedExceptionMonitor
{
    private static readonly System.Reflection.Assembly Library = typeof(SshServer).Assembly;

    private readonly ConcurrentQueue<Exception> _escaped = new();

    private EscapedExceptionMonitor()
    {
        TaskScheduler.UnobservedTaskException += (_, e) => Record(e.Exception);
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is Exception exception)
            {
                Record(exception);
            }
        };
    }

    public static EscapedExceptionMonitor Instance { get; } = new();

    /// <summary>Finalizes what is collectable, then fails if a library exception escaped since the last check.</summary>
    public void AssertNoneEscaped()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var escaped = new List<Exception>();
        while (_escaped.TryDequeue(out Exception? exception))
        {
            escaped.Add(exception);
        }

        Assert.True(escaped.Count == 0, $"{escaped.Count} exception(s) escaped from Teleport.Ssh unobserved:\n{string.Join("\n\n", escaped)}");
    }

    private void Record(Exception exception)
    {
        if (ComesFromLibrary(exception))
        {
            _escaped.Enqueue(exception);
        }
    }

    /// <summary>True when the exception, or one it wraps, was thrown by or passed through the library's code.</summary>
    private static bool ComesFromLibrary(Exception exception)
    {
        if (exception is SshException || new StackTrace(exception).GetFrames().Any(frame => frame.GetMethod()?.DeclaringType?.Assembly == Library))
        {
            return true;
        }

        IEnumerable<Exception> inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : [];
        if (exception.InnerException is { } single)
        {
            inner = inner.Append(single);
        }

        return inner.Any(ComesFromLibrary);
    }
}
