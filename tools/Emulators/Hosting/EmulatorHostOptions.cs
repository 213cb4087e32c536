namespace LambdaWorkflow.Emulators;

/// <summary>Where <see cref="EmulatorHost"/> finds and installs the emulators, and how long it waits.</summary>
public sealed class EmulatorHostOptions
{
    /// <summary>
    /// The checkout holding <c>LambdaWorkflow.sln</c> and <c>tests/emulators</c>. Default: found by walking up
    /// from <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Where <c>npm ci</c> installs the packages. Default: <c>&lt;repository root&gt;/.emulators</c> (git-ignored).</summary>
    public string? InstallDirectory { get; set; }

    /// <summary>Limit for <c>npm ci</c>, and for waiting on another process that is installing. Default: 10 minutes.</summary>
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Limit for each emulator to start and answer a first SDK call. Default: 30 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
