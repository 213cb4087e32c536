using System.Diagnostics;
using System.Globalization;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// One emulator running as a Node child process on 127.0.0.1. Its stdin stays open while this object lives:
/// the start scripts exit when stdin closes, so the emulator also stops if the test host is killed.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "READY ";
    private const int PortAttempts = 3;
    private const int OutputTailLines = 60;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly OutputTail _output;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmulatorProcess(string name, int port, Process process, OutputTail output)
    {
        Name = name;
        Port = port;
        ServiceUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        _process = process;
        _output = output;
    }

    /// <summary>The short name the script announces (<c>sqs</c>, <c>dynamodb</c>).</summary>
    public string Name { get; }

    /// <summary>The loopback port the emulator listens on.</summary>
    public int Port { get; }

    /// <summary>The endpoint for the SDK's <c>ServiceURL</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>The Node process id, which <see cref="DisposeAsync"/> kills with its tree.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <paramref name="scriptFileName"/> on a free port and waits for its readiness line and a TCP
    /// connection. Retries on another port if the picked one was taken in between.
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(
        EmulatorInstallation installation, string name, string scriptFileName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var emulator = Launch(installation, name, scriptFileName, LoopbackPort.FindFree());
            try
            {
                await emulator.WaitUntilListeningAsync(timeout, cancellationToken).ConfigureAwait(false);
                return emulator;
            }
            catch (EmulatorException) when (attempt < PortAttempts && emulator._output.Contains("EADDRINUSE"))
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Builds an exception naming this emulator and quoting its latest output.</summary>
    public EmulatorException Failure(string problem, Exception? innerException = null)
    {
        var message = $"The {Name} emulator (pid {ProcessId}, {ServiceUrl}) {problem}. Its output:\n{_output}";
        return innerException is null ? new EmulatorException(message) : new EmulatorException(message, innerException);
    }

    /// <summary>Kills the Node process tree and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var exitWait = new CancellationTokenSource(ExitWait);
            await _process.WaitForExitAsync(exitWait.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process exited between the check and the kill: nothing left to stop.
        }
        catch (OperationCanceledException)
        {
            // SIGKILL was sent; a process that still has not been reaped is the OS's to finish.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static EmulatorProcess Launch(EmulatorInstallation installation, string name, string scriptFileName, int port)
    {
        var startInfo = new ProcessStartInfo(installation.NodeExecutable)
        {
            WorkingDirectory = installation.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // fauxqs imports node:sqlite, which prints an ExperimentalWarning on Node 22 at every start.
        startInfo.ArgumentList.Add("--disable-warning=ExperimentalWarning");
        startInfo.ArgumentList.Add(installation.Script(scriptFileName));
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var output = new OutputTail(OutputTailLines);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            process.Dispose();
            throw new EmulatorException(
                $"Could not run '{installation.NodeExecutable}' for the {name} emulator; delete " +
                $"'{installation.Directory}' to reinstall.", exception);
        }

        var emulator = new EmulatorProcess(name, port, process, output);
        process.OutputDataReceived += (_, e) => emulator.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return emulator;
    }

    private void OnOutput(string? line)
    {
        _output.Add(line);
        if (line is not null && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var exited = _process.WaitForExitAsync(timeoutSource.Token);
            if (await Task.WhenAny(_ready.Task, exited).ConfigureAwait(false) == exited)
            {
                await exited.ConfigureAwait(false); // Rethrows the timeout, if that is what ended the wait.
                throw Failure($"exited with code {_process.ExitCode} before it was ready");
            }

            while (!await LoopbackPort.AcceptsConnectionsAsync(Port, timeoutSource.Token).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeoutSource.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure($"was not listening within {timeout}", exception);
        }
    }
}
