using System.Diagnostics;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// An exclusive lock on a file, held across processes so parallel test runs don't run <c>npm ci</c> in the
/// same folder at once. On Unix .NET backs <see cref="FileShare.None"/> with <c>flock</c>, which the OS
/// releases when the holder dies, so a killed test host never leaves the lock stuck.
/// </summary>
internal sealed class CrossProcessFileLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private readonly FileStream _stream;

    private CrossProcessFileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until the lock on <paramref name="path"/> is free and takes it.</summary>
    public static async Task<CrossProcessFileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new CrossProcessFileLock(
                    new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                // Another process holds the lock while it installs; its result is what this one needs.
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw new EmulatorException(
                    $"Timed out after {timeout} waiting for the emulator install lock '{path}'; another test " +
                    "process is still installing, or is stuck.", exception);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
