using System.Diagnostics;
using Amazon.SQS.Model;
using Xunit.Abstractions;

namespace LambdaWorkflow.IntegrationTests.Emulators;

/// <summary>The host's own contract: loopback endpoints, a reused install, and no emulator left running after dispose.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class EmulatorHostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DisposeAsync_StartedHost_KillsBothEmulatorProcesses()
    {
        var host = await EmulatorHost.StartAsync();
        output.WriteLine($"Start-up: {host.Timings}");
        int[] processIds = [host.SqsProcessId, host.DynamoDbProcessId];
        int[] ports = [host.SqsServiceUrl.Port, host.DynamoDbServiceUrl.Port];

        Assert.Equal("127.0.0.1", host.SqsServiceUrl.Host);
        Assert.Equal("127.0.0.1", host.DynamoDbServiceUrl.Host);
        Assert.NotNull(await host.Sqs.ListQueuesAsync(new ListQueuesRequest()));
        await host.DisposeAsync();

        Assert.All(processIds, processId => Assert.False(IsRunning(processId), $"process {processId} still runs"));
        foreach (var port in ports)
        {
            Assert.False(await LoopbackPort.AcceptsConnectionsAsync(port, CancellationToken.None), $"port {port} still accepts");
        }
    }

    [Fact]
    public async Task EnsureInstalledAsync_LockFileUnchanged_ReusesEarlierInstall()
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory);
        var installDirectory = Path.Combine(root, ".emulators");
        await EmulatorInstaller.EnsureInstalledAsync(root, installDirectory, TimeSpan.FromMinutes(10), CancellationToken.None);

        var again = await EmulatorInstaller.EnsureInstalledAsync(root, installDirectory, TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.Null(again.InstallDuration);
        Assert.True(File.Exists(again.NodeExecutable));
    }

    [Fact]
    public void Find_OutsideAnyCheckout_ThrowsEmulatorExceptionNamingTheSolution()
    {
        var exception = Assert.Throws<EmulatorException>(() => RepositoryRoot.Find(Path.GetTempPath()));

        Assert.Contains("LambdaWorkflow.sln", exception.Message, StringComparison.Ordinal);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
