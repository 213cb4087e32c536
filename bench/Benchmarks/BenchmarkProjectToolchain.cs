using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace LambdaWorkflow.Benchmarks;

/// <summary>
/// The default .NET toolchain, except that it finds this project by its file name. BenchmarkDotNet looks for
/// <c>{assembly name}.csproj</c>, but the repository computes assembly names (<c>Benchmarks.csproj</c> builds
/// <c>LambdaWorkflow.Benchmarks</c>).
/// </summary>
internal static class BenchmarkProjectToolchain
{
    private const string ProjectFileName = "Benchmarks.csproj";

    public static IToolchain Create()
    {
        // The settings' null paths mean "use the defaults"; BenchmarkDotNet's constructors accept null but are not annotated so.
        var settings = NetCoreAppSettings.NetCoreApp10_0;
        return new Toolchain(
            settings.Name,
            new Generator(settings),
            new DotNetCliBuilder(settings.TargetFrameworkMoniker, settings.CustomDotNetCliPath),
            new DotNetCliExecutor(settings.CustomDotNetCliPath!));
    }

    private sealed class Generator(NetCoreAppSettings settings)
        : CsProjGenerator(settings.TargetFrameworkMoniker, settings.CustomDotNetCliPath!, settings.PackagesPath!, settings.RuntimeFrameworkVersion!)
    {
        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger)
        {
            // The host runs from bin/<configuration>/<tfm>/ below the project folder.
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = new FileInfo(Path.Combine(directory.FullName, ProjectFileName));
                if (candidate.Exists)
                {
                    return candidate;
                }
            }

            return base.GetProjectFilePath(benchmarkTarget, logger);
        }
    }
}
